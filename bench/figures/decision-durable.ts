// decision_durable_{p50,p99}_{1k,10k,100k}: a reviewer's decision from the call to "durable" (the
// engine's claims.mutate: outbox append + fsync + view update), at stores of 1,000, 10,000 and
// 100,000 claims. Beside it, on the same disk and the same store: lowdb's stock JSONFile adapter
// rewriting the whole store for the same change (what the engine would cost on plain lowdb), and a
// raw append + fdatasync of one decision-sized line (the physical floor). p50 figures are read
// against lowdb, p99 figures against the floor (the goal: p99 within 2x of it); each line carries
// the other baseline and the ratio to the 1k store (the goal: flat, 100k/1k <= 1.2) as extras.
import { execFile } from 'node:child_process';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Engine } from '../../electron/engine/engine.js';
import { QueueSortKey } from '../../shared/contract/desktop.js';
import type { Claim } from '../../shared/domain/claim.js';
import { manyClaims, REVIEWER, tempDir } from '../../test/unit/engine/fixtures.js';
import { seedStore } from '../../test/unit/engine/seed-store.js';
import { shared, type Figure } from '../figure.js';
import { elapsed, percentile } from '../measure.js';

/** Every claim on the reviewer's desk at 1,000 (half the store): a p99 of 500 is the fifth-largest sample, not the second of 200. */
const DECISIONS = 500;
/** lowdb rewrites the whole store per change: at 100,000 claims a few seconds each, so it gets a time budget. */
const LOWDB_BUDGET_MS = 20_000;
const LOWDB_MIN_SAMPLES = 3;

interface Samples {
  engine: number[];
  lowdb: number[];
  floor: number[];
}

/**
 * The engine's decisions, each followed by one floor append on the same disk: interleaved, both
 * see the same load from the rest of the machine.
 */
async function engineAndFloor(claims: Claim[], dir: string): Promise<{ engine: number[]; floor: number[] }> {
  const mine = claims.filter((c) => c.assignee?.id === REVIEWER.id).slice(0, DECISIONS);
  const dataDir = path.join(dir, 'engine');
  await seedStore(dataDir, claims);
  // Seeding writes the whole store (about 100 MB at 100,000 claims), after the smaller size's lowdb
  // rewrites: until the kernel has written those back, every fsync below queues behind them (the
  // floor's own p50 was 3x at 100k for that alone). Each size starts from a settled disk.
  await promisify(execFile)('sync');
  const engine = await Engine.open({ dataDir, autoSync: false });
  // A desk that has been open for a moment: its queue has been shown in every order. Right after
  // opening, the orders are built in ~1 ms steps on the event loop (queue-index.ts, about 2 s at
  // 100,000 claims), and any I/O completion in that window (the floor's here too) can wait one step.
  for (const by of QueueSortKey.options) for (const dir of ['asc', 'desc'] as const) await engine['queue.query']({ sort: { by, dir }, limit: 1 });
  const floorLog = await open(path.join(dir, 'floor.log'), 'a');
  try {
    const times = { engine: [] as number[], floor: [] as number[] };
    for (const claim of mine) {
      let ok = false;
      times.engine.push(await elapsed(async () => (ok = (await engine['claims.mutate']({ claimId: claim.id, name: 'startReview', args: {} })).ok)));
      if (!ok) throw new Error(`startReview on ${claim.number} was refused`);
      const line = JSON.stringify({ id: times.floor.length + 1, claimId: claim.id, name: 'startReview', args: {}, baseVersion: claim.version, decidedAt: new Date().toISOString() }) + '\n';
      times.floor.push(
        await elapsed(async () => {
          await floorLog.write(line);
          await floorLog.datasync();
        }),
      );
    }
    return times;
  } finally {
    await floorLog.close();
    await engine.close();
  }
}

async function lowdbDecisions(claims: Claim[], dir: string): Promise<number[]> {
  const db = new Low(new JSONFile<{ claims: Claim[] }>(path.join(dir, 'lowdb.json')), { claims: [] });
  db.data.claims = claims;
  await db.write();
  const times: number[] = [];
  const until = performance.now() + LOWDB_BUDGET_MS;
  for (let i = 0; i < DECISIONS && (times.length < LOWDB_MIN_SAMPLES || performance.now() < until); i++) {
    const claim = claims[i]!;
    times.push(await elapsed(() => db.update(() => void (db.data.claims[i] = { ...claim, status: 'in_review', version: claim.version + 1 }))));
  }
  return times;
}

const measure = (count: number) =>
  shared(async (): Promise<Samples> => {
    const dir = await tempDir(`bench-durable-${count}`);
    try {
      const claims = manyClaims(count);
      const { engine, floor } = await engineAndFloor(claims, dir);
      // lowdb last: its whole-store rewrites leave dirty pages that would slow the others' syncs.
      const lowdb = await lowdbDecisions(claims, dir);
      return { engine, lowdb, floor };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

const SIZES = [
  ['1k', measure(1_000)],
  ['10k', measure(10_000)],
  ['100k', measure(100_000)],
] as const;
const smallest = SIZES[0][1];

export const figures: Figure[] = SIZES.flatMap(([size, samples]) =>
  ([50, 99] as const).map(
    (p): Figure => ({
      name: `decision_durable_p${p}_${size}`,
      unit: 'ms',
      async run() {
        const s = await samples();
        const ours = percentile(s.engine, p);
        const lowdb = { name: `lowdb.JSONFile_p${p}`, value: percentile(s.lowdb, p) };
        const floor = { name: `append+fdatasync_p${p}`, value: percentile(s.floor, p) };
        const vs1k = size === '1k' ? 1 : ours / percentile((await smallest()).engine, p);
        return {
          value: ours,
          baseline: p === 50 ? lowdb : floor,
          extra: { ...(p === 50 ? { floor: floor.value } : { lowdb: lowdb.value }), vs_1k: vs1k, samples: s.engine.length, lowdb_samples: s.lowdb.length },
        };
      },
    }),
  ),
);
