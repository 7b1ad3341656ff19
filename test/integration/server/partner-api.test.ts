// Every partner route with good and bad input. Bad input answers 4xx with a message that says what
// to do, and leaves the store exactly as it was (change sequence, audit head, row counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerClaim, PartnerClaimList } from '../../../shared/contract/server.js';
import {
  BACKENDS,
  call,
  decide,
  Desk,
  fingerprint,
  makePdf,
  newClaimBody,
  PARTNER_A,
  PARTNER_B,
  passedChecklist,
  people,
  type People,
  serviceFor,
  submittedClaim,
  uploadPdf,
} from './harness.js';

describe.each(BACKENDS)('partner API on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let lead: Desk;
  let reviewer: Desk;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    lead = new Desk(service, who.lead);
    reviewer = new Desk(service, who.reviewer1);
  });
  afterAll(async () => service?.close());

  /** Expects a 4xx with this code, a message, and no change to the store. */
  const rejects = async (request: () => Promise<{ status: number; body: { code: string; message: string } }>, status: number, code: string, message?: RegExp) => {
    const before = await fingerprint(service);
    const res = await request();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message.length).toBeGreaterThan(20);
    if (message) expect(res.body.message).toMatch(message);
    expect(await fingerprint(service)).toBe(before);
  };

  const reviewed = async (claimId: string) => {
    await decide(service, lead, claimId, 'assign', { assignee: { id: who.ids.reviewer1, name: 'whatever the desk says' } });
    await decide(service, reviewer, claimId, 'startReview', {});
  };

  describe('POST /partner/claims', () => {
    it('creates a numbered draft with its creation in the history', async () => {
      const res = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      expect(res.status).toBe(201);
      const claim = PartnerClaim.parse(res.body);
      expect(claim).toMatchObject({ status: 'draft', version: 1, partnerId: PARTNER_A, documents: [], createdAt: service.clock.now() });
      expect(claim.number).toMatch(/^CL-2026-\d{5}$/);
      expect(claim.history).toEqual([expect.objectContaining({ version: 1, action: 'create', from: null, to: 'draft', actor: expect.objectContaining({ kind: 'partner' }) })]);
      const next = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      expect(Number(next.body.number.slice(-5))).toBe(Number(claim.number.slice(-5)) + 1);
    });

    it('refuses incomplete or foreign input, naming the problem', async () => {
      const body = newClaimBody(PARTNER_A);
      const { products: _products, ...noProducts } = body;
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, noProducts), 400, 'invalid_request', /body\.products/);
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, { ...body, products: [] }), 400, 'invalid_request', /at least one product/);
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, { ...body, customer: { name: 'X', tenantId: 'nope' } }), 400, 'invalid_request', /tenantId/);
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, { ...body, status: 'approved' }), 400, 'invalid_request', /status/);
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_B)), 403, 'not_own_claim', /another partner/);
      await rejects(() => call(service.app, 'POST', '/partner/claims', who.partnerA, { ...body, partnerName: 'nul\u0000byte' }), 400, 'invalid_request', /body\.partnerName: contains a broken character/);
    });
  });

  describe('documents', () => {
    it('attaches a PDF judged by content, recording its size, hash and page count', async () => {
      const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      const pdf = await makePdf('attach', 3);
      const res = await uploadPdf(service.app, who.partnerA, created.body.id, pdf, 'statement of work.txt');
      expect(res.status).toBe(201);
      expect(res.body.documents).toEqual([
        expect.objectContaining({ name: 'statement of work.txt', size: pdf.byteLength, pages: 3, encrypted: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      ]);
      expect(res.body.history.at(-1)).toMatchObject({ action: 'uploadDocument', details: { document: { pages: 3 } } });
      // The same bytes again are the same document.
      await rejects(() => uploadPdf(service.app, who.partnerA, created.body.id, pdf, 'again.pdf'), 409, 'duplicate_document', /already attached/);
    });

    it('accepts a PDF with bytes after its %%EOF (a mail gateway’s footer, padding), as the readers do', async () => {
      const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      const pdf = await makePdf('trailing bytes');
      const footer = new TextEncoder().encode('\r\n--\r\nScanned by MailGuard. This message and its attachments are confidential.\r\n\u0000\u0000\u0000');
      const uploaded = await uploadPdf(service.app, who.partnerA, created.body.id as string, new Uint8Array([...pdf, ...footer]), 'with-footer.pdf');
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
      expect(uploaded.body.history.at(-1)).toMatchObject({ action: 'uploadDocument', details: { document: { name: 'with-footer.pdf', pages: 1 } } });
    });

    it('refuses what is not a usable PDF, whatever it is called', async () => {
      const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      const id = created.body.id as string;
      const pdf = await makePdf('bad input');
      await rejects(() => uploadPdf(service.app, who.partnerA, id, new TextEncoder().encode('hello, I am a text file'), 'poe.pdf'), 415, 'document_not_pdf', /not a PDF/);
      await rejects(() => uploadPdf(service.app, who.partnerA, id, pdf.slice(0, pdf.length - 40)), 422, 'document_truncated', /incomplete.*cut off/);
      const big = new Uint8Array(3 * 1024 * 1024);
      big.set(new TextEncoder().encode('%PDF-1.7\n'));
      await rejects(() => uploadPdf(service.app, who.partnerA, id, big), 413, 'fst_err_ctp_body_too_large');
      await rejects(() => call(service.app, 'PUT', `/partner/claims/${id}/documents`, who.partnerA, Buffer.from(pdf), { 'content-type': 'application/pdf' }), 400, 'invalid_request', /name/);
      await rejects(() => call(service.app, 'PUT', `/partner/claims/${id}/documents?name=x.pdf`, who.partnerA, JSON.stringify({ pdf: 'base64' }), { 'content-type': 'application/json' }), 415, 'pdf_body_required');
      await rejects(() => call(service.app, 'PUT', `/partner/claims/${id}/documents?name=x.pdf`, who.partnerA, Buffer.alloc(0), { 'content-type': 'application/pdf' }), 400, 'empty_document');
      await rejects(() => uploadPdf(service.app, who.partnerB, id, pdf), 404, 'claim_not_found');
    });

    it('stores a PDF without attaching it (for a dispute) and answers its hash', async () => {
      const pdf = await makePdf('loose', 2);
      const res = await call(service.app, 'POST', '/partner/documents', who.partnerA, Buffer.from(pdf), { 'content-type': 'application/pdf' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ size: pdf.byteLength, pages: 2, encrypted: false });
      await rejects(() => call(service.app, 'POST', '/partner/documents', who.partnerA, Buffer.from('%PDF-1.4 nonsense'), { 'content-type': 'application/pdf' }), 422, 'document_truncated');
    });
  });

  describe('submit', () => {
    it('needs a PoE, then starts the clocks', async () => {
      const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      await rejects(() => call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, who.partnerA), 409, 'poe_required', /Upload at least one PoE/);
      await uploadPdf(service.app, who.partnerA, created.body.id, await makePdf('submit'));
      const res = await call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, who.partnerA);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'submitted', submittedAt: service.clock.now() });
      expect(Object.keys(res.body.clocks).sort()).toEqual(['overall_sla', 'submitted_sla']);
      await rejects(() => call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, who.partnerA), 409, 'wrong_status', /Submitted/);
      await rejects(() => call(service.app, 'POST', `/partner/claims/not-a-uuid/submit`, who.partnerA), 400, 'invalid_request', /params\.id/);
    });
  });

  describe('PATCH /partner/claims/:id', () => {
    it('edits the editable fields while submitted, and refuses the rest', async () => {
      const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
      const id = created.body.id as string;
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${id}`, who.partnerA, { products: ['power-bi'] }), 409, 'wrong_status', /Draft/);
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      const res = await call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { products: ['power-bi'], partnerContact: { name: 'New Contact', email: 'new@fabrikam.example' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ products: ['power-bi'], partnerContact: { name: 'New Contact' }, version: claim.version + 1 });
      expect(res.body.history.at(-1)).toMatchObject({ action: 'edit', details: { fields: ['products', 'partnerContact'] } });
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { activity: 'revenue_association' }), 422, 'field_not_editable', /"activity" cannot be changed/);
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { products: ['power-bi'] }), 422, 'nothing_to_change');
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { customerContact: { name: 'X', email: 'not-an-email' } }), 400, 'invalid_request', /email/);
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerB, { products: ['m365-teams'] }), 404, 'claim_not_found');
    });

    it("cannot move a claim into another partner's account: partner ID edits only to IDs the partner holds", async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await rejects(() => call(service.app, 'PATCH', `/partner/claims/${claim.id}`, who.partnerA, { partnerId: PARTNER_B }), 403, 'partner_id_not_held', new RegExp(`Partner ID ${PARTNER_B} is not one your organisation holds`));
      // The other partner still sees neither the claim nor its PoE.
      expect((await call(service.app, 'GET', `/partner/claims/${claim.id}`, who.partnerB)).status).toBe(404);
      expect((await call(service.app, 'GET', `/documents/${claim.documents[0].sha256}`, who.partnerB)).status).toBe(404);
      expect((await call(service.app, 'GET', `/partner/claims/${claim.id}`, who.partnerA)).body.partnerId).toBe(PARTNER_A);
    });
  });

  describe('respond, comment, request rejection, dispute', () => {
    it('answers a partner-action request, and only then', async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/respond`, who.partnerA, { comment: 'Here it is' }), 409, 'wrong_status');
      await reviewed(claim.id);
      const checklist = { ...passedChecklist(claim.products), customer_acknowledgement: { state: 'missing', note: 'internal: signature block empty', evidence: [] } };
      await decide(service, reviewer, claim.id, 'requestPartnerAction', { checklist, comment: 'Please add the signed acknowledgement.', commentId: crypto.randomUUID() });

      const seen = await call(service.app, 'GET', `/partner/claims/${claim.id}`, who.partnerA);
      expect(seen.body.status).toBe('partner_action_required');
      expect(seen.body.review).toEqual({ checklist: {}, parReasons: [{ code: 'customer_acknowledgement_missing' }] });
      expect(JSON.stringify(seen.body)).not.toContain('internal: signature block empty');
      expect(JSON.stringify(seen.body)).not.toContain('Jana');

      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/respond`, who.partnerA, { comment: '   ' }), 400, 'invalid_request', /write a response/);
      const res = await call(service.app, 'POST', `/partner/claims/${claim.id}/respond`, who.partnerA, { comment: 'Signed acknowledgement uploaded.' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in_review');
      expect(res.body.comments.at(-1)).toMatchObject({ text: 'Signed acknowledgement uploaded.', author: { kind: 'partner' } });
    });

    it('comments on its claim', async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      const res = await call(service.app, 'POST', `/partner/claims/${claim.id}/comments`, who.partnerA, { text: 'Any news?' });
      expect(res.status).toBe(200);
      expect(res.body.comments).toEqual([expect.objectContaining({ text: 'Any news?' })]);
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/comments`, who.partnerA, { text: '' }), 400, 'invalid_request', /write the comment/);
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/comments`, who.partnerA, { text: 'x', extra: 1 }), 400, 'invalid_request', /extra/);
    });

    it('asks for its own claim to be rejected, which is final', async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/request-rejection`, who.partnerA, { ground: 'bored' }), 400, 'invalid_request', /ground/);
      const res = await call(service.app, 'POST', `/partner/claims/${claim.id}/request-rejection`, who.partnerA, { ground: 'wrong_activity', comment: 'Should have been deployment.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejection: { reason: 'partner_request', ground: 'wrong_activity' } });
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/request-rejection`, who.partnerA, { ground: 'other' }), 409, 'wrong_status');
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, { justification: 'Oops' }), 409, 'dispute_not_allowed_for_reason');
    });

    it('disputes a reviewer rejection with a justification and updated PoE it uploaded', async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      await reviewed(claim.id);
      await decide(service, reviewer, claim.id, 'reject', { reason: 'insufficient_poe', comment: 'The PoE does not show the work.', commentId: crypto.randomUUID() });

      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, {}), 422, 'dispute_evidence_required');
      await rejects(
        () => call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, { documents: [{ sha256: 'a'.repeat(64), name: 'x.pdf' }] }),
        422,
        'document_not_uploaded',
        /POST \/partner\/documents/,
      );
      // A file partner B uploaded is not partner A's to attach.
      const foreign = await call(service.app, 'POST', '/partner/documents', who.partnerB, Buffer.from(await makePdf('foreign')), { 'content-type': 'application/pdf' });
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, { documents: [{ sha256: foreign.body.sha256, name: 'x.pdf' }] }), 422, 'document_not_uploaded');

      const updated = await call(service.app, 'POST', '/partner/documents', who.partnerA, Buffer.from(await makePdf('updated', 4)), { 'content-type': 'application/pdf' });
      const res = await call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, {
        justification: 'The signed SOW shows the deployment.',
        documents: [{ sha256: updated.body.sha256, name: 'signed-sow.pdf', pages: 999 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400); // pages is not the partner's to say
      const ok = await call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, {
        justification: 'The signed SOW shows the deployment.',
        documents: [{ sha256: updated.body.sha256, name: 'signed-sow.pdf' }],
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.dispute).toMatchObject({ justification: 'The signed SOW shows the deployment.', documentSha256s: [updated.body.sha256] });
      expect(ok.body.documents.at(-1)).toMatchObject({ name: 'signed-sow.pdf', pages: 4 });
      await rejects(() => call(service.app, 'POST', `/partner/claims/${claim.id}/dispute`, who.partnerA, { justification: 'again' }), 409, 'already_disputed');
    });
  });

  describe('reading', () => {
    it('lists only its own claims, filtered and paged', async () => {
      await submittedClaim(service, who.partnerB, PARTNER_B);
      const all = PartnerClaimList.parse((await call(service.app, 'GET', '/partner/claims', who.partnerA)).body);
      expect(all.total).toBeGreaterThan(3);
      expect(all.claims.every((c) => c.partnerId === PARTNER_A)).toBe(true);
      const drafts = (await call(service.app, 'GET', '/partner/claims?status=draft&limit=2', who.partnerA)).body;
      expect(drafts.claims.length).toBeLessThanOrEqual(2);
      expect(drafts.claims.every((c: { status: string }) => c.status === 'draft')).toBe(true);
      const second = (await call(service.app, 'GET', '/partner/claims?offset=1&limit=1', who.partnerA)).body;
      expect(second.claims[0].id).toBe(all.claims[1]!.id);
      const theirs = (await call(service.app, 'GET', '/partner/claims', who.partnerB)).body;
      expect(theirs.total).toBe(1);
      expect((await call(service.app, 'GET', '/partner/claims?limit=0', who.partnerA)).status).toBe(400);
      expect((await call(service.app, 'GET', '/partner/claims?status=lost', who.partnerA)).status).toBe(400);
    });

    it('reads one claim and its history, and nothing of another partner', async () => {
      const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
      const history = await call(service.app, 'GET', `/partner/claims/${claim.id}/history`, who.partnerA);
      expect(history.body.history.map((e: { action: string }) => e.action)).toEqual(['create', 'uploadDocument', 'submit']);
      const other = await call(service.app, 'GET', `/partner/claims/${claim.id}`, who.partnerB);
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('claim_not_found');
      expect((await call(service.app, 'GET', `/partner/claims/${claim.id}/history`, who.partnerB)).status).toBe(404);
      expect((await call(service.app, 'GET', `/partner/claims/${crypto.randomUUID()}`, who.partnerA)).status).toBe(404);
    });
  });
});
