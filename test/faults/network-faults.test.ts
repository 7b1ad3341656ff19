// A fault proxy between the engine and the claims service: requests dropped before the service
// saw them, answers dropped after it applied them, delays, 5xx, garbage bodies and answers cut off
// mid-page, each on pushes and pulls alike, while the reviewer keeps deciding. Once the network
// is good again, every decision the engine acknowledged is on the service exactly once, and
// nothing was refused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { clientIdsOf, mutationResults, serverClaim } from '../integration/engine/claims-service.js';
import { FULL, reportCounts } from './counts.js';
import { faultyServiceFixture, type FaultRule, type NetworkFault } from './fault-proxy.js';

const ROUNDS = FULL ? 60 : 12;

const FAULTS: (NetworkFault | { status: number; body: unknown })[] = [
  { drop: 'request' },
  { drop: 'response' },
  { delayMs: 300 },
  { garbage: true },
  { cut: true },
  { status: 503, body: { code: 'unavailable', message: 'Try again later.' } },
  { status: 500, body: { code: 'internal', message: 'Boom.' } },
];

describe('sync through a faulty network', () => {
  const fixture = faultyServiceFixture(6, { beforeAll, afterAll });

  it(`keeps every acknowledged decision through ${ROUNDS} rounds of faults, each on the service exactly once`, { timeout: 300_000 }, async () => {
    const { service, who, claimIds } = fixture;
    // Small pull pages, so that a cut or garbled answer can land in the middle of a multi-page pull.
    const dataDir = await tempDir('net-faults');
    // Signed in first with the engine's usual patience: a password check can take longer than the
    // short timeout below on a loaded machine, and sign-in is not what this test is about.
    const signingIn = await Engine.open({ dataDir, serverUrl: fixture.proxy.url, autoSync: false });
    await signingIn['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await signingIn.close();
    // A short timeout, so that a dropped request or answer costs the test little time.
    const engine = await Engine.open({ dataDir, serverUrl: fixture.proxy.url, autoSync: false, pullPageSize: 2, requestTimeoutMs: 1_500 });
    const plan = fc.sample(fc.record({ fault: fc.constantFrom(...FAULTS), on: fc.constantFrom('/sync/push', '/sync/pull', 'both'), decisions: fc.integer({ min: 0, max: 3 }), claim: fc.nat() }), {
      numRuns: ROUNDS,
      seed: Number(process.env.FAULT_SEED ?? 19),
    });
    const acked: { claimId: string; commentId: string; mutationId: number }[] = [];
    let injected = 0;
    try {
      expect((await engine['sync.now']({})).lastError).toBeNull();
      for (const round of plan) {
        for (let i = 0; i < round.decisions; i++) {
          const claimId = claimIds[(round.claim + i) % claimIds.length]!;
          const commentId = crypto.randomUUID();
          const result = await engine['claims.mutate']({ claimId, name: 'comment', args: { commentId, text: `Round note ${acked.length}.` } });
          if (result.ok) acked.push({ claimId, commentId, mutationId: result.mutationId });
        }
        let faulted = false;
        const rule: FaultRule = (r) => {
          if (faulted || !(round.on === 'both' ? r.path.startsWith('/sync/') : r.path === round.on)) return null;
          faulted = true;
          injected++;
          return round.fault;
        };
        fixture.proxy.rule = rule;
        await engine['sync.now']({}).catch(() => undefined); // a failed cycle is the point; the engine retries
      }
      fixture.proxy.rule = () => null;
      let status = await engine['sync.now']({});
      for (let i = 0; i < 10 && (status.pending > 0 || status.lastError); i++) status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, lastError: null });
    } finally {
      await engine.close();
    }

    const [clientId] = await clientIdsOf(service, who.reviewer);
    const results = await mutationResults(service, clientId!);
    expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
    let lost = 0;
    let duplicated = 0;
    for (const id of claimIds) {
      const comments = (await serverClaim(service, id)).comments.map((c) => c.id);
      for (const a of acked.filter((x) => x.claimId === id)) {
        const times = comments.filter((c) => c === a.commentId).length;
        if (times === 0) lost++;
        if (times > 1) duplicated += times - 1;
      }
    }
    reportCounts('network faults', { faultsInjected: injected, decisionsChecked: acked.length, lost, duplicated });
    expect(acked.length).toBeGreaterThan(0);
    expect(injected).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(results.length).toBe(acked.length);
  });
});
