// The timer: what runs out is acted on once, by whichever instance gets to it, and never twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../server/audit/verify.js';
import { runDueTimers, startTimerLoop } from '../../../server/timers.js';
import { BACKENDS, call, decide, Desk, PARTNER_A, passedChecklist, people, type People, serviceFor, startService, submittedClaim, type TestService } from './harness.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('timers on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let second: TestService;
  let who: People;
  let lead: Desk;
  let reviewer: Desk;

  beforeAll(async () => {
    // Months pass in these tests: sessions must outlive them.
    service = await serviceFor(backend, { sessionTtlMs: 365 * DAY });
    who = await people(service);
    lead = new Desk(service, who.lead);
    reviewer = new Desk(service, who.reviewer1);
    // A second instance of the service over the same database (PGlite is one process: the same store).
    second = backend === 'postgres' ? await startService(await service.database.open(), { clock: service.clock }) : service;
  });
  afterAll(async () => {
    if (second && second !== service) {
      await second.close();
      await second.store.close();
    }
    await service?.close();
  });

  const quiet = () => undefined;
  const events = async (claimId: string) =>
    ((await service.deps.db.execute(sql`SELECT action, details FROM audit_events WHERE claim_id = ${claimId} ORDER BY version`)) as unknown as { rows: { action: string; details: Record<string, unknown> }[] }).rows;
  const claimRow = async (claimId: string) =>
    ((await service.deps.db.execute(sql`SELECT status, data, next_timer_at FROM claims WHERE id = ${claimId}`)) as unknown as {
      rows: { status: string; data: { flags: Record<string, string>; clocks: Record<string, { state: string; overdueAt?: string }>; rejection: { reason: string } | null }; next_timer_at: unknown }[];
    }).rows[0]!;

  /** Moves time just past when this clock of the claim runs out (holidays included). */
  const passDue = async (claimId: string, clock: string) => {
    const dueAt = (await claimRow(claimId)).data.clocks[clock] as { dueAt: string } | undefined;
    service.clock.set(new Date(Date.parse(dueAt!.dueAt) + 1).toISOString());
  };

  const inReview = async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await decide(service, lead, claim.id, 'assign', { assignee: { id: who.ids.reviewer1, name: '' } });
    await decide(service, reviewer, claim.id, 'startReview', {});
    return claim;
  };
  const waitingOnPartner = async () => {
    const claim = await inReview();
    const checklist = { ...passedChecklist(claim.products), dates: { state: 'missing', evidence: [] } };
    await decide(service, reviewer, claim.id, 'requestPartnerAction', { checklist, comment: 'Dates please.', commentId: crypto.randomUUID() });
    return claim;
  };

  it('rejects for "No partner response" once the 5 business days are over, exactly once', async () => {
    await runDueTimers(service.deps, quiet); // nothing left over from other tests
    const claim = await waitingOnPartner();
    expect((await runDueTimers(service.deps, quiet)).applied).toBe(0);
    await passDue(claim.id, 'partner_response');
    const run = await runDueTimers(service.deps, quiet);
    expect(run.applied).toBeGreaterThanOrEqual(1);
    const row = await claimRow(claim.id);
    expect(row.status).toBe('rejected');
    expect(row.data.rejection?.reason).toBe('no_partner_response');
    expect((await events(claim.id)).filter((e) => e.action === 'expirePartnerResponse')).toHaveLength(1);
    expect((await runDueTimers(service.deps, quiet)).applied).toBe(0);
    const late = await call(service.app, 'POST', `/partner/claims/${claim.id}/respond`, who.partnerA, { comment: 'too late' });
    expect(late.status).toBe(409);
  });

  it('closes the consent window after 7 days (sent to incentive evaluation) and the dispute window after 30', async () => {
    const approved = await inReview();
    await decide(service, reviewer, approved.id, 'approve', { checklist: passedChecklist(approved.products) });
    const rejected = await inReview();
    await decide(service, reviewer, rejected.id, 'reject', { reason: 'insufficient_poe', comment: 'No.', commentId: crypto.randomUUID() });
    service.clock.advance(7 * DAY + 1);
    await runDueTimers(service.deps, quiet);
    const a = await claimRow(approved.id);
    expect(a.status).toBe('approved');
    expect(a.data.flags.sentToIncentiveEvaluationAt).toBe(service.clock.now());
    expect(a.data.clocks.customer_consent!.state).toBe('expired');
    expect(a.next_timer_at).toBeNull();
    expect((await claimRow(rejected.id)).data.clocks.dispute_window!.state).toBe('running');
    service.clock.advance(23 * DAY);
    await runDueTimers(service.deps, quiet);
    expect((await claimRow(rejected.id)).data.clocks.dispute_window!.state).toBe('expired');
    const dispute = await call(service.app, 'POST', `/partner/claims/${rejected.id}/dispute`, who.partnerA, { justification: 'please' });
    expect(dispute.status).toBe(409);
    expect(dispute.body.code).toBe('dispute_window_closed');
  });

  it('flags an overdue SLA once', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await passDue(claim.id, 'submitted_sla');
    await runDueTimers(service.deps, quiet);
    const row = await claimRow(claim.id);
    expect(row.status).toBe('submitted');
    expect(row.data.clocks.submitted_sla!.overdueAt).toBe(service.clock.now());
    expect((await events(claim.id)).filter((e) => e.action === 'flagOverdue').map((e) => e.details.clock)).toEqual(['submitted_sla']);
    service.clock.advance(DAY);
    await runDueTimers(service.deps, quiet);
    expect((await events(claim.id)).filter((e) => e.action === 'flagOverdue').map((e) => e.details.clock)).toEqual(['submitted_sla']);
  });

  it('fires exactly once with two instances running the timer at the same time', async () => {
    await runDueTimers(service.deps, quiet);
    const claims = [];
    for (let i = 0; i < 8; i++) claims.push(await waitingOnPartner());
    await passDue(claims.at(-1)!.id, 'partner_response');
    const before = Number(((await service.deps.db.execute(sql`SELECT seq FROM audit_head`)) as unknown as { rows: { seq: string }[] }).rows[0]!.seq);
    const runs = await Promise.all([runDueTimers(service.deps, quiet), runDueTimers(second.deps, quiet), runDueTimers(service.deps, quiet), runDueTimers(second.deps, quiet)]);
    const { rows } = (await service.deps.db.execute(
      sql`SELECT claim_id, action, details->>'clock' AS clock, count(*)::int AS n FROM audit_events
          WHERE claim_id IN (${sql.join(claims.map((c) => sql`${c.id}::uuid`), sql`, `)}) AND actor->>'kind' = 'timer'
          GROUP BY claim_id, action, details->>'clock'`,
    )) as unknown as { rows: { claim_id: string; action: string; clock: string | null; n: number }[] };
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows.filter((r) => r.action === 'expirePartnerResponse')).toHaveLength(8);
    const appended = ((await service.deps.db.execute(
      sql`SELECT claim_id, action, details->>'clock' AS clock, actor->>'kind' AS kind FROM audit_events WHERE seq > ${before}`,
    )) as unknown as { rows: { claim_id: string; action: string; clock: string | null; kind: string }[] }).rows;
    expect(appended.every((e) => e.kind === 'timer')).toBe(true);
    expect(new Set(appended.map((e) => `${e.claim_id}/${e.action}/${e.clock}`)).size).toBe(appended.length);
    expect(runs.reduce((sum, r) => sum + r.applied, 0)).toBe(appended.length);
    if (backend === 'postgres') expect(runs.filter((r) => r.applied > 0).length).toBeGreaterThan(1); // the work was shared
    for (const claim of claims) expect((await claimRow(claim.id)).status).toBe('rejected');
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('runs as a loop until stopped', async () => {
    const claim = await waitingOnPartner();
    await passDue(claim.id, 'partner_response');
    const loop = startTimerLoop(service.deps, 50, quiet);
    for (let i = 0; i < 100 && (await claimRow(claim.id)).status !== 'rejected'; i++) await new Promise((r) => setTimeout(r, 20));
    await loop.stop();
    expect((await claimRow(claim.id)).status).toBe('rejected');
  });
});
