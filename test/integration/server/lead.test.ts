// The team lead's desk on the claims service (issue 16), on PGlite and PostgreSQL: every route is
// lead-only, the decision log's filters and keyset pages, refused decisions in the log, the claim as
// decided, the CSV export, the SLA board against the domain's buckets, the assignment pool, QA
// sampling / blind review / disagreement / resolution, and the reopen rule through sync.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildClaimClocks } from '../../../server/lead/clock-index.js';
import { slaBoard } from '../../../server/lead/sla-query.js';
import { DecisionLogPage, QaTaskView, SlaBoard } from '../../../shared/contract/lead.js';
import { type Claim, CLOCK_NAMES, slaBucket } from '../../../shared/domain/index.js';
import { BACKENDS, call, decide, Desk, PARTNER_A, PARTNER_B, passedChecklist, people, type People, resultOf, serviceFor, submittedClaim, versionOf } from './harness.js';

const HOUR = 3_600_000;

/** RFC 4180 records (quoted fields with "" escapes, CRLF between records); throws on a malformed file. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`a bare line break at ${i}`);
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const width = records[0]?.length;
  for (const r of records) if (r.length !== width) throw new Error(`a record of ${r.length} fields, the header has ${width}`);
  return records;
}

describe.each(BACKENDS)('lead desk on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;
  let jana: Desk;
  let petr: Desk;
  const ids = { approved: '', rejected: '', par: '', offline: '', refused: '', pool: [] as string[] };

  const get = (url: string, token = who.lead) => call(service.app, 'GET', url, token);
  const log = async (query = '') => {
    const res = await get(`/lead/decisions?limit=500${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return DecisionLogPage.parse(res.body).rows;
  };
  const assign = (claimId: string, reviewer: 'reviewer1' | 'reviewer2') => decide(service, lead, claimId, 'assign', { assignee: { id: who.ids[reviewer], name: '' } });
  const reviewed = async (desk: Desk, reviewer: 'reviewer1' | 'reviewer2', partner = who.partnerA, partnerId = PARTNER_A) => {
    const claim = await submittedClaim(service, partner, partnerId);
    await assign(claim.id, reviewer);
    await decide(service, desk, claim.id, 'startReview', {});
    return claim as Claim;
  };

  beforeAll(async () => {
    service = await serviceFor(backend, { sessionTtlMs: 400 * 24 * HOUR });
    who = await people(service);
    lead = new Desk(service, who.lead);
    jana = new Desk(service, who.reviewer1);
    petr = new Desk(service, who.reviewer2);

    const a = await reviewed(jana, 'reviewer1');
    await decide(service, jana, a.id, 'approve', { checklist: passedChecklist(a.products), timeSpentMs: 90_000 });
    ids.approved = a.id;

    service.clock.advance(HOUR);
    const r = await reviewed(petr, 'reviewer2', who.partnerB, PARTNER_B);
    await decide(service, petr, r.id, 'reject', { reason: 'insufficient_poe', comment: 'No work described.', commentId: crypto.randomUUID() });
    ids.rejected = r.id;

    service.clock.advance(HOUR);
    const p = await reviewed(jana, 'reviewer1');
    const flagged = { ...passedChecklist(p.products), dates: { state: 'missing', note: 'Dated 2019', evidence: [] } };
    await decide(service, jana, p.id, 'requestPartnerAction', { checklist: flagged, comment: 'Please send current dates.', commentId: crypto.randomUUID() });
    ids.par = p.id;

    // Made offline two hours before it arrived.
    service.clock.advance(HOUR);
    const o = await reviewed(jana, 'reviewer1');
    const m = jana.mutation(o.id, 'approve', { checklist: passedChecklist(o.products) }, await versionOf(service, o.id), new Date(Date.parse(service.clock.now()) - 2 * HOUR).toISOString());
    expect((await jana.push([m])).status).toBe(200);
    ids.offline = o.id;

    // Refused: the claim was reassigned to Petr before Jana's decision arrived.
    const x = await reviewed(jana, 'reviewer1');
    const base = await versionOf(service, x.id);
    await assign(x.id, 'reviewer2');
    const refused = jana.mutation(x.id, 'reject', { reason: 'poe_not_available', comment: 'Cannot open.', commentId: crypto.randomUUID() }, base);
    expect((await jana.push([refused])).status).toBe(200);
    expect((await resultOf(service, jana, refused.id)).status).toBe('refused');
    ids.refused = x.id;

    for (let i = 0; i < 3; i++) ids.pool.push((await submittedClaim(service, who.partnerA, PARTNER_A)).id);
  }, 120_000);
  afterAll(async () => service?.close());

  it('every lead route answers 401 without a token and 403 to a reviewer or a partner, telling them nothing', async () => {
    for (const url of ['/lead/decisions', '/lead/decisions.csv', '/lead/decisions/e1/claim', `/lead/claims/${ids.approved}`, '/lead/sla', '/lead/pool', '/lead/qa/rule', '/lead/qa/disagreements']) {
      expect((await call(service.app, 'GET', url, null)).status, url).toBe(401);
      for (const token of [who.reviewer1, who.partnerA]) {
        const res = await get(url, token);
        expect(res.status, url).toBe(403);
        expect(res.body.code).toBe('role_not_allowed');
        expect(JSON.stringify(res.body)).not.toMatch(/CL-\d{4}/);
      }
    }
    expect((await call(service.app, 'PUT', '/lead/qa/rule', who.reviewer1, { defaultShare: 1, firstDecisions: 0, perReviewer: {} })).status).toBe(403);
  });

  it('the log lists every decision, refused ones marked with their reason', async () => {
    const rows = await log();
    const mine = rows.filter((r) => ['approve', 'reject', 'requestPartnerAction'].includes(r.action));
    expect(mine.map((r) => [r.claimId, r.action, r.outcome])).toEqual(
      expect.arrayContaining([
        [ids.approved, 'approve', 'applied'],
        [ids.rejected, 'reject', 'applied'],
        [ids.par, 'requestPartnerAction', 'applied'],
        [ids.offline, 'approve', 'applied'],
        [ids.refused, 'reject', 'refused'],
      ]),
    );
    const refused = rows.find((r) => r.outcome === 'refused')!;
    expect(refused.refusal?.code).toBe('claim_changed');
    const par = rows.find((r) => r.claimId === ids.par && r.action === 'requestPartnerAction')!;
    expect(par).toMatchObject({ reasons: ['dates_missing_or_stale'], reviewer: { id: who.ids.reviewer1 }, checklist: { missing: ['dates'], notes: { dates: 'Dated 2019' } } });
    expect(rows.find((r) => r.claimId === ids.approved)!.timeSpentMs).toBe(90_000);
  });

  it('filters: reviewer, action, reason, product, partner, offline, refused, period', async () => {
    expect((await log(`&reviewerId=${who.ids.reviewer2}&action=reject`)).map((r) => r.claimId)).toEqual([ids.rejected]);
    expect((await log('&reason=insufficient_poe')).map((r) => r.claimId)).toEqual([ids.rejected]);
    expect((await log('&reason=dates_missing_or_stale')).map((r) => r.claimId)).toEqual([ids.par]);
    expect((await log(`&partnerId=${PARTNER_B}`)).every((r) => r.partnerId === PARTNER_B)).toBe(true);
    expect((await log('&product=m365-copilot')).length).toBe(0);
    expect((await log('&product=power-bi')).length).toBeGreaterThan(0);
    const offline = await log('&offline=true');
    expect(offline.map((r) => r.claimId)).toEqual([ids.offline]);
    expect(offline[0]!.lagMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect((await log('&outcome=refused')).map((r) => r.claimId)).toEqual([ids.refused]);
    const all = await log();
    const mid = all.find((r) => r.claimId === ids.rejected)!.decidedAt;
    const before = await log(`&to=${mid}`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.decidedAt < mid)).toBe(true);
    expect((await log(`&from=${mid}`)).every((r) => r.decidedAt >= mid)).toBe(true);
  });

  it('pages by keyset: every row once, in order, whatever the page size', async () => {
    const all = await log();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/lead/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = DecisionLogPage.parse(res.body);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    const oldest = DecisionLogPage.parse((await get('/lead/decisions?limit=500&sort=oldest')).body).rows.map((r) => r.id);
    expect(oldest).toEqual([...seen].reverse());
  });

  it('bad input: 400 naming the field, nothing else', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['action=delete', 'action'],
      ['offline=maybe', 'offline'],
      ['limit=0', 'limit'],
      ['partnerId=12', 'partnerId'],
    ] as const) {
      const res = await get(`/lead/decisions?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.message).toContain(field);
    }
    const cursor = await get('/lead/decisions?cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(cursor.body.message).toContain('cursor');
    expect((await get('/lead/decisions.csv?from=2026-13-01')).status).toBe(400);
  });

  it('opens a claim as it stood at the decision: history up to it, the checklist with notes, what came after', async () => {
    const row = (await log(`&action=requestPartnerAction`)).find((r) => r.claimId === ids.par)!;
    const res = await get(`/lead/decisions/${row.id}/claim`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.claim.history.at(-1)).toMatchObject({ version: row.claimVersion, action: 'requestPartnerAction' });
    expect(res.body.claim.history.every((e: { version: number }) => e.version <= row.claimVersion)).toBe(true);
    expect(res.body.claim.status).toBe('partner_action_required');
    expect(res.body.checklist.dates).toMatchObject({ state: 'missing', note: 'Dated 2019' });
    expect((await get('/lead/decisions/e999999/claim')).status).toBe(404);
  });

  it("answers any claim as it stands now, for a lead's act on a claim outside the lead's desk", async () => {
    const res = await get(`/lead/claims/${ids.approved}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: ids.approved, status: 'approved', version: await versionOf(service, ids.approved) });
    const missing = await get(`/lead/claims/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('claim_not_found');
    const malformed = await get('/lead/claims/CL-0001');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('UUID');
  });

  it('exports exactly the filtered log as CSV: BOM, CRLF, headers in the language asked for, zoned ISO 8601 instants', async () => {
    const res = await get(`/lead/decisions.csv?reviewerId=${who.ids.reviewer1}&lang=cs`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.raw.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const records = parseCsv(text);
    const [header, ...body] = records;
    expect(header).toContain('Revidující');
    expect(header).toContain('Rozhodnuto');
    const grid = await log(`&reviewerId=${who.ids.reviewer1}`);
    expect(body.map((r) => r[0])).toEqual(grid.map((r) => r.id));
    const decidedAt = body[0]![header!.indexOf('Rozhodnuto')]!;
    expect(decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/);
    expect(body.some((r) => r.includes('Odmítnuto'))).toBe(true);
    const en = await get('/lead/decisions.csv?lang=en');
    expect(en.raw.toString('utf8').slice(1).split('\r\n')[0]).toContain('Reviewer');
  });

  it('the SLA board counts each running clock in the bucket the domain reads it in', async () => {
    service.clock.advance(9 * 24 * HOUR);
    const res = await get('/lead/sla');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = (await service.deps.db.execute(sql`SELECT data FROM claims`)) as unknown as { rows: { data: Claim }[] };
    const zero = () => ({ on_time: 0, due_soon: 0, due_today: 0, overdue: 0 });
    let counted = 0;
    const expectDomainBuckets = (board: SlaBoard, now: string) => {
      for (const { clock, total, byReviewer } of board.clocks) {
        const want = zero();
        const perReviewer = new Map<string, ReturnType<typeof zero>>();
        for (const { data } of rows.rows) {
          const c = data.clocks[clock];
          const bucket = c && data.status !== 'draft' ? slaBucket(service.deps.calendar, c, now) : null;
          if (!bucket) continue;
          want[bucket]++;
          const mine = perReviewer.get(data.assignee?.id ?? '') ?? zero();
          mine[bucket]++;
          perReviewer.set(data.assignee?.id ?? '', mine);
          counted++;
        }
        expect(total, `${clock} at ${now}`).toEqual(want);
        expect(new Map(byReviewer.map((r) => [r.reviewer?.id ?? '', r.counts])), `${clock} at ${now}`).toEqual(perReviewer);
      }
    };
    const board = SlaBoard.parse(res.body);
    expectDomainBuckets(board, service.clock.now());
    // The board counts whole hours from the tally and the hours holding a boundary clock by clock:
    // at other instants the clocks fall on other sides of those hours.
    for (const hours of [-240, -200.25, -170, -130.5, -100, -30.75, 7, 19.1]) {
      const at = new Date(Date.parse(service.clock.now()) + hours * HOUR).toISOString();
      expectDomainBuckets(await slaBoard(service.deps.db, service.deps.calendar, at), at);
    }
    // The claims changed through every kind of decision above; some clocks still run, some stopped.
    expect(counted).toBeGreaterThan(0);
    expect(rows.rows.some((r) => Object.values(r.data.clocks).some((c) => c.state === 'stopped'))).toBe(true);
    // The rows each change wrote, and the tally they appended to, are what a rebuild from the stored claims writes.
    const indexed = async () => ({
      clocks: ((await service.deps.db.execute(sql`SELECT claim_id, clock, due_at, assignee_id FROM claim_clocks ORDER BY claim_id, clock`)) as unknown as { rows: unknown[] }).rows,
      tally: ((await service.deps.db.execute(sql`SELECT clock, assignee_id, due_hour, n FROM clock_tally ORDER BY 1, 2, 3`)) as unknown as { rows: unknown[] }).rows,
    });
    const live = await indexed();
    await service.deps.db.transaction((tx) => rebuildClaimClocks(tx));
    expect(live).toEqual(await indexed());
    expect(board.overdue.length).toBeGreaterThan(0);
    const dues = board.overdue.map((o) => o.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(CLOCK_NAMES).toEqual(expect.arrayContaining(board.clocks.map((c) => c.clock)));
  });

  it('the pool lists unassigned claims, each reviewer\u2019s load and a suggested assignee', async () => {
    const res = await get('/lead/pool');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual(expect.arrayContaining(ids.pool));
    const loads = Object.fromEntries(res.body.loads.map((l: { reviewer: { id: string }; openClaims: number }) => [l.reviewer.id, l.openClaims]));
    const least = Math.min(...Object.values(loads as Record<string, number>));
    for (const c of res.body.claims) expect(loads[c.suggested.id]).toBe(least);
    // Only a raised, unresolved dispute counts: a claim without one is not disputed, a plain rejection is not open work.
    expect(res.body.claims.filter((c: { claimId: string }) => ids.pool.includes(c.claimId)).every((c: { disputed: boolean }) => !c.disputed)).toBe(true);
    const petrs = await get(`/lead/pool?assigneeId=${who.ids.reviewer2}`);
    expect(petrs.body.claims.map((c: { claimId: string }) => c.claimId)).not.toContain(ids.rejected);
    // Reassign many at once: one push of several assign mutations.
    const version = await versionOf(service, ids.pool[0]!);
    const batch = ids.pool.map((id) => lead.mutation(id, 'assign', { assignee: { id: who.ids.reviewer2, name: '' } }, version));
    expect((await lead.push(batch)).status).toBe(200);
    const after = await get(`/lead/pool?assigneeId=${who.ids.reviewer2}`);
    expect(after.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual(expect.arrayContaining(ids.pool));
  });

  it('QA: the first decisions are sampled for another reviewer, reviewed blind, a disagreement goes to the lead, who resolves it', async () => {
    const res = await get('/qa/tasks', who.reviewer2);
    expect(res.status).toBe(200);
    const task = res.body.tasks.find((t: { claimId: string }) => t.claimId === ids.approved);
    expect(task).toBeDefined();
    // Jana decided it: she has no QA task on her own decision.
    expect((await get('/qa/tasks', who.reviewer1)).body.tasks.map((t: { claimId: string }) => t.claimId)).not.toContain(ids.approved);
    expect((await get(`/qa/tasks/${task.taskId}`, who.reviewer1)).status).toBe(404);

    const view = QaTaskView.parse((await get(`/qa/tasks/${task.taskId}`, who.reviewer2)).body);
    expect(view.comparison).toBeNull();
    expect(view.claim.status).toBe('in_review');
    expect(view.claim.history.map((e) => e.action)).not.toContain('approve');
    expect(JSON.stringify(view.claim)).not.toContain(who.ids.reviewer1 + '"},"outcome');

    const claim = (await service.deps.db.execute(sql`SELECT data FROM claims WHERE id = ${ids.approved}`)) as unknown as { rows: { data: Claim }[] };
    const products = claim.rows[0]!.data.products;
    await decide(service, petr, ids.approved, 'recordQaVerdict', { taskId: task.taskId, outcome: 'requestPartnerAction', checklist: { ...passedChecklist(products), customer_acknowledgement: { state: 'missing', evidence: [] } } });
    const answered = QaTaskView.parse((await get(`/qa/tasks/${task.taskId}`, who.reviewer2)).body);
    // After the verdict: the first decision beside it, per item.
    expect(answered.comparison?.original.outcome).toBe('approve');
    expect(answered.comparison?.original.reviewer.id).toBe(who.ids.reviewer1);
    expect(answered.comparison?.verdict.outcome).toBe('requestPartnerAction');
    expect(answered.comparison?.verdict.checklist.customer_acknowledgement?.state).toBe('missing');
    expect(answered.comparison?.agreement).toMatchObject({ outcome: false, items: { customer_acknowledgement: false, poe_present: true } });
    // QA did not change the claim's status.
    expect(claim.rows[0]!.data.status).toBe('approved');
    expect(((await service.deps.db.execute(sql`SELECT status FROM claims WHERE id = ${ids.approved}`)) as unknown as { rows: unknown[] }).rows[0]).toEqual({ status: 'approved' });

    const disagreements = await get('/lead/qa/disagreements');
    expect(disagreements.body.disagreements.map((d: { claimId: string }) => d.claimId)).toContain(ids.approved);
    expect((await log('&qaDisagreement=true')).map((r) => r.claimId)).toEqual([ids.approved]);

    await decide(service, lead, ids.approved, 'resolveQaDisagreement', { taskId: task.taskId, resolution: 'upheld', justification: 'The acknowledgement is on page 2.' });
    expect((await get('/lead/qa/disagreements')).body.disagreements.map((d: { claimId: string }) => d.claimId)).not.toContain(ids.approved);
    const rows = await log('&action=resolveQaDisagreement');
    expect(rows.map((r) => [r.claimId, r.verdict])).toEqual([[ids.approved, 'upheld']]);
  });

  it('the QA rule is data a lead changes; its revision goes up', async () => {
    const before = (await get('/lead/qa/rule')).body;
    expect(before).toMatchObject({ defaultShare: 0.1, firstDecisions: 20 });
    const put = await call(service.app, 'PUT', '/lead/qa/rule', who.lead, { defaultShare: 0.25, firstDecisions: 5, perReviewer: { [who.ids.reviewer1]: 0.5 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ revision: before.revision + 1, defaultShare: 0.25 });
    expect((await call(service.app, 'PUT', '/lead/qa/rule', who.lead, { defaultShare: 2, firstDecisions: 5, perReviewer: {} })).status).toBe(400);
  });

  it('the reopen rule through sync: a rejection is reopened while its dispute window is open, refused (and logged) once it closed', async () => {
    const open = await reviewed(petr, 'reviewer2');
    await decide(service, petr, open.id, 'reject', { reason: 'insufficient_poe', comment: 'Nothing shown.', commentId: crypto.randomUUID() });
    await decide(service, lead, open.id, 'reopen', { justification: 'QA found the PoE on page 3.' });
    expect(((await service.deps.db.execute(sql`SELECT status FROM claims WHERE id = ${open.id}`)) as unknown as { rows: unknown[] }).rows[0]).toEqual({ status: 'in_review' });

    const late = await reviewed(petr, 'reviewer2');
    await decide(service, petr, late.id, 'reject', { reason: 'insufficient_poe', comment: 'Nothing shown.', commentId: crypto.randomUUID() });
    service.clock.advance(31 * 24 * HOUR);
    const m = lead.mutation(late.id, 'reopen', { justification: 'Second look.' }, await versionOf(service, late.id));
    await lead.push([m]);
    expect((await resultOf(service, lead, m.id)).refusal?.code).toBe('reopen_window_closed');
    const refused = await log('&action=reopen&outcome=refused');
    expect(refused.map((r) => [r.claimId, r.refusal?.code])).toEqual([[late.id, 'reopen_window_closed']]);
    expect((await log('&action=reopen&outcome=applied')).map((r) => r.claimId)).toEqual([open.id]);
  });
});
