// GET /documents/:sha256: who may read a PoE file, and byte ranges for the viewer (the Range
// parser itself is tested in test/unit/contract/http-range.test.ts).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, call, makePdf, newClaimBody, PARTNER_A, PARTNER_B, people, type People, serviceFor, uploadPdf } from './harness.js';

describe.each(BACKENDS)('documents on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let pdf: Uint8Array;
  let sha256: string;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
    pdf = await makePdf('served', 5);
    sha256 = createHash('sha256').update(pdf).digest('hex');
    expect((await uploadPdf(service.app, who.partnerA, created.body.id, pdf)).status).toBe(201);
  });
  afterAll(async () => service?.close());

  it('serves the whole file to its partner, a reviewer and a lead', async () => {
    for (const token of [who.partnerA, who.reviewer1, who.lead]) {
      const res = await call(service.app, 'GET', `/documents/${sha256}`, token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers.etag).toBe(`"${sha256}"`);
      expect(Number(res.headers['content-length'])).toBe(pdf.byteLength);
      expect(createHash('sha256').update(res.raw).digest('hex')).toBe(sha256);
    }
  });

  it('serves byte ranges, and 416 outside the file', async () => {
    const part = await call(service.app, 'GET', `/documents/${sha256}`, who.reviewer1, undefined, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${pdf.byteLength}`);
    expect([...part.raw]).toEqual([...pdf.slice(10, 20)]);
    const tail = await call(service.app, 'GET', `/documents/${sha256}`, who.reviewer1, undefined, { range: 'bytes=-5' });
    expect([...tail.raw]).toEqual([...pdf.slice(-5)]);
    const outside = await call(service.app, 'GET', `/documents/${sha256}`, who.reviewer1, undefined, { range: `bytes=${pdf.byteLength}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${pdf.byteLength}`);
    expect(outside.body.code).toBe('range_not_satisfiable');
  });

  it('answers HEAD with the headers only', async () => {
    const head = await call(service.app, 'HEAD', `/documents/${sha256}`, who.reviewer1);
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(pdf.byteLength);
    expect(head.raw.length).toBe(0);
  });

  it('does not serve another partner’s file, an unknown hash, or anyone not signed in', async () => {
    const foreign = await call(service.app, 'GET', `/documents/${sha256}`, who.partnerB);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'document_not_found', message: expect.stringMatching(/own claims/) });
    expect((await call(service.app, 'GET', `/documents/${'f'.repeat(64)}`, who.lead)).status).toBe(404);
    expect((await call(service.app, 'GET', `/documents/${sha256}`, null)).status).toBe(401);
    const malformed = await call(service.app, 'GET', '/documents/..%2F..%2Fetc%2Fpasswd', who.lead);
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/SHA-256/);
  });

  it('does not let a partner move a claim, and so its files, to another partner', async () => {
    const created = await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A));
    const moved = await makePdf('moved');
    const movedSha = createHash('sha256').update(moved).digest('hex');
    await uploadPdf(service.app, who.partnerA, created.body.id, moved);
    await call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, who.partnerA);
    expect((await call(service.app, 'GET', `/documents/${movedSha}`, who.partnerB)).status).toBe(404);
    const edit = await call(service.app, 'PATCH', `/partner/claims/${created.body.id}`, who.partnerA, { partnerId: PARTNER_B });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('partner_id_not_held');
    expect((await call(service.app, 'GET', `/documents/${movedSha}`, who.partnerB)).status).toBe(404);
    expect((await call(service.app, 'GET', `/documents/${movedSha}`, who.partnerA)).status).toBe(200);
  });
});
