// Where the reviewer is, in the URL hash: a reload (or Electron restoring a window) comes back to
// the same claim, and the browser's back button works between the queue, a claim and the inbox.
import { useCallback, useSyncExternalStore } from 'react';

export type Route = { view: 'queue' } | { view: 'claim'; id: string } | { view: 'conflicts' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [, view, id] = hash.replace(/^#/, '').split('/');
  if (view === 'claim' && id && UUID.test(id)) return { view: 'claim', id };
  if (view === 'conflicts') return { view: 'conflicts' };
  return { view: 'queue' };
}

export function routeHash(route: Route): string {
  return route.view === 'claim' ? `#/claim/${route.id}` : `#/${route.view}`;
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    const next = routeHash(route);
    if (window.location.hash !== next) window.location.hash = next;
  }, []);
  return [parseRoute(hash), navigate];
}
