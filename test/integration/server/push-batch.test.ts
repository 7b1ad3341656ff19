// A push applied set-based (server/sync/apply-batch.ts): what one transaction of many decisions must
// keep of the decision-by-decision semantics. Refusals are data beside applied decisions, a later
// decision on a claim sees the earlier ones of its batch, QA sampling numbers and spreads the batch's
// decisions as it did one at a time, a re-sent batch applies nothing twice, and a batch cut short by
// a server error leaves each decision whole or absent.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../server/audit/verify.js';
import { createUser } from '../../../server/auth/users.js';
import { BACKENDS, call, decide, Desk, fingerprint, PARTNER_A, passedChecklist, PASSWORD, pullAll, resultOf, serviceFixture, submittedClaim, versionOf } from './harness.js';

describe.each(BACKENDS)('a push of many decisions on %s', (backend) => {
  const fixture = serviceFixture(backend, { beforeAll, afterAll });
  let quido: string;

  beforeAll(async () => {
    // A third reviewer, so QA tasks have two reviewers to be spread over.
    quido = await createUser(fixture.service.deps.db, fixture.service.clock, { username: 'quido', password: PASSWORD, name: 'Quido Reviewer', role: 'reviewer' });
  });

  const rows = async <T,>(query: ReturnType<typeof sql>) => ((await fixture.service.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
  /** A submitted claim of partner A assigned to reviewer1 (jana), on the version the store holds. */
  const assigned = async (to: 'reviewer1' | 'reviewer2' = 'reviewer1') => {
    const { service, who, desks } = fixture;
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await decide(service, desks.lead, claim.id, 'assign', { assignee: { id: who.ids[to], name: '' } });
    return { id: claim.id as string, products: claim.products as string[], version: await versionOf(service, claim.id) };
  };
  const historyOf = (claimId: string) => rows<{ action: string; actor: string }>(sql`SELECT action, actor->>'id' AS actor FROM audit_events WHERE claim_id = ${claimId} ORDER BY version`);
  const commentsOf = async (claimId: string) =>
    (await rows<{ comments: { text: string }[] }>(sql`SELECT data->'comments' AS comments FROM claims WHERE id = ${claimId}`))[0]!.comments.map((c) => c.text);

  it('applies the accepted decisions of a batch and records the refused ones as data, each with its result, in one verified chain', async () => {
    const { service } = fixture;
    const mine = [await assigned(), await assigned(), await assigned()];
    const petrs = await assigned('reviewer2');
    const jana = new Desk(service, fixture.who.reviewer1);
    const batch = [
      jana.mutation(mine[0]!.id, 'startReview', {}, mine[0]!.version),
      jana.mutation(petrs.id, 'startReview', {}, petrs.version), // not hers
      jana.mutation(mine[1]!.id, 'comment', { commentId: crypto.randomUUID(), text: 'Signed on page 2.' }, mine[1]!.version),
      jana.mutation(mine[2]!.id, 'approve', { checklist: passedChecklist(mine[2]!.products) }, mine[2]!.version), // not in review yet
      jana.mutation(crypto.randomUUID(), 'startReview', {}, 1), // no such claim
      jana.mutation(mine[2]!.id, 'startReview', {}, mine[2]!.version),
    ];
    expect((await jana.push(batch)).body).toEqual({ lastMutationId: 6 });
    const outcomes = await Promise.all(batch.map(async (m) => resultOf(service, jana, m.id)));
    expect(outcomes.map((o) => [o.status, o.refusal?.code ?? null])).toEqual([
      ['applied', null],
      ['refused', 'not_assigned'],
      ['applied', null],
      ['refused', 'wrong_status'],
      ['refused', 'invalid_arguments'],
      ['applied', null],
    ]);
    expect([await versionOf(service, mine[0]!.id), await versionOf(service, mine[1]!.id), await versionOf(service, mine[2]!.id), await versionOf(service, petrs.id)]).toEqual([
      mine[0]!.version + 1,
      mine[1]!.version + 1,
      mine[2]!.version + 1,
      petrs.version,
    ]);
    // The refused approval is in the lead's log, marked with its reason; the applied ones are in the history.
    const logged = await rows<{ outcome: string; code: string }>(sql`SELECT outcome, refusal->>'code' AS code FROM decision_log WHERE claim_id = ${mine[2]!.id}`);
    expect(logged).toEqual([{ outcome: 'refused', code: 'wrong_status' }]);
    expect((await historyOf(mine[2]!.id)).at(-1)).toEqual({ action: 'startReview', actor: fixture.who.ids.reviewer1 });
    expect((await verifyChain(service.deps)).ok).toBe(true);
    // Her desk hears of every result and every claim she holds, through pull as before.
    const pages = await pullAll(jana, null);
    const results = pages.flatMap((p) => p.mutationResults);
    expect(results.map((r) => [r.mutationId, r.status])).toEqual(batch.map((m, i) => [m.id, outcomes[i]!.status]));
    expect(pages.flatMap((p) => p.claims.map((c) => c.id))).toEqual(expect.arrayContaining(mine.map((c) => c.id)));
  });

  it('lets a later decision of a batch see an earlier one on the same claim, QA sampling between them', async () => {
    const { service, who } = fixture;
    const claim = await assigned('reviewer2');
    const petr = new Desk(service, who.reviewer2);
    const approve = { checklist: passedChecklist(claim.products) };
    const batch = [
      petr.mutation(claim.id, 'startReview', {}, claim.version),
      petr.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'All there.' }, claim.version),
      petr.mutation(claim.id, 'approve', approve, claim.version), // needs the review the first one started
    ];
    expect((await petr.push(batch)).body).toEqual({ lastMutationId: 3 });
    for (const m of batch) expect((await resultOf(service, petr, m.id)).status).toBe('applied');
    // His first decisions are all sampled (the default rule): the QA task follows the approval in the history.
    expect((await historyOf(claim.id)).slice(-4).map((e) => e.action)).toEqual(['startReview', 'comment', 'approve', 'openQaTask']);
    const [versions] = await rows<{ versions: number[] }>(sql`SELECT array_agg(claim_version ORDER BY mutation_id) AS versions FROM mutation_results WHERE client_id = ${petr.clientId}`);
    expect(versions!.versions).toEqual([claim.version + 1, claim.version + 2, claim.version + 3]);
    const [log] = await rows<{ qa_state: string }>(sql`SELECT qa_state FROM decision_log WHERE claim_id = ${claim.id} AND action = 'approve'`);
    expect(log).toEqual({ qa_state: 'open' });
    expect(await rows(sql`SELECT state FROM qa_tasks WHERE claim_id = ${claim.id}`)).toEqual([{ state: 'open' }]);
    // The approval issued the customer's opt-out link once.
    expect(await rows(sql`SELECT count(*)::int AS n FROM opt_out_tokens WHERE claim_id = ${claim.id}`)).toEqual([{ n: 1 }]);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  // Six claims taken through create, upload, submit, assign and a started review: over 30 s on a loaded machine.
  it('samples a batch of decisions for QA by their ordinals and spreads the tasks by load, as one at a time', { timeout: 120_000 }, async () => {
    const { service, who, desks } = fixture;
    const put = await call(service.app, 'PUT', '/lead/qa/rule', who.lead, { defaultShare: 0, firstDecisions: 4, perReviewer: {} });
    expect(put.status).toBe(200);
    // Jana has decided nothing yet: her decisions 1-4 are sampled, 5 and 6 are not.
    const claims = [];
    for (let i = 0; i < 6; i++) claims.push(await assigned());
    for (const c of claims) await decide(service, desks.reviewer1, c.id, 'startReview', {});
    const jana = new Desk(service, who.reviewer1);
    const batch = [];
    for (const c of claims) batch.push(jana.mutation(c.id, 'approve', { checklist: passedChecklist(c.products) }, c.version + 1));
    // Each task goes to the least loaded of Petr and Quido (ties to the name) at that moment, counting the tasks the batch opened before it.
    const loads = new Map((await rows<{ id: string; n: number }>(sql`
      SELECT u.id, count(t.id)::int AS n FROM users u LEFT JOIN qa_tasks t ON t.qa_reviewer_id = u.id AND t.state = 'open'
      WHERE u.id IN (${who.ids.reviewer2}, ${quido}) GROUP BY u.id`)).map((r) => [r.id, r.n]));
    const expected = claims.slice(0, 4).map(() => {
      const [petr, q] = [loads.get(who.ids.reviewer2)!, loads.get(quido)!];
      const to = petr <= q ? who.ids.reviewer2 : quido;
      loads.set(to, loads.get(to)! + 1);
      return to;
    });
    expect((await jana.push(batch)).body).toEqual({ lastMutationId: 6 });
    const sampled = [];
    for (const c of claims) sampled.push((await historyOf(c.id)).at(-1)!.action === 'openQaTask');
    expect(sampled).toEqual([true, true, true, true, false, false]);
    expect(await rows(sql`SELECT decisions FROM reviewer_decision_counts WHERE reviewer_id = ${who.ids.reviewer1}`)).toEqual([{ decisions: 6 }]);
    const given = [];
    for (const c of claims.slice(0, 4)) given.push((await rows<{ id: string }>(sql`SELECT qa_reviewer_id AS id FROM qa_tasks WHERE claim_id = ${c.id}`))[0]!.id);
    expect(given).toEqual(expected);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('applies a batch re-sent, whole or with more after it, exactly once', async () => {
    const { service, who } = fixture;
    const claim = await assigned();
    const jana = new Desk(service, who.reviewer1);
    // 30 decisions: more than one transaction's worth (push.ts TX_BATCH).
    const batch = [jana.mutation(claim.id, 'startReview', {}, claim.version)];
    for (let i = 1; i < 30; i++) batch.push(jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: `note ${i}` }, claim.version));
    expect((await jana.push(batch)).body).toEqual({ lastMutationId: 30 });
    const state = await fingerprint(service);
    expect((await jana.push(batch)).body).toEqual({ lastMutationId: 30 });
    expect(await fingerprint(service)).toBe(state);
    const more = jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'note 30' }, claim.version);
    expect((await jana.push([...batch, more])).body).toEqual({ lastMutationId: 31 });
    expect(await commentsOf(claim.id)).toEqual(Array.from({ length: 30 }, (_, i) => `note ${i + 1}`));
    expect(await versionOf(service, claim.id)).toBe(claim.version + 31);
    expect(await rows(sql`SELECT count(*)::int AS n FROM mutation_results WHERE client_id = ${jana.clientId}`)).toEqual([{ n: 31 }]);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('leaves each decision of a batch cut short by a server error whole or absent, and applies the rest once when it is sent again', async () => {
    const { service, who } = fixture;
    const claim = await assigned();
    const jana = new Desk(service, who.reviewer1);
    const batch = [jana.mutation(claim.id, 'startReview', {}, claim.version)];
    for (let i = 1; i < 40; i++) batch.push(jana.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: `note ${i}` }, claim.version));
    // A fault of the audit event of decision 30 (in the second transaction): its whole transaction fails.
    const failing = claim.version + 30;
    await service.deps.db.execute(
      sql.raw(`CREATE FUNCTION fail_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.claim_id = '${claim.id}' AND NEW.version = ${failing} THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`),
    );
    await service.deps.db.execute(sql`CREATE TRIGGER fail_event BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_event()`);
    try {
      expect((await jana.push(batch)).status).toBe(500);
    } finally {
      await service.deps.db.execute(sql`DROP TRIGGER fail_event ON audit_events`);
      await service.deps.db.execute(sql`DROP FUNCTION fail_event()`);
    }
    // Decisions 1-29 arrived (the first transaction, then one at a time up to the failing one); nothing of 30 or after.
    const [client] = await rows<{ last: number }>(sql`SELECT last_mutation_id AS last FROM desktop_clients WHERE client_id = ${jana.clientId}`);
    expect(client).toEqual({ last: 29 });
    expect(await versionOf(service, claim.id)).toBe(claim.version + 29);
    expect(await rows(sql`SELECT count(*)::int AS n, max(mutation_id) AS last FROM mutation_results WHERE client_id = ${jana.clientId}`)).toEqual([{ n: 29, last: 29 }]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM audit_events WHERE claim_id = ${claim.id} AND version > ${claim.version}`)).toEqual([{ n: 29 }]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM audit_events WHERE seq < 0`)).toEqual([{ n: 0 }]);
    expect((await verifyChain(service.deps)).ok).toBe(true);

    expect((await jana.push(batch)).body).toEqual({ lastMutationId: 40 });
    expect(await commentsOf(claim.id)).toEqual(Array.from({ length: 39 }, (_, i) => `note ${i + 1}`));
    expect(await rows(sql`SELECT count(*)::int AS n FROM mutation_results WHERE client_id = ${jana.clientId}`)).toEqual([{ n: 40 }]);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });
});
