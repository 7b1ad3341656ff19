// Two reviewers, a lead and a partner acting on one claim at the same moment, round after round,
// on PGlite and on PostgreSQL: the assignee decides, the other reviewer tries to, the lead
// reassigns, the partner comments. Whatever order the service takes them in, each pushed decision
// has exactly one outcome (applied, or refused with a reason the desk shows), each applied one is
// exactly one entry in the claim's history, versions have no gap, and the audit chain verifies.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClaim } from '../../server/claims/read.js';
import { BACKENDS, call, decide, Desk, PARTNER_A, passedChecklist, serviceFixture, submittedClaim, versionOf } from '../integration/server/harness.js';
import { FULL, reportCounts } from './counts.js';

const ROUNDS = FULL ? 25 : 4;

describe.each(BACKENDS)('a race on one claim on %s', (backend) => {
  const fx = serviceFixture(backend, { beforeAll, afterAll });

  it(`gives every racing decision exactly one outcome, ${ROUNDS} rounds`, { timeout: 300_000 }, async () => {
    let pushed = 0;
    let lost = 0;
    let duplicated = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const claim = await submittedClaim(fx.service, fx.who.partnerA, PARTNER_A);
      await decide(fx.service, fx.desks.lead, claim.id, 'assign', { assignee: { id: fx.who.ids.reviewer1, name: 'Jana Reviewer' } });
      await decide(fx.service, fx.desks.reviewer1, claim.id, 'startReview', {});
      const base = await versionOf(fx.service, claim.id);
      const mutations = {
        reviewer1: fx.desks.reviewer1.mutation(claim.id, 'approve', { checklist: passedChecklist(claim.products), timeSpentMs: 60_000 }, base),
        reviewer2: fx.desks.reviewer2.mutation(claim.id, 'approve', { checklist: passedChecklist(claim.products), timeSpentMs: 60_000 }, base),
        lead: fx.desks.lead.mutation(claim.id, 'assign', { assignee: { id: fx.who.ids.reviewer2, name: 'Petr Reviewer' } }, base),
      };
      const [r1, r2, lead, partner] = await Promise.all([
        fx.desks.reviewer1.push([mutations.reviewer1]),
        fx.desks.reviewer2.push([mutations.reviewer2]),
        fx.desks.lead.push([mutations.lead]),
        call(fx.service.app, 'POST', `/partner/claims/${claim.id}/comments`, fx.who.partnerA, { text: `Racing note ${round}.` }),
      ]);
      for (const res of [r1, r2, lead]) expect(res.status).toBe(200);
      expect(partner.status).toBeLessThan(500);
      pushed += 3;

      const { history } = (await readClaim(fx.service.deps.db, claim.id))!;
      // Versions 1..n without a gap: no change was lost or written twice.
      expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
      for (const [role, desk] of Object.entries(fx.desks) as [keyof typeof fx.desks, Desk][]) {
        const m = mutations[role];
        const rows = (await fx.service.deps.db.execute(
          sql`SELECT status, refusal FROM mutation_results WHERE client_id = ${desk.clientId} AND mutation_id = ${m.id}`,
        )) as unknown as { rows: { status: string; refusal: { code: string } | null }[] };
        if (rows.rows.length === 0) lost++;
        if (rows.rows.length > 1) duplicated += rows.rows.length - 1;
        const outcome = rows.rows[0];
        if (outcome?.status === 'refused') expect(outcome.refusal?.code, `${role}'s refusal carries its reason`).toEqual(expect.any(String));
        // An applied decision is one history entry by its actor after the racing started; a refused one none.
        const entries = history.filter((e) => e.version > base && e.actor.id === fx.who.ids[role]).length;
        expect(entries, `${role}'s ${m.name} in round ${round}`).toBe(outcome?.status === 'applied' ? 1 : 0);
      }
      expect(await versionOf(fx.service, claim.id)).toBe(history.length);
      // The assignee's approval and the other reviewer's cannot both stand.
      expect(history.filter((e) => e.version > base && e.action === 'approve').length).toBeLessThanOrEqual(1);
    }
    const verify = await call(fx.service.app, 'GET', '/audit/verify', fx.who.lead);
    expect(verify.body).toMatchObject({ ok: true });
    reportCounts(`race on one claim (${backend})`, { decisionsChecked: pushed, lost, duplicated });
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  });
});
