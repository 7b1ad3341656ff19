// Push and pull as shared/contract/sync.ts describes them: exactly-once application in id order,
// refusals as data, commit-ordered cookies, paging and resets.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../shared/contract/sync.js';
import {
  BACKENDS,
  call,
  decide,
  Desk,
  fingerprint,
  PARTNER_A,
  passedChecklist,
  people,
  type People,
  resultOf,
  serviceFor,
  submittedClaim,
  versionOf,
  pullAll,
} from './harness.js';

describe.each(BACKENDS)('sync on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    lead = new Desk(service, who.lead);
  });
  afterAll(async () => service?.close());

  const assign = (claimId: string, reviewer: 'reviewer1' | 'reviewer2' = 'reviewer1') => decide(service, lead, claimId, 'assign', { assignee: { id: who.ids[reviewer], name: '' } });

  it('applies the same push once, however often it is sent', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const desk = new Desk(service, who.reviewer1);
    const version = await versionOf(service, claim.id);
    const mutations = [
      desk.mutation(claim.id, 'startReview', {}, version),
      desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'Looking at it now' }, version + 1),
    ];
    const first = await desk.push(mutations);
    expect(first.body).toEqual({ lastMutationId: 2 });
    const state = await fingerprint(service);
    const again = await desk.push(mutations);
    expect(again.body).toEqual({ lastMutationId: 2 });
    expect(await fingerprint(service)).toBe(state);
    expect(await versionOf(service, claim.id)).toBe(version + 2);
    // Out of order in the request is still id order.
    const next = [desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'third' }, version + 2), desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'fourth' }, version + 3)];
    expect((await desk.push([next[1], next[0], mutations[0]])).body).toEqual({ lastMutationId: 4 });
    const { rows } = (await service.deps.db.execute(sql`SELECT data->'comments' AS comments FROM claims WHERE id = ${claim.id}`)) as unknown as { rows: { comments: { text: string }[] }[] };
    expect(rows[0]!.comments.map((c) => c.text)).toEqual(['Looking at it now', 'third', 'fourth']);
  });

  it('stops at a gap without applying anything beyond it', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const desk = new Desk(service, who.reviewer1);
    const version = await versionOf(service, claim.id);
    const one = desk.mutation(claim.id, 'startReview', {}, version);
    const two = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'two' }, version + 1);
    const three = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'three' }, version + 1);
    const before = await fingerprint(service);
    // A gap before the first new id is refused, naming the id to number from; nothing changes.
    const gap = await desk.push([two, three]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ code: 'mutation_gap', params: { expectedId: 1, lastMutationId: 0, mutationId: 2 } });
    expect(await fingerprint(service)).toBe(before);
    expect((await desk.push([one, three])).body).toEqual({ lastMutationId: 1 });
    expect(await versionOf(service, claim.id)).toBe(version + 1);
    expect((await desk.push([two, three])).body).toEqual({ lastMutationId: 3 });
  });

  it('lets two reviewers race on one claim: one applied, the other refused with its reason', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const jana = new Desk(service, who.reviewer1);
    await decide(service, jana, claim.id, 'startReview', {});
    const base = await versionOf(service, claim.id);
    // Both decided on the same version; the lead reassigns to Petr in between, Petr decides too.
    const janaApproves = jana.mutation(claim.id, 'approve', { checklist: passedChecklist(claim.products), timeSpentMs: 60_000 }, base, '2026-03-02T07:59:00.000Z');
    await decide(service, lead, claim.id, 'assign', { assignee: { id: who.ids.reviewer2, name: '' } });
    const petr = new Desk(service, who.reviewer2);
    const petrRejects = petr.mutation(claim.id, 'reject', { reason: 'insufficient_poe', comment: 'No signature.', commentId: crypto.randomUUID() }, base + 1);
    const [a, b] = await Promise.all([jana.push([janaApproves]), petr.push([petrRejects])]);
    expect(a.body).toEqual({ lastMutationId: janaApproves.id });
    expect(b.body).toEqual({ lastMutationId: petrRejects.id });
    expect(await resultOf(service, petr, petrRejects.id)).toEqual({ status: 'applied', refusal: null });
    const refused = await resultOf(service, jana, janaApproves.id);
    expect(refused.status).toBe('refused');
    expect(refused.refusal).toMatchObject({ code: 'claim_changed', params: { action: 'assign', byKind: 'team_lead' } });

    const page = PullResponse.parse((await jana.pull(null)).body);
    expect(page.mutationResults.map((r) => [r.mutationId, r.status, r.refusal?.code])).toEqual([
      [janaApproves.id - 1, 'applied', undefined],
      [janaApproves.id, 'refused', 'claim_changed'],
    ]);
    // Reassigned away before Jana did anything that keeps it on her desk: it is Petr's now. She holds
    // it only as the QA task on Petr's rejection (his first decisions are all sampled, and she is the
    // only other reviewer): blind, as it stood before his decision.
    const held = page.claims.find((c) => c.id === claim.id);
    expect(held).toMatchObject({ status: 'in_review', qa: [] });
    expect(held!.history.map((e) => e.action)).not.toContain('reject');
    expect(PullResponse.parse((await petr.pull(null)).body).claims.find((c) => c.id === claim.id)?.status).toBe('rejected');
  });

  it('settles truly concurrent decisions on one claim: exactly one applied, the other refused with its reason', async () => {
    for (let round = 0; round < 4; round++) {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await assign(claim.id);
      const laptop = new Desk(service, who.reviewer1);
      await decide(service, laptop, claim.id, 'startReview', {});
      const base = await versionOf(service, claim.id);
      const workstation = new Desk(service, who.reviewer1);
      const approve = laptop.mutation(claim.id, 'approve', { checklist: passedChecklist(claim.products) }, base);
      const reject = workstation.mutation(claim.id, 'reject', { reason: 'insufficient_poe', comment: 'No.', commentId: crypto.randomUUID() }, base);
      const reassign = lead.mutation(claim.id, 'assign', { assignee: { id: who.ids.reviewer2, name: '' } }, base);
      await Promise.all([laptop.push([approve]), workstation.push([reject]), lead.push([reassign])]);
      const outcomes = [await resultOf(service, laptop, approve.id), await resultOf(service, workstation, reject.id), await resultOf(service, lead, reassign.id)];
      expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(1);
      for (const o of outcomes.filter((x) => x.status === 'refused')) expect(['claim_changed', 'wrong_status']).toContain(o.refusal?.code);
      // One change besides the QA sampling the service may add to an applied decision.
      const changes = (await service.deps.db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE claim_id = ${claim.id} AND version > ${base} AND action <> 'openQaTask'`)) as unknown as { rows: { n: number }[] };
      expect(changes.rows[0]!.n).toBe(1);
    }
  });

  it('refuses a decision the partner overtook, and one on a claim assigned to someone else', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const jana = new Desk(service, who.reviewer1);
    const petr = new Desk(service, who.reviewer2);
    const base = await versionOf(service, claim.id);
    await call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { products: ['power-bi'] });
    const stale = jana.mutation(claim.id, 'startReview', {}, base);
    const notMine = petr.mutation(claim.id, 'startReview', {}, base + 1);
    await jana.push([stale]);
    await petr.push([notMine]);
    expect((await resultOf(service, jana, stale.id)).refusal).toMatchObject({ code: 'claim_changed', params: { action: 'edit', byKind: 'partner' } });
    expect((await resultOf(service, petr, notMine.id)).refusal).toMatchObject({ code: 'not_assigned', params: { assignee: 'Jana Reviewer' } });
    const bogus = jana.mutation(crypto.randomUUID(), 'startReview', {}, 1);
    expect((await jana.push([bogus])).body.lastMutationId).toBe(bogus.id);
    expect((await resultOf(service, jana, bogus.id)).refusal).toMatchObject({ code: 'invalid_arguments' });
    const nobody = lead.mutation(claim.id, 'assign', { assignee: { id: who.ids.partnerA, name: 'Fiona' } }, base + 1);
    await lead.push([nobody]);
    expect((await resultOf(service, lead, nobody.id)).refusal).toMatchObject({ code: 'invalid_arguments', params: { issues: [expect.stringMatching(/no reviewer or team lead/)] } });
  });

  it('refuses a pushed approval with anything on the checklist not passed, and applies one with every item passed', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const jana = new Desk(service, who.reviewer1);
    await decide(service, jana, claim.id, 'startReview', {});
    const version = await versionOf(service, claim.id);
    const empty = jana.mutation(claim.id, 'approve', { checklist: {} }, version);
    const { 'product:power-bi': _unchecked, ...partly } = passedChecklist(claim.products);
    const oneOpen = jana.mutation(claim.id, 'approve', { checklist: partly }, version);
    expect((await jana.push([empty, oneOpen])).body.lastMutationId).toBe(oneOpen.id);
    expect((await resultOf(service, jana, empty.id)).refusal).toMatchObject({ code: 'checklist_not_passed', params: { items: ['poe_present', 'customer_acknowledgement', 'dates', 'partner_solution', 'product:d365-sales', 'product:power-bi'] } });
    expect((await resultOf(service, jana, oneOpen.id)).refusal).toMatchObject({ code: 'checklist_not_passed', params: { items: ['product:power-bi'] } });
    expect(await versionOf(service, claim.id)).toBe(version);
    await decide(service, jana, claim.id, 'approve', { checklist: passedChecklist(claim.products) });
  });

  it('records when a decision was made and when it arrived, and the service’s name for the assignee', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await decide(service, lead, claim.id, 'assign', { assignee: { id: who.ids.reviewer1, name: 'Typo Name' } });
    const jana = new Desk(service, who.reviewer1);
    const offline = jana.mutation(claim.id, 'startReview', {}, await versionOf(service, claim.id), '2026-03-01T18:30:00.000Z');
    service.clock.advance(3_600_000);
    await jana.push([offline]);
    const future = jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'from a fast clock' }, await versionOf(service, claim.id), '2027-01-01T00:00:00.000Z');
    await jana.push([future]);
    const { rows } = (await service.deps.db.execute(
      sql`SELECT version, at, decided_at, details FROM audit_events WHERE claim_id = ${claim.id} ORDER BY version`,
    )) as unknown as { rows: { version: number; at: string | Date; decided_at: string | Date | null; details: Record<string, unknown> }[] };
    const byVersion = Object.fromEntries(rows.map((r) => [r.version, r]));
    expect(byVersion[4]!.details).toMatchObject({ to: { id: who.ids.reviewer1, name: 'Jana Reviewer' } });
    expect(new Date(byVersion[5]!.decided_at!).toISOString()).toBe('2026-03-01T18:30:00.000Z');
    expect(new Date(byVersion[5]!.at).toISOString()).toBe(service.clock.now());
    expect(byVersion[6]!.decided_at).toBeNull(); // a "future" decision is capped at its arrival
    const results = (await service.deps.db.execute(
      sql`SELECT decided_at, received_at FROM mutation_results WHERE client_id = ${jana.clientId} ORDER BY mutation_id`,
    )) as unknown as { rows: { decided_at: string | Date; received_at: string | Date }[] };
    expect(new Date(results.rows[0]!.decided_at).toISOString()).toBe('2026-03-01T18:30:00.000Z');
    expect(new Date(results.rows[0]!.received_at).toISOString()).toBe(service.clock.now());
    const history = PullResponse.parse((await jana.pull(null)).body).claims.find((c) => c.id === claim.id)!.history;
    expect(history.find((e) => e.version === 5)).toMatchObject({ decidedAt: '2026-03-01T18:30:00.000Z', at: service.clock.now() });
    service.clock.advance(-3_600_000);
  });

  it('answers a server failure with a retryable 5xx that applied nothing of the failed mutation', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const desk = new Desk(service, who.reviewer1);
    const version = await versionOf(service, claim.id);
    const start = desk.mutation(claim.id, 'startReview', {}, version);
    const note = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'after the outage' }, version + 1);
    expect((await desk.push([start])).body).toEqual({ lastMutationId: 1 });
    const before = await fingerprint(service);
    await service.deps.db.execute(sql`ALTER TABLE mutation_results RENAME TO mutation_results_away`);
    try {
      const failed = await desk.push([start, note]);
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ code: 'internal', message: expect.stringMatching(/safe to try again/) });
    } finally {
      await service.deps.db.execute(sql`ALTER TABLE mutation_results_away RENAME TO mutation_results`);
    }
    expect(await fingerprint(service)).toBe(before);
    expect((await desk.push([start, note])).body).toEqual({ lastMutationId: 2 });
    expect(await versionOf(service, claim.id)).toBe(version + 2);
  });

  it('delivers the decisions of a batch before one that fails, and nothing of or after it', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id);
    const desk = new Desk(service, who.reviewer1);
    const version = await versionOf(service, claim.id);
    const notes = ['one', 'two', 'three', 'four', 'five'].map((text, i) => desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text }, version + i));
    // A fault of the third decision alone (a trigger refusing its result row): the batch's transaction fails.
    await service.deps.db.execute(sql.raw(`CREATE FUNCTION fail_third() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.client_id = '${desk.clientId}' AND NEW.mutation_id = 3 THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`));
    await service.deps.db.execute(sql`CREATE TRIGGER fail_third BEFORE INSERT ON mutation_results FOR EACH ROW EXECUTE FUNCTION fail_third()`);
    try {
      expect((await desk.push(notes)).status).toBe(500);
    } finally {
      await service.deps.db.execute(sql`DROP TRIGGER fail_third ON mutation_results`);
      await service.deps.db.execute(sql`DROP FUNCTION fail_third()`);
    }
    const texts = async () => {
      const { rows } = (await service.deps.db.execute(sql`SELECT data->'comments' AS comments FROM claims WHERE id = ${claim.id}`)) as unknown as { rows: { comments: { text: string }[] }[] };
      return rows[0]!.comments.map((c) => c.text);
    };
    expect(await texts()).toEqual(['one', 'two']);
    expect((await desk.push(notes)).body).toEqual({ lastMutationId: 5 });
    expect(await texts()).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('applies two desks’ batches over the same claims, sent at once in opposite orders, in full', async () => {
    const claims: { id: string; version: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await assign(claim.id);
      claims.push({ id: claim.id, version: await versionOf(service, claim.id) });
    }
    // Two desktops of one lead (another user's comment since a decision's base version would refuse it).
    const jana = new Desk(service, who.lead);
    const lucie = new Desk(service, who.lead);
    const batch = (desk: Desk, order: typeof claims, who: string) =>
      Array.from({ length: 24 }, (_, i) => order[i % order.length]!).map((c, i) => desk.mutation(c.id, 'comment', { commentId: crypto.randomUUID(), text: `${who} ${i}` }, c.version));
    const [a, b] = await Promise.all([jana.push(batch(jana, claims, 'jana')), lucie.push(batch(lucie, [...claims].reverse(), 'lucie'))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body, b.body]).toEqual([{ lastMutationId: 24 }, { lastMutationId: 24 }]);
    const results = (await service.deps.db.execute(sql`SELECT status, refusal->>'code' AS code, count(*)::int AS n FROM mutation_results WHERE client_id IN (${jana.clientId}, ${lucie.clientId}) GROUP BY status, code`)) as unknown as { rows: { status: string; code: string | null; n: number }[] };
    expect(results.rows).toEqual([{ status: 'applied', code: null, n: 48 }]);
  });

  it('keeps a client id to the user who registered it', async () => {
    const jana = new Desk(service, who.reviewer1);
    // The client is registered with its first processed mutation (refused here: no such claim).
    expect((await jana.push([jana.mutation(crypto.randomUUID(), 'startReview', {}, 1)])).body).toEqual({ lastMutationId: 1 });
    const stolen = await call(service.app, 'POST', '/sync/push', who.reviewer2, { clientId: jana.clientId, mutations: [] });
    expect(stolen.status).toBe(403);
    expect(stolen.body.code).toBe('client_of_another_user');
    expect((await call(service.app, 'POST', '/sync/pull', who.reviewer2, { clientId: jana.clientId, cookie: null })).status).toBe(403);
  });

  it('answers malformed sync requests with 400 and changes nothing', async () => {
    const before = await fingerprint(service);
    const desk = new Desk(service, who.reviewer1);
    const good = desk.mutation(crypto.randomUUID(), 'startReview', {}, 1);
    for (const body of [
      { clientId: 'not-a-uuid', mutations: [] },
      { clientId: desk.clientId, mutations: [{ ...good, name: 'submit' }] }, // a partner action is not a desktop's
      { clientId: desk.clientId, mutations: [{ ...good, id: 0 }] },
      { clientId: desk.clientId, mutations: [{ ...good, decidedAt: 'yesterday' }] },
    ]) {
      const res = await call(service.app, 'POST', '/sync/push', who.reviewer1, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_request');
    }
    expect((await call(service.app, 'POST', '/sync/pull', who.reviewer1, { clientId: desk.clientId, cookie: -1 })).status).toBe(400);
    expect((await call(service.app, 'POST', '/sync/pull', who.reviewer1, { clientId: desk.clientId, cookie: null, limit: 5000 })).status).toBe(400);
    expect(await fingerprint(service)).toBe(before);
  });

  it('pulls the whole scope on a null cookie, nothing after no change, and only what changed since', async () => {
    const desk = new Desk(service, who.lead);
    const draft = await call(service.app, 'POST', '/partner/claims', who.partnerA, (await import('./harness.js')).newClaimBody(PARTNER_A));
    const full = await pullAll(desk, null);
    expect(full[0]!.reset).toBe(true);
    const all = full.flatMap((p) => p.claims);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.some((c) => c.id === draft.body.id)).toBe(false); // drafts are the partner's business
    expect(all.every((c) => c.history.length === c.version && c.history.at(-1)!.version === c.version)).toBe(true);

    const cookie = full.at(-1)!.cookie;
    const empty = PullResponse.parse((await desk.pull(cookie)).body);
    // The scope's size comes with a pull that starts over (a first sync's progress), not with an incremental one's last page.
    expect(full[0]!.total).toBe(all.length);
    expect(empty).toEqual({ reset: false, cookie, lastMutationId: 0, claims: [], removed: [], mutationResults: [], more: false });

    const changed = await submittedClaim(service, who.partnerA, PARTNER_A); // the lead's unassigned pool
    const since = PullResponse.parse((await desk.pull(cookie)).body);
    expect(since.reset).toBe(false);
    expect(since.claims.map((c) => c.id)).toEqual([changed.id]);
    expect(since.cookie).toBeGreaterThan(cookie);
    // A desk user sees the reviewer-side claim (checklist included), unlike the partner.
    expect(Object.keys(since.claims[0]!.review.checklist).length).toBeGreaterThan(0);
  });

  it('pages by the change sequence and resets on a future or foreign cookie', async () => {
    const desk = new Desk(service, who.lead);
    const pages = await pullAll(desk, null, 2);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => p.more && p.claims.length === 2)).toBe(true);
    expect(pages.slice(1).every((p) => !p.reset)).toBe(true);
    const ids = pages.flatMap((p) => p.claims.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    const single = (await pullAll(desk, null, 2000)).flatMap((p) => p.claims.map((c) => c.id));
    expect(ids.sort()).toEqual(single.sort());
    // Cookies increase page by page.
    const cookies = pages.map((p) => p.cookie);
    expect([...cookies].sort((a, b) => a - b)).toEqual(cookies);

    const head = pages.at(-1)!.cookie;
    for (const cookie of [head + 1_000, 0, 5]) {
      const res = PullResponse.parse((await desk.pull(cookie, 2000)).body);
      expect(res.reset, `cookie ${cookie}`).toBe(true);
      expect(res.claims.length).toBe(single.length);
    }
  });

  it('returns this client’s mutation results in the range it pulls, and its last mutation id', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer2');
    const petr = new Desk(service, who.reviewer2);
    const start = PullResponse.parse((await petr.pull(null, 2000)).body);
    const v = await versionOf(service, claim.id);
    const ok = petr.mutation(claim.id, 'startReview', {}, v);
    const refused = petr.mutation(claim.id, 'startReview', {}, v + 1);
    await petr.push([ok, refused]);
    const next = PullResponse.parse((await petr.pull(start.cookie)).body);
    expect(next.lastMutationId).toBe(refused.id);
    expect(next.mutationResults.map((r) => [r.mutationId, r.status, r.refusal?.code])).toEqual([
      [ok.id, 'applied', undefined],
      [refused.id, 'refused', 'wrong_status'],
    ]);
    expect(next.mutationResults[0]!.receivedAt).toBe(service.clock.now());
    // Another client of the same user does not see them.
    const other = new Desk(service, who.reviewer2);
    expect(PullResponse.parse((await other.pull(start.cookie)).body).mutationResults).toEqual([]);
  });
});
