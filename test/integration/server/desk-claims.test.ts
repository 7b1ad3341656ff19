// A desk's reach beyond its scope (issue 17): the "Everyone" search over every claim but drafts,
// read-only and paged, on the claims_search index; and one claim opened on demand. On PGlite and
// PostgreSQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimSearchPage } from '../../../shared/contract/desk-search.js';
import { Claim } from '../../../shared/domain/claim.js';
import { claimSearchVector } from '../../../server/db/schema.js';
import { BACKENDS, call, decide, Desk, makePdf, newClaimBody, PARTNER_A, PARTNER_B, passedChecklist, people, type People, serviceFor, submittedClaim, uploadPdf } from './harness.js';

describe.each(BACKENDS)('the desk’s Everyone search and on-demand claims on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let brewery: { id: string; number: string };
  let draft: { id: string; number: string };

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    const created = await call(service.app, 'POST', '/partner/claims', who.partnerB, newClaimBody(PARTNER_B, { customer: { tenantId: randomUUID(), name: 'Pivovar Dvořák a.s.' } }));
    expect(created.status).toBe(201);
    expect((await uploadPdf(service.app, who.partnerB, created.body.id, await makePdf('brewery'))).status).toBe(201);
    brewery = (await call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, who.partnerB)).body;
    draft = (await call(service.app, 'POST', '/partner/claims', who.partnerB, newClaimBody(PARTNER_B, { customer: { tenantId: randomUUID(), name: 'Pivovar Draft' } }))).body;
    for (let i = 0; i < 3; i++) await submittedClaim(service, who.partnerA, PARTNER_A);
  });
  afterAll(async () => service?.close());

  const search = async (token: string, body: unknown) => {
    const res = await call(service.app, 'POST', '/desk/claims/search', token, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ClaimSearchPage.parse(res.body);
  };

  it('finds a claim outside the reviewer’s scope by the start of words, case and diacritics ignored, never a draft', async () => {
    // Nothing is assigned to Jana: the brewery's claim is not on her desk.
    for (const words of ['dvorak', 'DVOŘ piv', brewery.number, brewery.number.slice(0, 9), PARTNER_B]) {
      const page = await search(who.reviewer1, { search: words });
      expect(page.rows.map((r) => r.id), words).toContain(brewery.id);
      expect(page.rows.map((r) => r.id), words).not.toContain(draft.id);
    }
    const [row] = (await search(who.reviewer1, { search: 'dvorak' })).rows;
    expect(row).toMatchObject({ number: brewery.number, customerName: 'Pivovar Dvořák a.s.', status: 'submitted', assignee: null, nextDeadline: { clock: 'submitted_sla', overdue: false } });
    expect((await search(who.reviewer1, { search: 'dvorakova' })).total).toBe(0);
    // What would be tsquery syntax is only a separator.
    expect((await search(who.reviewer1, { search: "dvo:* | !(x) & 'y" })).total).toBe(0);
    expect((await search(who.reviewer1, { search: 'dvo & !' })).rows.map((r) => r.id)).toEqual([brewery.id]);
  });

  it('pages by claim number with the total, and filters by status, partner and product', async () => {
    const all = await search(who.lead, {});
    expect(all.total).toBe(4);
    const numbers = all.rows.map((r) => r.number);
    expect(numbers).toEqual([...numbers].sort());
    const second = await search(who.lead, { offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 4, rows: [{ number: numbers[1] }] });
    expect((await search(who.lead, { dir: 'desc', limit: 1 })).rows[0]!.number).toBe(numbers.at(-1));
    expect((await search(who.lead, { partnerId: PARTNER_B })).rows.map((r) => r.id)).toEqual([brewery.id]);
    expect((await search(who.lead, { statuses: ['in_review'] })).total).toBe(0);
    expect((await search(who.lead, { product: 'power-bi' })).total).toBe(4);
    expect((await search(who.lead, { product: 'm365-teams' })).total).toBe(0);
  });

  it('is for desks only, and says what a bad query is', async () => {
    expect((await call(service.app, 'POST', '/desk/claims/search', who.partnerA, {})).status).toBe(403);
    expect((await call(service.app, 'POST', '/desk/claims/search', null, {})).status).toBe(401);
    const bad = await call(service.app, 'POST', '/desk/claims/search', who.reviewer1, { limit: 10_000 });
    expect(bad.status).toBe(400);
  });

  it('opens one claim on demand with its history; a draft or an unknown id is not found', async () => {
    const res = await call(service.app, 'GET', `/desk/claims/${brewery.id}`, who.reviewer1);
    expect(res.status).toBe(200);
    const claim = Claim.parse(res.body);
    expect(claim.number).toBe(brewery.number);
    expect(claim.history.map((e) => e.action)).toEqual(['create', 'uploadDocument', 'submit']);
    for (const id of [draft.id, randomUUID()]) {
      const missing = await call(service.app, 'GET', `/desk/claims/${id}`, who.reviewer1);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('claim_not_found');
    }
    expect((await call(service.app, 'GET', `/desk/claims/${brewery.id}`, who.partnerB)).status).toBe(403);
  });

  it('opens a claim blind for the reviewer who has its QA task open', async () => {
    const lead = new Desk(service, who.lead);
    const petr = new Desk(service, who.reviewer2);
    await decide(service, lead, brewery.id, 'assign', { assignee: { id: who.ids.reviewer2, name: '' } });
    await decide(service, petr, brewery.id, 'startReview', {});
    await decide(service, petr, brewery.id, 'approve', { checklist: passedChecklist(['d365-sales', 'power-bi']), timeSpentMs: 1000 });
    const blind = Claim.parse((await call(service.app, 'GET', `/desk/claims/${brewery.id}`, who.reviewer1)).body);
    expect(blind.status).toBe('in_review');
    expect(blind.history.map((e) => e.action)).not.toContain('approve');
    expect(blind.qa).toEqual([]);
    const seen = Claim.parse((await call(service.app, 'GET', `/desk/claims/${brewery.id}`, who.lead)).body);
    expect(seen.status).toBe('approved');
  });

  it.runIf(backend === 'postgres')('reads the claims_search index for a search', async () => {
    const plan = await service.deps.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return (await tx.execute(
        sql`EXPLAIN SELECT id FROM claims WHERE ${claimSearchVector} @@ to_tsquery('simple'::regconfig, 'dvorak:*')`,
      )) as unknown as { rows: { 'QUERY PLAN': string }[] };
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/claims_search/);
  });
});
