// Where the reviewer is, in the URL hash: a reload (or Electron restoring a window) comes back to
// the same claim, and the browser's back button works between the queue, a claim and the inbox.
// The lead's screens (renderer/lead) and a reviewer's QA tasks have their places here too. No React
// here: the entry reads the route before anything else has loaded (main.tsx); the hook is use-route.ts.
export type Route =
  | { view: 'queue' }
  | { view: 'claim'; id: string }
  | { view: 'conflicts' }
  | { view: 'lead-log' }
  | { view: 'lead-decision'; id: string }
  | { view: 'lead-assign' }
  | { view: 'lead-sla' }
  | { view: 'lead-metrics' }
  | { view: 'lead-qa' }
  | { view: 'qa-tasks' }
  | { view: 'qa-task'; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A decision log row's id (e123, or r<client>:<n> for a refused one). */
const DECISION_ID = /^(e\d+|r[0-9a-f-]{36}:\d+)$/;
const PLAIN = ['conflicts', 'lead-log', 'lead-assign', 'lead-sla', 'lead-metrics', 'lead-qa', 'qa-tasks'] as const;

export function parseRoute(hash: string): Route {
  const [, view, raw] = hash.replace(/^#/, '').split('/');
  const id = raw ? decodeURIComponent(raw) : undefined;
  if (view === 'claim' && id && UUID.test(id)) return { view: 'claim', id };
  if (view === 'lead-decision' && id && DECISION_ID.test(id)) return { view: 'lead-decision', id };
  if (view === 'qa-task' && id && UUID.test(id)) return { view: 'qa-task', id };
  const plain = PLAIN.find((p) => p === view);
  if (plain) return { view: plain };
  return { view: 'queue' };
}

export function routeHash(route: Route): string {
  return 'id' in route ? `#/${route.view}/${encodeURIComponent(route.id)}` : `#/${route.view}`;
}
