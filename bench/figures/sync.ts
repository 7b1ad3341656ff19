// Sync figures against the claims service on the local PostgreSQL (bench/support/claims-server.ts):
//  - pull_10_changes_{10k,1m}: a synced desk's incremental pull of 10 changed claims while the
//    server holds 10,000 and 1,000,000 claims (the run's shared million, bench/support/million.ts),
//    beside the same pull at 1,000 claims (goal: ratio <= 1.5: the pull costs what it carries, not
//    what the store holds). Median of 30 pulls.
//  - initial_sync_20k: 20,000 claims into an empty engine (sign in, sync.now), beside PouchDB
//    replicating the same 20,000 documents between two in-memory databases (goal: <= 0.5).
//  - push_1k_offline: 1,000 decisions made offline, delivered by one sync, beside the same 1,000
//    decisions sent as 1,000 single requests (decisions/s; goal: ratio >= 5).
// Everything goes through the public engine and HTTP APIs, so the figures measure what is on main.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { sql } from 'drizzle-orm';
import { Engine } from '../../electron/engine/engine.js';
import type { PullResponse, PushResponse } from '../../shared/contract/sync.js';
import { PASSWORD } from '../../test/integration/server/harness.js';
import { tempDir } from '../../test/unit/engine/fixtures.js';
import { shared, type Figure } from '../figure.js';
import { elapsed, percentile } from '../measure.js';
import { benchServer, headCookie, post, seedClaims, type BenchServer } from '../support/claims-server.js';
import { millionClaims } from '../support/million.js';

const PULL_SAMPLES = 30;

/**
 * A lead comments on 10 claims; a desk synced up to the head pulls them. Answers the pulls' times
 * and raw pg reads of the same rows. The claims are unassigned, so they are the lead's scope (the
 * pool): the lead's second desk pulls.
 */
async function pullTenChanges(server: BenchServer): Promise<{ pull: number[]; raw: number[] }> {
  const { lead } = server.people;
  const picked = (await server.service.deps.db.execute(sql`SELECT id, version FROM claims WHERE assignee_id IS NULL ORDER BY random() LIMIT ${PULL_SAMPLES * 10}`)) as unknown as {
    rows: { id: string; version: number }[];
  };
  const leadClient = randomUUID();
  const deskClient = randomUUID();
  let cookie = await headCookie(server);
  await post<PullResponse>(server, '/sync/pull', lead, { clientId: deskClient, cookie });
  const raw = new pg.Client({ connectionString: server.databaseUrl });
  await raw.connect();
  const times = { pull: [] as number[], raw: [] as number[] };
  try {
    for (let sample = 0; sample < PULL_SAMPLES; sample++) {
      const mutations = picked.rows.slice(sample * 10, sample * 10 + 10).map((c, i) => ({
        id: sample * 10 + i + 1,
        claimId: c.id,
        name: 'comment',
        args: { commentId: randomUUID(), text: 'Checked the signature page.' },
        baseVersion: c.version,
        decidedAt: new Date().toISOString(),
      }));
      const pushed = await post<PushResponse>(server, '/sync/push', lead, { clientId: leadClient, mutations });
      if (pushed.lastMutationId !== mutations.at(-1)!.id) throw new Error(`push answered ${JSON.stringify(pushed)}`);
      const from = cookie;
      let page: PullResponse | undefined;
      times.pull.push(await elapsed(async () => (page = await post<PullResponse>(server, '/sync/pull', lead, { clientId: deskClient, cookie: from }))));
      if (page!.claims.length !== 10 || page!.more || page!.reset) throw new Error(`the pull carried ${page!.claims.length} claims (more ${page!.more}, reset ${page!.reset}), not the 10 changed`);
      cookie = page!.cookie;
      times.raw.push(await elapsed(() => raw.query('SELECT data FROM claims WHERE change_seq > $1 AND change_seq <= $2 ORDER BY change_seq LIMIT 501', [from, cookie])));
    }
    return times;
  } finally {
    await raw.end();
  }
}

/**
 * One server grown from 1,000 to 10,000 claims, measured at each size, then a server over the run's
 * million-claim database (bench/support/million.ts, seeded once per run).
 */
const pullSizes = shared(async () => {
  const bySize = new Map<string, { pull: number[]; raw: number[] }>();
  const server = await benchServer();
  try {
    let held = 0;
    for (const [label, size] of [
      ['1k', 1_000],
      ['10k', 10_000],
    ] as const) {
      await seedClaims(server.service.deps.db, size - held, null);
      held = size;
      bySize.set(label, await pullTenChanges(server));
    }
  } finally {
    await server.close();
  }
  const large = await benchServer({ on: await millionClaims() });
  try {
    bySize.set('1m', await pullTenChanges(large));
  } finally {
    await large.close();
  }
  return bySize;
});

const pullFigure = (label: '10k' | '1m'): Figure => ({
  name: `pull_10_changes_${label}`,
  unit: 'ms',
  async run() {
    const sizes = await pullSizes();
    const at = sizes.get(label)!;
    return {
      value: percentile(at.pull, 50),
      baseline: { name: 'pull_10_changes_1k', value: percentile(sizes.get('1k')!.pull, 50) },
      extra: { p90: percentile(at.pull, 90), raw_pg_select: percentile(at.raw, 50), samples: at.pull.length },
    };
  },
});

/**
 * An engine in a fresh data directory signed in to the server as the reviewer (nothing synced yet).
 * Its request timeout is raised from 15 s: a push of 500 decisions took longer on this 2-core
 * machine under the other helpers' load, and the figure measures throughput, not the timeout.
 */
