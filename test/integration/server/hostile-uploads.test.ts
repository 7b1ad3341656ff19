// Issue 14, item 2: a 1 KB PDF must not take the service down. Hostile page trees are refused with a
// 4xx that says what is wrong, the store is left as it was, and the service keeps answering while a
// check runs out its budget. The check happens before the store is touched, so one backend suffices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lyingPageCount, reusedPageTree, selfReferencingPageTree } from '../../unit/server/documents/hostile-pdfs.js';
import { call, fingerprint, newClaimBody, PARTNER_A, people, type People, serviceFor } from './harness.js';

describe('hostile PDF uploads', () => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;

  beforeAll(async () => {
    // No page limit and a short budget: the million-page tree is walked until the budget ends it.
    service = await serviceFor('pglite', { pdfLimits: { maxPages: 10_000_000, timeMs: 4000 } });
    who = await people(service);
  });
  afterAll(async () => service?.close());

  const upload = (bytes: Uint8Array) => call(service.app, 'POST', '/partner/documents', who.partnerA, Buffer.from(bytes), { 'content-type': 'application/pdf' });

  it('answers /health while a hostile file uses up its check, then refuses the file as too complex', async () => {
    const before = await fingerprint(service);
    let answered = false;
    const refused = upload(reusedPageTree(6)).finally(() => (answered = true));
    for (let i = 0; i < 5; i++) {
      expect((await call(service.app, 'GET', '/health', null)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered, 'the check was over before /health was asked').toBe(false);
    const res = await refused;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'document_too_complex', message: expect.stringContaining('4 s') });
    expect(await fingerprint(service)).toBe(before);
    // The service still takes ordinary work.
    expect((await call(service.app, 'POST', '/partner/claims', who.partnerA, newClaimBody(PARTNER_A))).status).toBe(201);
  });
});

describe('hostile PDF uploads under the default page limit', () => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;

  beforeAll(async () => {
    service = await serviceFor('pglite');
    who = await people(service);
  });
  afterAll(async () => service?.close());

  const upload = (bytes: Uint8Array) => call(service.app, 'POST', '/partner/documents', who.partnerA, Buffer.from(bytes), { 'content-type': 'application/pdf' });

  it('refuses a million reused pages and a 10^9-page tree by their count, and a self-referencing tree as damaged', async () => {
    const before = await fingerprint(service);
    expect(await upload(reusedPageTree(6))).toMatchObject({ status: 422, body: { code: 'document_too_many_pages', message: expect.stringContaining('1,000,000 pages; the limit is 2,000') } });
    expect(await upload(reusedPageTree(9))).toMatchObject({ status: 422, body: { code: 'document_too_many_pages', message: expect.stringContaining('1,000,000,000 pages') } });
    expect(await upload(selfReferencingPageTree())).toMatchObject({ status: 422, body: { code: 'document_damaged' } });
    expect(await fingerprint(service)).toBe(before);
    // A /Count that lies is not a refusal: the file has one page, and that is what is recorded.
    expect(await upload(lyingPageCount(1e9))).toMatchObject({ status: 201, body: { pages: 1 } });
  });
});
