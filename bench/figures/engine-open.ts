// Engine open at 10,000 and 100,000 claims held (issue 17: "opening cost follows the store"): a
// data directory holding N claims (cloned from one domain-made claim, each with its own id, number
// and tenant), written by the store's own code as a first sync leaves it (pages of 1,000, then the
// snapshot), is opened by Engine.open in a fresh process, which then prints the time to a
// queryable queue and its RSS. Goal: <= 1 s at 10k and <= 4 s with RSS <= 600 MB at 100k.
// Baseline: the same process reading and JSON.parsing those claims as one whole-JSON snapshot (the
// store's format 1, which opening had to parse whole), nothing else.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalStore } from '../../electron/engine/local-store.js';
import type { Claim } from '../../shared/domain/claim.js';
import { makeClaim, REVIEWER, tempDir } from '../../test/unit/engine/fixtures.js';
import type { Figure } from '../figure.js';
import { measureOpen } from '../support/measure-open.js';

const PAGE = 1_000;

/** `count` claims assigned to one reviewer, made on demand (`from` to `to`). */
function claimsOf(count: number): (from: number, to: number) => Claim[] {
  const template = makeClaim({ inReview: true, at: new Date(Date.now() - 3_600_000).toISOString() });
  return (from, to) =>
    Array.from({ length: Math.min(to, count) - from }, (_, k) => {
      const i = from + k;
      return {
        ...template,
        id: randomUUID(),
        number: `CL-${2000 + Math.floor(i / 100_000)}-${String(i % 100_000).padStart(5, '0')}`,
        customer: { ...template.customer, tenantId: randomUUID(), name: `Customer ${i}` },
      };
    });
}

/**
 * A data directory holding `count` claims, signed in (offline: no token, so the queue answers),
 * and beside it the same claims as format 1's whole-JSON snapshot for the baseline.
 */
async function storeOf(count: number): Promise<{ dir: string; whole: string }> {
  const dir = await tempDir(`bench-open-${count}`);
  const make = claimsOf(count);
  const user = { ...REVIEWER, id: make(0, 1)[0]!.assignee!.id };
  const store = await LocalStore.open({ dataDir: dir });
  const parts: string[] = [];
  try {
    await store.saveSession({ user, owner: user });
    for (let from = 0; from < count; from += PAGE) {
      const claims = make(from, from + PAGE);
      parts.push(claims.map((c) => JSON.stringify(c)).join(','));
      const more = from + PAGE < count;
      await store.recordPage({ reset: from === 0, cookie: from + claims.length, lastMutationId: 0, claims, removed: [], mutationResults: [], total: count, more }, []);
    }
  } finally {
    await store.close();
  }
  const whole = path.join(await tempDir(`bench-open-whole-${count}`), 'snapshot.json');
  await writeFile(whole, `{"sha256":"not checked"}\n{"format":1,"claims":[${parts.join(',')}]}`);
  return { dir, whole };
}

const openFigure = (label: string, count: number): Figure => ({
  name: `open_${label}`,
  unit: 'ms',
  async run() {
    const { dir, whole } = await storeOf(count);
    try {
      const parsed = await measureOpen(path.dirname(whole), true);
      const opened = await measureOpen(dir, false);
      if (opened.held !== count) throw new Error(`the engine opened with ${opened.held} claims in its queue, not ${count}`);
      return {
        value: opened.ms,
        baseline: { name: 'readFile+JSON.parse(whole-JSON snapshot)', value: parsed.ms },
        extra: { rss_mb: Math.round(opened.rssMb), baseline_rss_mb: Math.round(parsed.rssMb), claims: count },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(path.dirname(whole), { recursive: true, force: true });
    }
  },
});

export const figures: Figure[] = [openFigure('10k', 10_000), openFigure('100k', 100_000)];
