// Text that is not well-formed Unicode (a lone UTF-16 surrogate: an emoji cut in half; a NUL) and
// numbers beyond what the store holds are refused where they enter, with a message, and change
// nothing; no route answers 5xx for them, and the desk keeps syncing afterwards (issue 14, item 1).
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, call, decide, Desk, fingerprint, makePdf, newClaimBody, PARTNER_A, passedChecklist, people, type People, resultOf, serviceFor, submittedClaim, uploadPdf, versionOf } from './harness.js';

/** 'Checked the invoice 👍' cut in the middle of the emoji: ends in a lone high surrogate. */
const CUT_EMOJI = 'Checked the invoice 👍'.slice(0, 21);

/** A query value as UTF-8 percent-escapes; a URL has no way to carry a lone surrogate but bytes that are not UTF-8. */
const queryValue = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('') + (s.length % 2 ? '%ED%A0%BD' : '');

describe.each(BACKENDS)('well-formed input on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;
  let jana: Desk;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    lead = new Desk(service, who.lead);
    jana = new Desk(service, who.reviewer1);
  });
  afterAll(async () => service?.close());

  const clientRows = async (clientId: string) =>
    ((await service.deps.db.execute(sql`SELECT count(*)::int AS n FROM desktop_clients WHERE client_id = ${clientId}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  /** A claim in review by Jana, and one waiting on the partner. */
  const inReview = async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    await decide(service, lead, claim.id, 'assign', { assignee: { id: who.ids.reviewer1, name: '' } });
    await decide(service, jana, claim.id, 'startReview', {});
    return claim;
  };
  const waitingOnPartner = async () => {
    const claim = await inReview();
    const checklist = { ...passedChecklist(claim.products), dates: { state: 'missing', evidence: [] } };
    await decide(service, jana, claim.id, 'requestPartnerAction', { checklist, comment: 'Add a dated PoE.', commentId: crypto.randomUUID() });
    return claim;
  };

  it('refuses a cut emoji in partner create, edit, comment and respond with 400 naming the field, and changes nothing', async () => {
    const claim = await waitingOnPartner();
    const attempts: [string, string, unknown, RegExp][] = [
      ['POST', '/partner/claims', newClaimBody(PARTNER_A, { partnerName: CUT_EMOJI }), /body\.partnerName: contains a broken character/],
      ['POST', '/partner/claims', newClaimBody(PARTNER_A, { customer: { tenantId: crypto.randomUUID(), name: `Contoso${'\u0000'}` } }), /body\.customer\.name: contains a broken character/],
      ['PATCH', `/partner/claims/${claim.id}`, { partnerContact: { name: CUT_EMOJI, email: 'p@fabrikam.example' } }, /body\.partnerContact\.name/],
      ['POST', `/partner/claims/${claim.id}/comments`, { text: CUT_EMOJI }, /body\.text: contains a broken character/],
      ['POST', `/partner/claims/${claim.id}/respond`, { comment: CUT_EMOJI }, /body\.comment: contains a broken character/],
      ['POST', `/partner/claims/${claim.id}/request-rejection`, { ground: 'wrong_activity', comment: '\uDC4D' }, /body\.comment/],
      ['POST', `/partner/claims/${claim.id}/dispute`, { justification: CUT_EMOJI }, /body\.justification/],
    ];
    const before = await fingerprint(service);
    for (const [method, url, payload, message] of attempts) {
      const res = await call(service.app, method as 'POST', url, who.partnerA, payload);
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    const upload = await call(service.app, 'PUT', `/partner/claims/${claim.id}/documents?name=${encodeURIComponent('poe')}%00.pdf`, who.partnerA, Buffer.from(await makePdf('nul-name')), { 'content-type': 'application/pdf' });
    expect(upload.status).toBe(400);
    expect(upload.body.message).toMatch(/querystring\.name: contains a broken character/);
    expect(await fingerprint(service)).toBe(before);
    // The same requests with well-formed text go through.
    expect((await call(service.app, 'POST', `/partner/claims/${claim.id}/respond`, who.partnerA, { comment: 'Checked the invoice 👍' })).status).toBe(200);
  });

  it('a pushed decision with a cut emoji is refused as a conflict; the desk keeps pushing and pulling', async () => {
    const claim = await inReview();
    const desk = new Desk(service, who.reviewer1);
    const version = await versionOf(service, claim.id);
    const broken = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: CUT_EMOJI }, version);
    const brokenKey = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'ok', [CUT_EMOJI]: 1 }, version);
    const fine = desk.mutation(claim.id, 'comment', { commentId: crypto.randomUUID(), text: 'Checked the invoice 👍' }, version);
    const res = await desk.push([broken, brokenKey, fine]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lastMutationId).toBe(fine.id);
    for (const m of [broken, brokenKey]) {
      expect((await resultOf(service, desk, m.id)).refusal).toEqual({ code: 'invalid_arguments', params: { issues: [expect.stringMatching(/^args: a text contains a broken character/)] } });
    }
    expect((await resultOf(service, desk, fine.id)).status).toBe('applied');
    const pulled = await desk.pull(null);
    expect(pulled.status).toBe(200);
    expect(pulled.body.mutationResults.map((r: { status: string }) => r.status)).toEqual(['refused', 'refused', 'applied']);
  });

  it('refuses numbers the store cannot hold with 400 before anything is written, not even the client', async () => {
    const claim = await inReview();
    for (const mutation of [
      { id: 1, claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'x' }, baseVersion: 2 ** 31, decidedAt: service.clock.now() },
      { id: 2 ** 31, claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'x' }, baseVersion: 1, decidedAt: service.clock.now() },
    ]) {
      const desk = new Desk(service, who.reviewer1);
      const before = await fingerprint(service);
      const res = await desk.push([mutation]);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.message).toMatch(/body\.mutations\.0\.(baseVersion|id): Too big/);
      expect(await fingerprint(service)).toBe(before);
      expect(await clientRows(desk.clientId)).toBe(0);
    }
  });

  it('a push that fails after it started leaves no client behind', async () => {
    const desk = new Desk(service, who.reviewer1);
    // A mutation on a claim the service does not know is refused in-band and registers the client;
    // one that never reaches processing (a gap) must not.
    const gap = desk.mutation(crypto.randomUUID(), 'startReview', {}, 1);
    gap.id = 5;
    const res = await desk.push([gap]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('mutation_gap');
    expect(await clientRows(desk.clientId)).toBe(0);
  });

  it('never answers 5xx to random text, broken or not, in any text field of any route', { timeout: 120_000 }, async () => {
    const claim = await waitingOnPartner();
    const review = await inReview();
    // Strings mixing ordinary characters, emoji, lone surrogates of both halves and NULs.
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('\uD83D', '\uDC4D', '\u0000', '👍', 'ž', '\uFFFF'), fc.string({ unit: 'binary', maxLength: 3 }));
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    const desk = new Desk(service, who.reviewer1);
    const route = fc.constantFrom(
      (s: string) => ['POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A, { partnerName: s, customerContact: { name: s, email: 'c@contoso.example', phone: s } })] as const,
      (s: string) => ['PATCH', `/partner/claims/${claim.id}`, who.partnerA, { partnerContact: { name: s, email: 'p@fabrikam.example' }, [s]: s }] as const,
      (s: string) => ['POST', `/partner/claims/${claim.id}/comments`, who.partnerA, { text: s }] as const,
      (s: string) => ['POST', `/partner/claims/${review.id}/request-rejection`, who.partnerB, { ground: 'wrong_activity', comment: s }] as const,
      (s: string) => ['POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, { justification: s, documents: [{ sha256: 'a'.repeat(64), name: s }] }] as const,
      (s: string) => ['POST', '/auth/login', null, { username: s, password: s }] as const,
      (s: string) => ['PUT', `/partner/claims/${claim.id}/documents?name=${queryValue(s)}`, who.partnerA, 'not a pdf'] as const,
      (s: string) => ['POST', `/customer/opt-out/${'A'.repeat(43)}`, null, { comment: s }] as const,
      (s: string) =>
        ['POST', '/sync/push', who.reviewer1, { clientId: desk.clientId, mutations: [{ ...desk.mutation(review.id, 'comment', { commentId: crypto.randomUUID(), text: s, [s]: s }, 1), id: 1 }] }] as const,
      (s: string) => ['POST', '/sync/push', who.lead, { clientId: crypto.randomUUID(), mutations: [{ ...lead.mutation(review.id, 'assign', { assignee: { id: s, name: s } }, 1), id: 1 }] }] as const,
    );
    await fc.assert(
      fc.asyncProperty(route, text, async (make, s) => {
        const [method, url, token, payload] = make(s);
        const res = await call(service.app, method, url, token, payload, method === 'PUT' ? { 'content-type': 'application/pdf' } : {});
        expect(res.status, `${method} ${url} with ${JSON.stringify(s)}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
    // And the desk is not frozen: a decision still goes through.
    const ok = new Desk(service, who.reviewer1);
    expect((await ok.push([ok.mutation(review.id, 'comment', { commentId: crypto.randomUUID(), text: 'Still syncing' }, await versionOf(service, review.id))])).body).toEqual({ lastMutationId: 1 });
    expect((await ok.pull(null)).status).toBe(200);
  });

  it('an upload with a well-formed name still works', async () => {
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    expect((await uploadPdf(service.app, who.partnerA, claim.id, await makePdf('emoji-name'), 'PoE 👍 podpis.pdf')).status).toBe(201);
  });
});
