// Scoped sync (issue 17): a desk pulls its user's scope, which the service decides; claims leave it
// through `removed`, enter it whole, and a scope change costs the change. On PGlite and PostgreSQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../shared/contract/sync.js';
import { readClaim } from '../../../server/claims/read.js';
import { ensureDeskScope } from '../../../server/sync/scope.js';
import { BACKENDS, decide, Desk, PARTNER_A, passedChecklist, people, type People, resultOf, serviceFor, submittedClaim, versionOf, pullAll } from './harness.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('desk scope on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;

  beforeAll(async () => {
    service = await serviceFor(backend, { sessionTtlMs: 365 * DAY });
    who = await people(service);
    lead = new Desk(service, who.lead);
  });
  afterAll(async () => service?.close());

  const assign = (claimId: string, reviewer: 'reviewer1' | 'reviewer2') => decide(service, lead, claimId, 'assign', { assignee: { id: who.ids[reviewer], name: '' } });

  /** A desk's claims after folding pages in, as the engine does. */
  const fold = (held: Map<string, number>, pages: PullResponse[]) => {
    for (const page of pages) {
      if (page.reset) held.clear();
      for (const c of page.claims) held.set(c.id, c.version);
      for (const id of page.removed) held.delete(id);
    }
    return held;
  };

  it('gives a reviewer their assigned claims only, and a lead the unassigned pool', async () => {
    const mine = await submittedClaim(service, who.partnerA, PARTNER_A);
    const theirs = await submittedClaim(service, who.partnerA, PARTNER_A);
    const pool = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(mine.id, 'reviewer1');
    await assign(theirs.id, 'reviewer2');
    const jana = fold(new Map(), await pullAll(new Desk(service, who.reviewer1), null));
    expect(jana.has(mine.id)).toBe(true);
    expect(jana.has(theirs.id)).toBe(false);
    expect(jana.has(pool.id)).toBe(false);
    const pages = await pullAll(new Desk(service, who.lead), null);
    const lucie = fold(new Map(), pages);
    expect(lucie.has(pool.id)).toBe(true);
    // The lead assigned the other two: what a lead acted on stays on their desk.
    expect(lucie.has(mine.id) && lucie.has(theirs.id)).toBe(true);
    expect(pages[0]!.total).toBe(lucie.size);
  });

  it('drops a claim reassigned away at the next pull, and refuses the offline decision on it with the claim’s number', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer1');
    const jana = new Desk(service, who.reviewer1);
    const first = await pullAll(jana, null);
    const held = fold(new Map(), first);
    expect(held.has(claim.id)).toBe(true);
    const offline = jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'looked at it on the train' }, held.get(claim.id)!);
    await assign(claim.id, 'reviewer2');
    expect((await jana.push([offline])).body).toEqual({ lastMutationId: offline.id });
    const next = await pullAll(jana, first.at(-1)!.cookie);
    expect(next.flatMap((p) => p.removed)).toEqual([claim.id]);
    expect(next.flatMap((p) => p.claims)).toEqual([]);
    expect(next.flatMap((p) => p.mutationResults)).toEqual([
      expect.objectContaining({ mutationId: offline.id, status: 'refused', claimNumber: claim.number }),
    ]);
    expect(fold(held, next).has(claim.id)).toBe(false);
    // An incremental pull's last page does not count the scope; a pull starting over does.
    expect(next.at(-1)!.total).toBeUndefined();
    expect(PullResponse.parse((await jana.pull(null)).body).total).toBe(held.size);
  });

  it('keeps a decided claim for N days after the decision, then ages it out; a reassignment back brings it whole', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer2');
    const petr = new Desk(service, who.reviewer2);
    await decide(service, petr, claim.id, 'startReview', {});
    await decide(service, petr, claim.id, 'approve', { checklist: passedChecklist(claim.products), timeSpentMs: 1000 });
    let pages = await pullAll(petr, null);
    const held = fold(new Map(), pages);
    expect(held.has(claim.id)).toBe(true);
    service.clock.advance(29 * DAY);
    pages = await pullAll(petr, pages.at(-1)!.cookie);
    expect(pages.flatMap((p) => p.removed)).not.toContain(claim.id);
    service.clock.advance(2 * DAY);
    pages = await pullAll(petr, pages.at(-1)!.cookie);
    expect(pages.flatMap((p) => p.removed)).toContain(claim.id);
    expect(fold(held, pages).has(claim.id)).toBe(false);
    // Pulling again changes nothing: ageing out happened once.
    const again = await pullAll(petr, pages.at(-1)!.cookie);
    expect(again.flatMap((p) => [...p.removed, ...p.claims.map((c) => c.id)])).toEqual([]);
    service.clock.advance(-31 * DAY);
  });

  it('sends a claim removed and re-added between two pulls whole, once, and not as removed', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer1');
    const jana = new Desk(service, who.reviewer1);
    const first = await pullAll(jana, null);
    await assign(claim.id, 'reviewer2');
    await assign(claim.id, 'reviewer1');
    const next = await pullAll(jana, first.at(-1)!.cookie);
    expect(next.flatMap((p) => p.removed)).toEqual([]);
    const sent = next.flatMap((p) => p.claims).filter((c) => c.id === claim.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.version).toBe(await versionOf(service, claim.id));
    expect(sent[0]!.history).toHaveLength(sent[0]!.version);
  });

  it('costs a scope change its size: one new assignment is one claim, whatever else changed', async () => {
    const jana = new Desk(service, who.reviewer1);
    const start = await pullAll(jana, null);
    for (let i = 0; i < 3; i++) await assign((await submittedClaim(service, who.partnerA, PARTNER_A)).id, 'reviewer2');
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer1');
    const next = await pullAll(jana, start.at(-1)!.cookie);
    expect(next.flatMap((p) => p.claims.map((c) => c.id))).toEqual([claim.id]);
    expect(PullResponse.parse((await jana.pull(null)).body).total).toBe(start[0]!.total! + 1);
    // The pull's query fits the (user_id, change_seq) index: with sequential scans priced out, the
    // planner reads it (bench/ measures it at 1,000,000 claims, where the planner chooses it itself).
    if (backend === 'postgres') {
      const plan = await service.deps.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        return (await tx.execute(
          sql`EXPLAIN SELECT claim_id FROM scope_members WHERE user_id = ${who.ids.reviewer1} AND change_seq > ${start.at(-1)!.cookie} ORDER BY change_seq LIMIT 501`,
        )) as unknown as { rows: { 'QUERY PLAN': string }[] };
      });
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using scope_members_pull/);
    }
  });

  it('pages a cut pull to the same claims as one page, each once', async () => {
    const desk = new Desk(service, who.lead);
    const small = await pullAll(desk, null, 1);
    expect(small.length).toBeGreaterThan(2);
    const ids = small.flatMap((p) => p.claims.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    const whole = (await pullAll(desk, null, 2000)).flatMap((p) => p.claims.map((c) => c.id));
    expect(ids.sort()).toEqual(whole.sort());
    // Each page but the last carries the scope's size (a first sync's progress).
    expect(small.slice(0, -1).every((p) => p.total === whole.length)).toBe(true);
  });

  it('counts a late offline decision from its arrival, not from a desk clock that is days behind', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer1');
    const jana = new Desk(service, who.reviewer1);
    await decide(service, jana, claim.id, 'startReview', {});
    const start = await pullAll(jana, null);
    await assign(claim.id, 'reviewer2'); // reassigned away, but Jana's comment arrived first below
    await assign(claim.id, 'reviewer1');
    const skewed = jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'clock 40 days behind' }, await versionOf(service, claim.id), new Date(Date.parse(service.clock.now()) - 40 * DAY).toISOString());
    await jana.push([skewed]);
    expect((await resultOf(service, jana, skewed.id)).status).toBe('applied');
    await assign(claim.id, 'reviewer2');
    const next = await pullAll(jana, start.at(-1)!.cookie);
    // Commented just now (by the service's clock): it stays on her desk, with the reassignment in it.
    expect(next.flatMap((p) => p.removed)).not.toContain(claim.id);
    expect(next.flatMap((p) => p.claims).find((c) => c.id === claim.id)?.assignee?.id).toBe(who.ids.reviewer2);
  });

  it('builds the scope of a store migrated from before scopes, and sends every desk into a resync', async () => {
    const jana = new Desk(service, who.reviewer1);
    const before = await pullAll(jana, null);
    const held = fold(new Map(), before);
    await service.deps.db.execute(sql`DELETE FROM scope_members`);
    await service.deps.db.execute(sql`UPDATE sync_state SET scope_built = false`);
    await ensureDeskScope(service.deps.db, service.clock.now());
    const after = await pullAll(jana, before.at(-1)!.cookie);
    expect(after[0]!.reset).toBe(true);
    expect([...fold(new Map(), after).keys()].sort()).toEqual([...held.keys()].sort());
  });

  // Last: it moves the clock on and pulls, which ages other claims off Jana's desk for good.
  it('holds a reviewer’s open QA task blind until her verdict, then whole; a disagreement stays on the lead’s desk', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await assign(claim.id, 'reviewer2');
    const petr = new Desk(service, who.reviewer2);
    await decide(service, petr, claim.id, 'startReview', {});
    await decide(service, petr, claim.id, 'approve', { checklist: passedChecklist(claim.products), timeSpentMs: 1000 });
    // Petr's first decisions are all sampled, and Jana is the only other reviewer: the task is hers.
    const [task] = (await readClaim(service.deps.db, claim.id))!.qa;
    expect(task).toMatchObject({ state: 'open', qaReviewer: { id: who.ids.reviewer1 } });

    const jana = new Desk(service, who.reviewer1);
    const first = await pullAll(jana, null);
    const blind = first.flatMap((p) => p.claims).find((c) => c.id === claim.id);
    expect(blind, 'her QA task is on her desk').toBeDefined();
    // As it stood before Petr's decision, at the claim's current version (what her push is judged on).
    expect(blind!.status).toBe('in_review');
    expect(blind!.history.map((e) => e.action)).not.toContain('approve');
    expect(blind!.qa).toEqual([]);
    expect(blind!.version).toBe(await versionOf(service, claim.id));

    const verdict = { ...passedChecklist(claim.products), customer_acknowledgement: { state: 'missing', evidence: [] } };
    await decide(service, jana, claim.id, 'recordQaVerdict', { taskId: task!.id, outcome: 'requestPartnerAction', checklist: verdict });
    const after = await pullAll(jana, first.at(-1)!.cookie);
    const whole = after.flatMap((p) => p.claims).find((c) => c.id === claim.id);
    expect(whole?.status).toBe('approved');
    expect(whole?.qa).toEqual([expect.objectContaining({ id: task!.id, state: 'disagreed' })]);

    // N days on, Jana's verdict no longer keeps it on her desk; the disagreement keeps it on the lead's.
    const leadPages = await pullAll(lead, null);
    service.clock.advance(31 * DAY);
    try {
      expect((await pullAll(jana, after.at(-1)!.cookie)).flatMap((p) => p.removed)).toContain(claim.id);
      const leadLater = await pullAll(lead, leadPages.at(-1)!.cookie);
      expect(leadLater.flatMap((p) => p.removed)).not.toContain(claim.id);
      expect(fold(fold(new Map(), leadPages), leadLater).has(claim.id)).toBe(true);
    } finally {
      service.clock.advance(-31 * DAY);
    }
  });
});

describe('desk scope settings', () => {
  it('keeps acted-on claims for SCOPE_RECENT_DAYS days', async () => {
    const service = await serviceFor('pglite', { sessionTtlMs: 365 * DAY });
    try {
      await ensureDeskScope(service.deps.db, service.clock.now(), 5);
      const who = await people(service);
      const lead = new Desk(service, who.lead);
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await decide(service, lead, claim.id, 'assign', { assignee: { id: who.ids.reviewer1, name: '' } });
      const jana = new Desk(service, who.reviewer1);
      await decide(service, jana, claim.id, 'startReview', {});
      await decide(service, jana, claim.id, 'reject', { reason: 'insufficient_poe', comment: 'No signature.', commentId: crypto.randomUUID() });
      const first = PullResponse.parse((await jana.pull(null)).body);
      expect(first.claims.map((c) => c.id)).toContain(claim.id);
      service.clock.advance(6 * DAY);
      const later = PullResponse.parse((await jana.pull(first.cookie)).body);
      expect(later.removed).toContain(claim.id);
    } finally {
      await service.close();
    }
  });
});