async function signedInEngine(server: BenchServer, dataDir: string): Promise<Engine> {
  const engine = await Engine.open({ dataDir, serverUrl: server.url, autoSync: false, requestTimeoutMs: 120_000 });
  await engine['session.signIn']({ serverUrl: server.url, username: 'jana', password: PASSWORD });
  return engine;
}

async function syncNow(engine: Engine): Promise<void> {
  const status = await engine['sync.now']({});
  if (status.lastError) throw new Error(`sync failed: ${status.lastError}`);
}

async function initialSync(): Promise<{ engineMs: number; pouchMs: number }> {
  const COUNT = 20_000;
  const server = await benchServer();
  const dir = await tempDir('bench-initial-sync');
  try {
    // Her scope: the claims assigned to her.
    await seedClaims(server.service.deps.db, COUNT, { id: server.people.ids.reviewer1, name: 'Jana Reviewer' });
    const engine = await signedInEngine(server, dir);
    let engineMs: number;
    try {
      engineMs = await elapsed(() => syncNow(engine));
      const total = (await engine['queue.query']({ limit: 1 })).total;
      if (total !== COUNT) throw new Error(`the engine holds ${total} claims after the sync, not ${COUNT}`);
    } finally {
      await engine.close();
    }
    // The same documents the server sent, replicated between two PouchDB databases in this process.
    const rows = (await server.service.deps.db.execute(sql`SELECT data FROM claims`)) as unknown as { rows: { data: { id: string } }[] };
    const Pouch = PouchDB.plugin(memoryAdapter).plugin(replication);
    const source = new Pouch(`bench-source-${randomUUID()}`, { adapter: 'memory' });
    const target = new Pouch(`bench-target-${randomUUID()}`, { adapter: 'memory' });
    const docs = rows.rows.map((r) => ({ _id: r.data.id, ...r.data }));
    for (let i = 0; i < docs.length; i += 1000) await source.bulkDocs(docs.slice(i, i + 1000));
    const pouchMs = await elapsed(() => Pouch.replicate(source, target, { batch_size: 500 }));
    const copied = (await target.info()).doc_count;
    await source.destroy();
    await target.destroy();
    if (copied !== COUNT) throw new Error(`PouchDB replicated ${copied} documents, not ${COUNT}`);
    return { engineMs, pouchMs };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function pushOffline(): Promise<{ engineMs: number; singleMs: number; delivered: number }> {
  const COUNT = 1_000;
  const server = await benchServer();
  const dir = await tempDir('bench-push-offline');
  try {
    const { reviewer1, ids } = server.people;
    await seedClaims(server.service.deps.db, 2 * COUNT, { id: ids.reviewer1, name: 'Jana Reviewer' });
    const claims = (await server.service.deps.db.execute(sql`SELECT id, version FROM claims ORDER BY change_seq`)) as unknown as { rows: { id: string; version: number }[] };
    const forEngine = claims.rows.slice(0, COUNT);
    const forSingles = claims.rows.slice(COUNT);

    const engine = await signedInEngine(server, dir);
    let engineMs: number;
    try {
      await syncNow(engine);
      // autoSync is off: every decision waits in the outbox, as it does offline, until sync.now.
      for (const c of forEngine) {
        const result = await engine['claims.mutate']({ claimId: c.id, name: 'startReview', args: {} });
        if (!result.ok) throw new Error(`startReview refused on the desk: ${JSON.stringify(result)}`);
      }
      const waiting = (await engine['sync.status']({})).pending;
      if (waiting !== COUNT) throw new Error(`${waiting} decisions wait in the outbox, not ${COUNT}`);
      engineMs = await elapsed(() => syncNow(engine));
      const left = (await engine['sync.status']({})).pending;
      if (left !== 0) throw new Error(`${left} decisions still wait after the sync`);
    } finally {
      await engine.close();
    }

    const client = randomUUID();
    const singleMs = await elapsed(async () => {
      let id = 0;
      for (const c of forSingles) {
        const mutation = { id: ++id, claimId: c.id, name: 'startReview', args: {}, baseVersion: c.version, decidedAt: new Date().toISOString() };
        const res = await post<PushResponse>(server, '/sync/push', reviewer1, { clientId: client, mutations: [mutation] });
        if (res.lastMutationId !== id) throw new Error(`single push answered ${JSON.stringify(res)}`);
      }
    });
    const applied = (await server.service.deps.db.execute(sql`SELECT count(*)::int AS n FROM claims WHERE status = 'in_review'`)) as unknown as { rows: { n: number }[] };
    return { engineMs, singleMs, delivered: applied.rows[0]!.n };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const figures: Figure[] = [
  pullFigure('10k'),
  pullFigure('1m'),
  {
    name: 'initial_sync_20k',
    unit: 'ms',
    async run() {
      const { engineMs, pouchMs } = await initialSync();
      return { value: engineMs, baseline: { name: 'pouchdb.replicate(memory)', value: pouchMs } };
    },
  },
  {
    name: 'push_1k_offline',
    unit: 'decisions/s',
    async run() {
      const { engineMs, singleMs, delivered } = await pushOffline();
      if (delivered !== 2_000) throw new Error(`${delivered} of the 2,000 decisions are in review on the server`);
      return { value: 1000 / (engineMs / 1000), baseline: { name: '1000_single_requests', value: 1000 / (singleMs / 1000) }, extra: { engine_ms: engineMs, single_ms: singleMs } };
    },
  },
];
