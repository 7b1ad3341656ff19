// Who may do what: a partner only with its own claims, a reviewer only decides claims assigned to
// them, only leads assign, reassign and reopen, a customer's opt-out link works once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, call, decide, Desk, fingerprint, makePdf, PARTNER_A, passedChecklist, resultOf, serviceFixture, submittedClaim, versionOf } from './harness.js';

describe.each(BACKENDS)('permissions on %s', (backend) => {
  const fx = serviceFixture(backend, { beforeAll, afterAll });

  const inReviewBy = async (reviewer: 'reviewer1' | 'reviewer2' | 'lead' = 'reviewer1') => {
    const claim = await submittedClaim(fx.service, fx.who.partnerA, PARTNER_A);
    await decide(fx.service, fx.desks.lead, claim.id, 'assign', { assignee: { id: fx.who.ids[reviewer], name: '' } });
    await decide(fx.service, fx.desks[reviewer], claim.id, 'startReview', {});
    return claim;
  };

  /** Pushes one mutation on the current version; answers the recorded outcome. */
  const attempt = async (desk: Desk, claimId: string, name: string, args: unknown) => {
    const m = desk.mutation(claimId, name, args, await versionOf(fx.service, claimId));
    await desk.push([m]);
    const r = await resultOf(fx.service, desk, m.id);
    return r.status === 'applied' ? 'applied' : r.refusal!.code;
  };

  it('keeps every partner route of a claim away from another partner', async () => {
    const claim = await submittedClaim(fx.service, fx.who.partnerA, PARTNER_A);
    const before = await fingerprint(fx.service);
    const pdf = Buffer.from(await makePdf('intruder'));
    const tries: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', `/partner/claims/${claim.id}`],
      ['GET', `/partner/claims/${claim.id}/history`],
      ['PATCH', `/partner/claims/${claim.id}`, { products: ['m365-teams'] }],
      ['POST', `/partner/claims/${claim.id}/submit`],
      ['POST', `/partner/claims/${claim.id}/respond`, { comment: 'mine now' }],
      ['POST', `/partner/claims/${claim.id}/request-rejection`, { ground: 'other' }],
      ['POST', `/partner/claims/${claim.id}/dispute`, { justification: 'mine' }],
      ['POST', `/partner/claims/${claim.id}/comments`, { text: 'hello' }],
      ['PUT', `/partner/claims/${claim.id}/documents?name=x.pdf`, pdf, { 'content-type': 'application/pdf' }],
    ];
    for (const [method, url, body, headers] of tries) {
      const res = await call(fx.service.app, method as 'GET', url, fx.who.partnerB, body, headers);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.code).toBe('claim_not_found');
    }
    const list = await call(fx.service.app, 'GET', '/partner/claims', fx.who.partnerB);
    expect(list.body.claims.map((c: { id: string }) => c.id)).not.toContain(claim.id);
    expect(await fingerprint(fx.service)).toBe(before);
  });

  it('lets only the assigned reviewer decide, and only leads assign and reopen', async () => {
    const claim = await inReviewBy('reviewer1');
    const checklist = passedChecklist(claim.products);
    const id = claim.id;
    const commentId = () => crypto.randomUUID();
    const matrix: [keyof typeof fx.desks, string, unknown, string][] = [
      ['reviewer2', 'approve', { checklist }, 'not_assigned'],
      ['reviewer2', 'reject', { reason: 'insufficient_poe', comment: 'x', commentId: commentId() }, 'not_assigned'],
      ['reviewer2', 'requestPartnerAction', { checklist: { ...checklist, dates: { state: 'missing', evidence: [] } }, comment: 'x', commentId: commentId() }, 'not_assigned'],
      ['reviewer2', 'comment', { commentId: commentId(), text: 'x' }, 'not_assigned'],
      ['reviewer2', 'assign', { assignee: { id: fx.who.ids.reviewer2, name: '' } }, 'actor_not_allowed'],
      ['reviewer1', 'assign', { assignee: { id: fx.who.ids.reviewer2, name: '' } }, 'actor_not_allowed'],
      ['reviewer1', 'reopen', { justification: 'x' }, 'actor_not_allowed'],
      ['lead', 'approve', { checklist }, 'not_assigned'],
      ['lead', 'reopen', { justification: 'not decided yet' }, 'wrong_status'],
      ['reviewer1', 'comment', { commentId: commentId(), text: 'mine' }, 'applied'],
      ['lead', 'comment', { commentId: commentId(), text: 'a lead may comment' }, 'applied'],
    ];
    for (const [user, name, args, expected] of matrix) expect(await attempt(fx.desks[user], id, name, args), `${user} ${name}`).toBe(expected);

    expect(await attempt(fx.desks.lead, id, 'assign', { assignee: { id: fx.who.ids.reviewer2, name: '' } })).toBe('applied');
    expect(await attempt(fx.desks.reviewer1, id, 'approve', { checklist })).toBe('not_assigned');
    expect(await attempt(fx.desks.reviewer2, id, 'approve', { checklist })).toBe('applied');
    expect(await attempt(fx.desks.reviewer2, id, 'reopen', { justification: 'second thoughts' })).toBe('actor_not_allowed');
    expect(await attempt(fx.desks.lead, id, 'reopen', { justification: 'QA found the signature is forged', assignee: { id: fx.who.ids.reviewer1, name: '' } })).toBe('applied');
    const reopened = await call(fx.service.app, 'GET', `/partner/claims/${id}`, fx.who.partnerA);
    expect(reopened.body.status).toBe('in_review');
  });

  it('lets a lead assigned to a claim decide it like a reviewer', async () => {
    const claim = await inReviewBy('lead');
    expect(await attempt(fx.desks.lead, claim.id, 'approve', { checklist: passedChecklist(claim.products) })).toBe('applied');
  });

  it('sends the customer a single-use opt-out link when a claim is approved', async () => {
    const claim = await inReviewBy('reviewer1');
    fx.service.mail.length = 0;
    await decide(fx.service, fx.desks.reviewer1, claim.id, 'approve', { checklist: passedChecklist(claim.products) });
    expect(fx.service.mail).toHaveLength(1);
    const message = fx.service.mail[0]!;
    expect(message.to).toBe('carl@contoso.example');
    const link = /http:\/\/desk\.test(\/customer\/opt-out\/[A-Za-z0-9_-]{43})/.exec(message.text)?.[1];
    expect(link).toBeDefined();

    const info = await call(fx.service.app, 'GET', link!, null);
    expect(info.body).toMatchObject({ claimNumber: claim.number, status: 'approved', customerName: 'Contoso Ltd', consentEndsAt: expect.any(String) });
    const declined = await call(fx.service.app, 'POST', link!, null, { comment: 'We never worked with them.' });
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ claimNumber: claim.number, status: 'rejected' });
    const seen = await call(fx.service.app, 'GET', `/partner/claims/${claim.id}`, fx.who.partnerA);
    expect(seen.body.rejection).toMatchObject({ reason: 'customer_opt_out', comment: 'We never worked with them.' });
    expect(seen.body.history.at(-1)).toMatchObject({ action: 'optOut', actor: { kind: 'customer', name: 'Contoso Ltd' } });

    const before = await fingerprint(fx.service);
    const again = await call(fx.service.app, 'POST', link!, null, {});
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'opt_out_link_used', message: expect.stringMatching(/already used/) });
    expect((await call(fx.service.app, 'POST', `/customer/opt-out/${'A'.repeat(43)}`, null)).status).toBe(404);
    const short = await call(fx.service.app, 'POST', '/customer/opt-out/abc', null);
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/copy the whole opt-out link/);
    expect(await fingerprint(fx.service)).toBe(before);
  });

  it('lets one use of a link win when it is clicked twice at once, and expires links with the consent window', async () => {
    const first = await inReviewBy('reviewer1');
    fx.service.mail.length = 0;
    await decide(fx.service, fx.desks.reviewer1, first.id, 'approve', { checklist: passedChecklist(first.products) });
    const link = /(\/customer\/opt-out\/[A-Za-z0-9_-]{43})/.exec(fx.service.mail[0]!.text)![1]!;
    const [a, b] = await Promise.all([call(fx.service.app, 'POST', link, null, {}), call(fx.service.app, 'POST', link, null, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 410]);

    const second = await inReviewBy('reviewer1');
    await decide(fx.service, fx.desks.reviewer1, second.id, 'approve', { checklist: passedChecklist(second.products) });
    const late = /(\/customer\/opt-out\/[A-Za-z0-9_-]{43})/.exec(fx.service.mail.at(-1)!.text)![1]!;
    fx.service.clock.advance(7 * 86_400_000 + 1);
    try {
      const res = await call(fx.service.app, 'POST', late, null, {});
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('opt_out_link_expired');
    } finally {
      fx.service.clock.advance(-(7 * 86_400_000 + 1));
    }
  });

  it('says in the customer’s words (en, cs) that a link sent before a reopen is out of date, and the new approval’s link works', async () => {
    const claim = await inReviewBy('reviewer1');
    const linkOf = () => /(\/customer\/opt-out\/[A-Za-z0-9_-]{43})/.exec(fx.service.mail.at(-1)!.text)![1]!;
    await decide(fx.service, fx.desks.reviewer1, claim.id, 'approve', { checklist: passedChecklist(claim.products) });
    const old = linkOf();
    await decide(fx.service, fx.desks.lead, claim.id, 'reopen', { justification: 'QA found a second customer.', assignee: { id: fx.who.ids.reviewer1, name: '' } });

    const before = await fingerprint(fx.service);
    for (const method of ['GET', 'POST'] as const) {
      const res = await call(fx.service.app, method, old, null, method === 'POST' ? {} : undefined);
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('opt_out_link_outdated');
      expect(res.body.message).toMatch(/out of date: after it was sent, the association was taken back for another review.*you will receive a new link/);
      expect(res.body.message).not.toMatch(/In review|in_review/);
    }
    const czech = await call(fx.service.app, 'GET', old, null, undefined, { 'accept-language': 'cs-CZ,cs;q=0.9,en;q=0.8' });
    expect(czech.body.message).toMatch(/^Tento odkaz pro odmítnutí je zastaralý/);
    const preferEnglish = await call(fx.service.app, 'GET', old, null, undefined, { 'accept-language': 'de, en;q=0.9, cs;q=0.5' });
    expect(preferEnglish.body.message).toMatch(/^This opt-out link is out of date/);
    expect(await fingerprint(fx.service)).toBe(before);

    // Approved again an hour later: a new consent window, a new link.
    fx.service.clock.advance(3_600_000);
    await decide(fx.service, fx.desks.reviewer1, claim.id, 'approve', { checklist: passedChecklist(claim.products) });
    const fresh = linkOf();
    expect(fresh).not.toBe(old);
    expect((await call(fx.service.app, 'POST', old, null, {})).body.code).toBe('opt_out_link_outdated');
    expect((await call(fx.service.app, 'POST', fresh, null, {})).status).toBe(200);
  });
});
