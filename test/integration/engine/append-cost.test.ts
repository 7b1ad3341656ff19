// A decision's cost must not grow with the store: the outbox append (one line, fsynced) and the
// view update touch one claim, whether 100 or 100,000 are stored. Measured end to end through
// claims.mutate on an engine opened over each store.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJsonFile } from '../../../electron/engine/durable-json-file.js';
import { Engine } from '../../../electron/engine/engine.js';
import { LocalStore } from '../../../electron/engine/local-store.js';
import { SnapshotDoc } from '../../../electron/engine/store-files.js';
import { manyClaims, REVIEWER, tempDir } from '../../unit/engine/fixtures.js';

const DECISIONS = 60;

async function decisionCost(count: number): Promise<{ median: number; p90: number; openMs: number }> {
  const claims = manyClaims(count);
  const dataDir = await tempDir(`cost-${count}`);
  const store = await LocalStore.open({ dataDir, serverUrl: 'http://127.0.0.1:9' });
  await store.saveSession({ user: REVIEWER, owner: REVIEWER, token: 'unused', expiresAt: '2099-01-01T00:00:00.000Z' });
  const clientId = store.clientId;
  await store.close();
  // The snapshot as a completed sync leaves it.
  await new DurableJsonFile(path.join(dataDir, 'snapshot.json'), SnapshotDoc).write({
    format: 1,
    clientId,
    cookie: 1,
    journalSeq: 0,
    lastMutationId: 0,
    seenResults: [],
    lastSyncAt: '2026-03-02T08:00:00.000Z',
    claims,
  });
  const mine = claims.filter((c) => c.assignee?.id === REVIEWER.id).slice(0, DECISIONS);
  claims.length = 0;

  const opening = performance.now();
  const engine = await Engine.open({ dataDir, autoSync: false });
  const openMs = performance.now() - opening;
  try {
    expect((await engine['queue.query']({ limit: 1 })).total).toBe(count);
    const times: number[] = [];
    for (const claim of mine) {
      const t = performance.now();
      const result = await engine['claims.mutate']({ claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'Signature checked.' } });
      times.push(performance.now() - t);
      expect(result.ok).toBe(true);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]!, openMs };
  } finally {
    await engine.close();
  }
}

describe('decision cost against store size', () => {
  it('is the same with 100 and with 100,000 claims stored', { timeout: 240_000 }, async () => {
    const small = await decisionCost(100);
    const large = await decisionCost(100_000);
    console.log(
      `claims.mutate (append + fsync + view): 100 claims median ${small.median.toFixed(2)} ms (p90 ${small.p90.toFixed(2)}); ` +
        `100,000 claims median ${large.median.toFixed(2)} ms (p90 ${large.p90.toFixed(2)}); opening 100,000 claims took ${(large.openMs / 1000).toFixed(1)} s`,
    );
    // A cost proportional to the store would be ~1000x; allow the noise of a shared machine.
    expect(large.median).toBeLessThan(small.median * 3 + 2);
  });
});
