// Issue 14, item 14: an integrator's timestamp in any RFC 3339 form (no fractional digits, an
// offset, more digits than milliseconds) is accepted at the boundary and kept canonical (UTC, ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, call, decide, Desk, PARTNER_A, serviceFixture, submittedClaim, versionOf } from './harness.js';

describe.each(BACKENDS)('timestamps at the boundary on %s', (backend) => {
  const fx = serviceFixture(backend, { beforeAll, afterAll });

  it.each([
    ['2026-03-02T08:30:00+01:00', '2026-03-02T07:30:00.000Z'],
    ['2026-03-02T07:45:00Z', '2026-03-02T07:45:00.000Z'],
    ['2026-03-02T07:50:00.123456Z', '2026-03-02T07:50:00.123Z'],
  ])('takes a decision made at %s and records it as %s', async (decidedAt, canonical) => {
    const claimId = (await submittedClaim(fx.service, fx.who.partnerA, PARTNER_A)).id;
    await decide(fx.service, new Desk(fx.service, fx.who.lead), claimId, 'assign', { assignee: { id: fx.who.ids.reviewer1, name: '' } });
    const desk = new Desk(fx.service, fx.who.reviewer1);
    const pushed = await desk.push([desk.mutation(claimId, 'startReview', {}, await versionOf(fx.service, claimId), decidedAt)]);
    expect(pushed.status).toBe(200);
    const history = await call(fx.service.app, 'GET', `/partner/claims/${claimId}/history`, fx.who.partnerA);
    expect(history.body.history.at(-1)).toMatchObject({ action: 'startReview', decidedAt: canonical });
  });
});
