// A reviewer's desk holds her scope, not the service (issue 17, Speed): 500 claims assigned to her
// in a service holding 10,000 claims and then 1,000,000 (the others unassigned: the lead's pool),
// on the local PostgreSQL, seeded set-based (bench/support/claims-server.ts).
//  - first_sync_scope500_1m: sign in and sync.now into an empty data directory with 1,000,000
//    claims in the service, beside the same first sync with 10,000 (goal: <= 3 s, ratio <= 1.3).
//  - open_scope500_1m: Engine.open over the data directory that first sync left, in a fresh
//    process, to a queryable queue, with its RSS (goal: <= 300 ms, RSS <= 250 MB), beside the same
//    process only reading and JSON.parsing its snapshot.json.
import { rm } from 'node:fs/promises';
import { Engine } from '../../electron/engine/engine.js';
import { PASSWORD } from '../../test/integration/server/harness.js';
import { tempDir } from '../../test/unit/engine/fixtures.js';
import { shared, type Figure } from '../figure.js';
import { elapsed } from '../measure.js';
import { benchServer, seedClaims, type BenchServer } from '../support/claims-server.js';
import { measureOpen } from '../support/measure-open.js';

const SCOPE = 500;

/** A first sync of the reviewer's desk into an empty data directory: how long, and where it left the store. */
async function firstSync(server: BenchServer, label: string): Promise<{ ms: number; dir: string }> {
  const dir = await tempDir(`bench-scope-${label}`);
  const engine = await Engine.open({ dataDir: dir, serverUrl: server.url, autoSync: false, requestTimeoutMs: 120_000 });
  try {
    await engine['session.signIn']({ serverUrl: server.url, username: 'jana', password: PASSWORD });
    const ms = await elapsed(async () => {
      const status = await engine['sync.now']({});
      if (status.lastError) throw new Error(`sync failed: ${status.lastError}`);
    });
    const held = (await engine['queue.query']({ limit: 1 })).total;
    if (held !== SCOPE) throw new Error(`the desk holds ${held} claims after its first sync, not ${SCOPE}`);
    return { ms, dir };
  } finally {
    await engine.close();
  }
}

const scoped = shared(async () => {
  const server = await benchServer();
  const dirs: string[] = [];
  try {
    await seedClaims(server.service.deps.db, SCOPE, { id: server.people.ids.reviewer1, name: 'Jana Reviewer' });
    await seedClaims(server.service.deps.db, 10_000 - SCOPE, null);
    const at10k = await firstSync(server, '10k');
    dirs.push(at10k.dir);
    await seedClaims(server.service.deps.db, 1_000_000 - 10_000, null);
    const at1m = await firstSync(server, '1m');
    dirs.push(at1m.dir);
    const parsed = await measureOpen(at1m.dir, true);
    const opened = await measureOpen(at1m.dir, false);
    if (opened.held !== SCOPE) throw new Error(`the engine opened with ${opened.held} claims, not ${SCOPE}`);
    return { sync10k: at10k.ms, sync1m: at1m.ms, opened, parsed };
  } finally {
    await server.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
});

export const figures: Figure[] = [
  {
    name: 'first_sync_scope500_1m',
    unit: 'ms',
    async run() {
      const r = await scoped();
      return { value: r.sync1m, baseline: { name: 'first_sync_scope500_10k', value: r.sync10k }, extra: { scope: SCOPE, service_claims: 1_000_000 } };
    },
  },
  {
    name: 'open_scope500_1m',
    unit: 'ms',
    async run() {
      const r = await scoped();
      return {
        value: r.opened.ms,
        baseline: { name: 'readFile+JSON.parse(snapshot.json)', value: r.parsed.ms },
        extra: { rss_mb: Math.round(r.opened.rssMb), baseline_rss_mb: Math.round(r.parsed.rssMb), claims: SCOPE },
      };
    },
  },
];
