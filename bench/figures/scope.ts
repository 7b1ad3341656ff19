// A reviewer's desk holds her scope, not the service (issue 17, Speed): 500 claims assigned to her
// in a service holding 10,000 claims (the others unassigned: the lead's pool) and in the run's
// service of 1,000,000 (bench/support/million.ts), on the local PostgreSQL, seeded set-based.
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
import { elapsed, percentile } from '../measure.js';
import { benchServer, seedClaims, type BenchServer } from '../support/claims-server.js';
import { measureOpen } from '../support/measure-open.js';
import { JANA_CLAIMS as SCOPE, millionClaims } from '../support/million.js';

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

/** First syncs per size: a single one read 77 ms on one run and 279 on another at 1,000,000 claims, so the median of five is read. */
const SYNCS = 5;

/** SYNCS first syncs, each into its own empty directory: the median time, and the last one's directory (the others removed). */
async function firstSyncs(server: BenchServer, label: string): Promise<{ ms: number; dir: string }> {
  const times: number[] = [];
  let dir = '';
  for (let i = 0; i < SYNCS; i++) {
    if (dir) await rm(dir, { recursive: true, force: true });
    const sync = await firstSync(server, `${label}-${i}`);
    times.push(sync.ms);
    dir = sync.dir;
  }
  return { ms: percentile(times, 50), dir };
}

const scoped = shared(async () => {
  const dirs: string[] = [];
  try {
    const small = await benchServer();
    let at10k: { ms: number; dir: string };
    try {
      await seedClaims(small.service.deps.db, SCOPE, { id: small.people.ids.reviewer1, name: 'Jana Reviewer' });
      await seedClaims(small.service.deps.db, 10_000 - SCOPE, null);
      at10k = await firstSyncs(small, '10k');
      dirs.push(at10k.dir);
    } finally {
      await small.close();
    }
    const large = await benchServer({ on: await millionClaims() });
    let at1m: { ms: number; dir: string };
    try {
      at1m = await firstSyncs(large, '1m');
      dirs.push(at1m.dir);
    } finally {
      await large.close();
    }
    const parsed = await measureOpen(at1m.dir, true);
    const opened = await measureOpen(at1m.dir, false);
    if (opened.held !== SCOPE) throw new Error(`the engine opened with ${opened.held} claims, not ${SCOPE}`);
    return { sync10k: at10k.ms, sync1m: at1m.ms, opened, parsed };
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
});

export const figures: Figure[] = [
  {
    name: 'first_sync_scope500_1m',
    unit: 'ms',
    async run() {
      const r = await scoped();
      return { value: r.sync1m, baseline: { name: 'first_sync_scope500_10k', value: r.sync10k }, extra: { scope: SCOPE, service_claims: 1_000_000, syncs: SYNCS } };
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
