// Reviewer metrics and the SLA trend on the claims service (issue 16, items 5 and 4), on PGlite and
// PostgreSQL: lead-only, filtered by period and reviewer, a malformed period refused with the field
// named; the numbers against the decisions made here (time spent's median and p90, PAR reason
// shares, an approval opted out, a rejection disputed and overturned, QA agreement per outcome and
// item, open workload), and the trend's days against the claims' clocks read the board's way.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewerMetrics, SlaBoard, SlaTrend } from '../../../shared/contract/lead.js';
import type { Claim, ClockState } from '../../../shared/domain/index.js';
import { BACKENDS, call, decide, Desk, makePdf, PARTNER_A, PARTNER_B, passedChecklist, people, type People, serviceFor, START, submittedClaim } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(BACKENDS)('lead metrics and SLA trend on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;
  let jana: Desk;
  let petr: Desk;
  const from = new Date(Date.parse(START) - DAY).toISOString();
  let to = '';

  const get = (url: string, token = who.lead) => call(service.app, 'GET', url, token);
  const metrics = async (query: string) => {
    const res = await get(`/lead/metrics?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ReviewerMetrics.parse(res.body);
  };
  const assign = (claimId: string, reviewer: 'reviewer1' | 'reviewer2') => decide(service, lead, claimId, 'assign', { assignee: { id: who.ids[reviewer], name: '' } });
  const reviewed = async (desk: Desk, reviewer: 'reviewer1' | 'reviewer2', partner = who.partnerA, partnerId = PARTNER_A) => {
    const claim = (await submittedClaim(service, partner, partnerId)) as Claim;
    await assign(claim.id, reviewer);
    await decide(service, desk, claim.id, 'startReview', {});
    return claim;
  };
  const qaTaskOf = async (claimId: string, token: string) => {
    const tasks = (await get('/qa/tasks', token)).body.tasks as { taskId: string; claimId: string }[];
    return tasks.find((t) => t.claimId === claimId)!.taskId;
  };

  beforeAll(async () => {
    service = await serviceFor(backend, { sessionTtlMs: 400 * DAY });
    who = await people(service);
    lead = new Desk(service, who.lead);
    jana = new Desk(service, who.reviewer1);
    petr = new Desk(service, who.reviewer2);

    // Jana: two approvals (the first opted out by its customer) and a request for partner action.
    const a = await reviewed(jana, 'reviewer1');
    service.mail.length = 0;
    await decide(service, jana, a.id, 'approve', { checklist: passedChecklist(a.products), timeSpentMs: 60_000 });
    const link = /http:\/\/desk\.test(\/customer\/opt-out\/[A-Za-z0-9_-]{43})/.exec(service.mail[0]!.text)![1]!;
    expect((await call(service.app, 'POST', link, null, { comment: 'Not them.' })).status).toBe(200);

    service.clock.advance(HOUR);
    const b = await reviewed(jana, 'reviewer1');
    await decide(service, jana, b.id, 'approve', { checklist: passedChecklist(b.products), timeSpentMs: 120_000 });

    service.clock.advance(HOUR);
    const c = await reviewed(jana, 'reviewer1');
    const flagged = { ...passedChecklist(c.products), dates: { state: 'missing', evidence: [] } };
    await decide(service, jana, c.id, 'requestPartnerAction', { checklist: flagged, comment: 'Dates, please.', commentId: crypto.randomUUID(), timeSpentMs: 300_000 });

    // Petr rejects; the partner disputes; Jana overturns it.
    service.clock.advance(HOUR);
    const d = await reviewed(petr, 'reviewer2', who.partnerB, PARTNER_B);
    await decide(service, petr, d.id, 'reject', { reason: 'insufficient_poe', comment: 'No work shown.', commentId: crypto.randomUUID(), timeSpentMs: 30_000 });
    const pdf = await call(service.app, 'POST', '/partner/documents', who.partnerB, Buffer.from(await makePdf('sow')), { 'content-type': 'application/pdf' });
    const disputed = await call(service.app, 'POST', `/partner/claims/${d.id}/dispute`, who.partnerB, { justification: 'See the SOW.', documents: [{ sha256: pdf.body.sha256, name: 'sow.pdf' }] });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
    await assign(d.id, 'reviewer1');
    await decide(service, jana, d.id, 'resolveDispute', { outcome: 'overturned', comment: 'The SOW shows it.', commentId: crypto.randomUUID() });

    // QA (every first decision is sampled): Petr agrees with approval a, disagrees on b's outcome.
    await decide(service, petr, a.id, 'recordQaVerdict', { taskId: await qaTaskOf(a.id, who.reviewer2), outcome: 'approve', checklist: passedChecklist(a.products) });
    const bTask = await qaTaskOf(b.id, who.reviewer2);
    await decide(service, petr, b.id, 'recordQaVerdict', { taskId: bTask, outcome: 'requestPartnerAction', checklist: { ...passedChecklist(b.products), dates: { state: 'missing', evidence: [] } } });

    // Two open claims of Petr's that wait; days pass so that SLA clocks run late.
    await reviewed(petr, 'reviewer2');
    await assign((await submittedClaim(service, who.partnerA, PARTNER_A)).id, 'reviewer2');
    service.clock.advance(9 * DAY);
    to = new Date(Date.parse(service.clock.now()) + DAY).toISOString();
  }, 120_000);
  afterAll(async () => service?.close());

  it('is lead-only: 401 without a token, 403 for a reviewer or a partner, telling them nothing', async () => {
    for (const url of [`/lead/metrics?from=${from}&to=${to}`, `/lead/sla/trend?from=${from}&to=${to}`]) {
      expect((await call(service.app, 'GET', url, null)).status, url).toBe(401);
      for (const token of [who.reviewer1, who.reviewer2, who.partnerA]) {
        const res = await get(url, token);
        expect(res.status, url).toBe(403);
        expect(res.body.code).toBe('role_not_allowed');
        expect(JSON.stringify(res.body)).not.toMatch(/CL-\d{4}|approve|on_time/);
      }
    }
  });

  it('refuses a malformed period or reviewer with the field named', async () => {
    for (const [path, query, field] of [
      ['/lead/metrics', `from=yesterday&to=${to}`, 'from'],
      ['/lead/metrics', `to=${to}`, 'from'],
      ['/lead/metrics', `from=${from}`, 'to'],
      ['/lead/metrics', `from=${to}&to=${from}`, 'to'],
      ['/lead/metrics', `from=2020-01-01T00:00:00Z&to=${to}`, 'to'],
      ['/lead/metrics', `from=${from}&to=${to}&reviewerId=nobody`, 'reviewerId'],
      ['/lead/metrics', `from=${from}&to=${to}&colour=red`, 'colour'],
      ['/lead/sla/trend', `from=${from}&to=2026-13-01T00:00:00Z`, 'to'],
      ['/lead/sla/trend', `from=${to}&to=${from}`, 'to'],
    ] as const) {
      const res = await get(`${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.message, query).toContain(field);
    }
  });

  it('counts the team’s decisions per day and action, time spent, PAR reasons and what became of them', async () => {
    const m = await metrics(`from=${from}&to=${to}`);
    expect(m.reviewer).toBeNull();
    const day = service.deps.calendar.localDate(START);
    const count = (action: string) => m.perDay.filter((r) => r.action === action).reduce((n, r) => n + r.count, 0);
    expect(m.perDay.every((r) => r.day === day || r.action === 'recordQaVerdict' || r.action === 'resolveDispute')).toBe(true);
    expect([count('approve'), count('requestPartnerAction'), count('reject'), count('resolveDispute'), count('recordQaVerdict')]).toEqual([2, 1, 1, 1, 2]);

    // Jana 60/120/300 s, Petr 30 s: percentile_cont interpolates.
    const jana = m.timeSpent.find((t) => t.reviewer?.id === who.ids.reviewer1)!;
    expect(jana).toMatchObject({ decisions: 3, medianMs: 120_000, p90Ms: 264_000 });
    expect(m.timeSpent.find((t) => t.reviewer === null)).toMatchObject({ decisions: 4, medianMs: 90_000, p90Ms: 246_000 });

    expect(m.parReasons.requests).toBe(1);
    expect(m.parReasons.reasons.find((r) => r.reason === 'dates_missing_or_stale')).toEqual({ reason: 'dates_missing_or_stale', count: 1, share: 1 });
    expect(m.parReasons.reasons.find((r) => r.reason === 'poe_missing')).toEqual({ reason: 'poe_missing', count: 0, share: 0 });
    expect(m.outcomes).toEqual({ approvals: 2, approvalsOptedOut: 1, rejections: 1, rejectionsDisputed: 1, rejectionsOverturned: 1 });
  });

  it('filters by reviewer and by period', async () => {
    const petrs = await metrics(`from=${from}&to=${to}&reviewerId=${who.ids.reviewer2}`);
    expect(petrs.reviewer).toMatchObject({ id: who.ids.reviewer2 });
    expect(new Set(petrs.perDay.map((r) => r.action))).toEqual(new Set(['reject', 'recordQaVerdict']));
    expect(petrs.outcomes).toEqual({ approvals: 0, approvalsOptedOut: 0, rejections: 1, rejectionsDisputed: 1, rejectionsOverturned: 1 });
    expect(petrs.workload.map((w) => w.reviewer.id)).toEqual([who.ids.reviewer2]);

    // The hour of the first approval only.
    const first = await metrics(`from=${START}&to=${new Date(Date.parse(START) + HOUR).toISOString()}`);
    expect(first.perDay.map((r) => [r.action, r.count])).toEqual([['approve', 1]]);
    expect(first.outcomes).toMatchObject({ approvals: 1, approvalsOptedOut: 1 });
    const before = await metrics(`from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z`);
    expect([before.perDay, before.timeSpent, before.parReasons.requests, before.qa.sampled]).toEqual([[], [{ reviewer: null, decisions: 0, medianMs: null, p90Ms: null }], 0, 0]);
  });

  it('measures QA agreement on the outcome and per checklist item, and the open workload now', async () => {
    const m = await metrics(`from=${from}&to=${to}&reviewerId=${who.ids.reviewer1}`);
    expect(m.qa).toMatchObject({ sampled: 3, reviewed: 2, outcomeAgreed: 1, outcomeAgreement: 0.5 });
    expect(m.qa.items.find((i) => i.item === 'dates')).toEqual({ item: 'dates', reviewed: 2, agreed: 1, agreement: 0.5 });
    expect(m.qa.items.find((i) => i.item === 'poe_present')).toEqual({ item: 'poe_present', reviewed: 2, agreed: 2, agreement: 1 });

    const team = await metrics(`from=${from}&to=${to}`);
    const pool = (await get('/lead/pool')).body.loads as { reviewer: { id: string }; openClaims: number }[];
    for (const w of team.workload) expect(w.openClaims, w.reviewer.id).toBe(pool.find((l) => l.reviewer.id === w.reviewer.id)!.openClaims);
    const petr = team.workload.find((w) => w.reviewer.id === who.ids.reviewer2)!;
    expect(petr.openClaims).toBe(2);
    const openQa = (await get('/qa/tasks', who.reviewer2)).body.tasks.length;
    expect(petr.openQaTasks).toBe(openQa);
    expect(team.workload.find((w) => w.reviewer.id === who.ids.reviewer1)!.openQaTasks).toBe((await get('/qa/tasks', who.reviewer1)).body.tasks.length);
  });

  it('the SLA trend counts, per day and clock, the clocks running on time and overdue at the day’s end; today matches the board', async () => {
    const res = await get(`/lead/sla/trend?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const trend = SlaTrend.parse(res.body);
    const calendar = service.deps.calendar;
    const now = service.clock.now();
    const days = [...new Set(trend.days.map((d) => d.day))];
    expect(days[0]).toBe(calendar.localDate(from));
    expect(days.at(-1)).toBe(calendar.localDate(now));

    // The oracle: every clock of every claim, read at each day's end (now, for today).
    const claims = ((await service.deps.db.execute(sql`SELECT data FROM claims WHERE status <> 'draft'`)) as unknown as { rows: { data: Claim }[] }).rows.map((r) => r.data);
    for (const [i, day] of days.entries()) {
      const end = calendar.local(from).startOf('day').plus({ days: i + 1 }).toUTC().toISO()!;
      const at = end < now ? end : now;
      for (const point of trend.days.filter((d) => d.day === day)) {
        let onTime = 0;
        let overdue = 0;
        for (const claim of claims) {
          const clock = claim.clocks[point.clock] as ClockState | undefined;
          if (!clock) continue;
          const ended = clock.state === 'running' ? '9999' : clock.state === 'paused' ? clock.pausedAt! : clock.stoppedAt!;
          if (clock.startedAt <= at && at < ended) {
            if (clock.dueAt <= at) overdue++;
            else onTime++;
          }
        }
        expect({ day, clock: point.clock, onTime: point.onTime, overdue: point.overdue }).toEqual({ day, clock: point.clock, onTime, overdue });
      }
    }
    expect(trend.days.some((d) => d.overdue > 0)).toBe(true);
    expect(trend.days.some((d) => d.onTime > 0)).toBe(true);

    const board = SlaBoard.parse((await get('/lead/sla')).body);
    for (const clock of board.clocks) {
      const today = trend.days.find((d) => d.day === days.at(-1) && d.clock === clock.clock)!;
      expect(today, clock.clock).toMatchObject({ onTime: clock.total.on_time + clock.total.due_soon + clock.total.due_today, overdue: clock.total.overdue });
    }
  });
});
