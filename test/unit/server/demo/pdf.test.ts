import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../../../shared/domain/products.js';
import { inspectPdf } from '../../../../server/documents/inspect.js';
import { PARTNERS } from '../../../../server/demo/cast.js';
import { renderInvoice } from '../../../../server/demo/pdf/invoice.js';
import { longDate, renderPoe, type PoeSpec } from '../../../../server/demo/pdf/poe.js';
import { protectWithPassword } from '../../../../server/demo/pdf/protect.js';
import { renderScannedPage } from '../../../../server/demo/pdf/scan.js';
import { renderWorkbook, WORKBOOK_PAGES } from '../../../../server/demo/pdf/workbook.js';
import { readPdf } from './pdf-reader.js';

const northwind = PARTNERS.find((p) => p.name === 'Northwind Traders')!;
const spec: PoeSpec = {
  kind: 'poe',
  partner: northwind,
  customer: { name: 'Coho Winery', tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e', city: 'Mikulov' },
  customerSignatory: { name: 'Katarina Novotny', title: 'IT Director' },
  partnerSignatory: { name: 'Hannah Price', title: 'Senior Consultant, Modern Work' },
  products: ['m365-teams', 'm365-sharepoint', 'm365-exchange-online'],
  period: { start: '2026-02-02', end: '2026-05-29' },
  signedOn: '2026-06-04',
  customerSigned: true,
  detail: 'full',
  reference: 'NWT-PoE-2026-0042',
  producedAt: '2026-06-04T10:00:00.000Z',
  seed: 42,
};

/** Every spelling of a product a search could find it by, as whole words. */
const mentions = (text: string, product: keyof typeof PRODUCTS) =>
  [PRODUCTS[product].name, ...PRODUCTS[product].aliases].some((name) => new RegExp(`\\b${name}\\b`, 'i').test(text));

describe('proof-of-execution PDFs', () => {
  it('carry, as searchable text, the customer, its tenant, the partner, every product, the dates and a signed acknowledgement', async () => {
    const bytes = await renderPoe(spec);
    const { pages, images } = await readPdf(bytes);
    const text = pages.join(' ');
    expect(images).toBe(0);
    for (const needle of ['Proof of Execution', 'Coho Winery', spec.customer.tenantId, 'Northwind Traders Ltd.', 'Partner ID 5283146', '2 February 2026 to 29 May 2026']) {
      expect(text).toContain(needle);
    }
    for (const p of spec.products) expect(mentions(text, p)).toBe(true);
    expect(text).toMatch(/I confirm that Northwind Traders Ltd\. delivered the services/);
    expect(text).toContain('Katarina Novotny');
    expect(text.split(longDate(spec.signedOn!)).length - 1).toBe(3); // issued, customer's and partner's signature dates
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('is the same file for the same spec, and a different one for another seed', async () => {
    const [a, b, c] = await Promise.all([renderPoe(spec), renderPoe(spec), renderPoe({ ...spec, seed: 43 })]);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it('leaves a product out entirely: no name or alias of it anywhere in the text', async () => {
    const { pages } = await readPdf(await renderPoe({ ...spec, products: ['m365-teams', 'm365-exchange-online'] }));
    const text = pages.join(' ');
    expect(mentions(text, 'm365-sharepoint')).toBe(false);
    expect(mentions(text, 'm365-teams')).toBe(true);
  });

  it('has no customer signature date when unsigned, and no dates at all when undated', async () => {
    const unsigned = (await readPdf(await renderPoe({ ...spec, customerSigned: false }))).pages.join(' ');
    expect(unsigned.split(longDate(spec.signedOn!)).length - 1).toBe(2);
    const undated = (await readPdf(await renderPoe({ ...spec, period: null, signedOn: null, reference: 'NWT-PoE-0042' }))).pages.join(' ');
    expect(undated).not.toMatch(/\b(19|20)\d\d\b/);
    expect(undated).not.toMatch(/January|February|March|April|May|June|July|August|September|October|November|December/);
  });

  it('says next to nothing about the work when thin', async () => {
    const full = (await readPdf(await renderPoe(spec))).pages.join(' ');
    const thin = (await readPdf(await renderPoe({ ...spec, detail: 'thin' }))).pages.join(' ');
    expect(thin.length).toBeLessThan(full.length / 2);
    expect(thin).toContain('supported Coho Winery with Microsoft cloud services');
  });

  it('produces all three titles', async () => {
    for (const [kind, title] of [['sow_completion', 'Statement of Work completion'], ['acknowledgement', 'Customer acknowledgement']] as const) {
      const { pages } = await readPdf(await renderPoe({ ...spec, kind }));
      expect(pages[0]).toContain(title);
    }
  });
});

describe('defective documents', () => {
  it('a scanned acknowledgement is one image and no text', async () => {
    const bytes = await renderScannedPage({ ...spec, kind: 'acknowledgement' });
    expect(await inspectPdf(bytes)).toMatchObject({ ok: true, pages: 1, encrypted: false });
    const { pages, images } = await readPdf(bytes);
    expect(images).toBe(1);
    expect(pages[0]!.trim()).toBe('');
  });

  it('a password-protected PoE opens only with its password, and is reproducible', async () => {
    const plain = await renderPoe(spec);
    const options = { userPassword: 'Coho-2026', ownerPassword: 'northwind-owner', seed: 7 };
    const [a, b] = [await protectWithPassword(plain, options), await protectWithPassword(plain, options)];
    expect(Buffer.compare(a, b)).toBe(0);
    expect(await inspectPdf(a)).toMatchObject({ ok: true, encrypted: true, pages: null });
    const { pages } = await readPdf(a, { password: 'Coho-2026' });
    expect(pages.join(' ')).toContain('Coho Winery');
  });

  it('the unrelated invoice is addressed to the partner and names no customer and no product', async () => {
    const bytes = await renderInvoice({ partner: northwind, number: 'RE-2026-04417', issuedOn: '2026-09-14', dueOn: '2026-10-14', producedAt: '2026-09-14T08:00:00.000Z', seed: 4 });
    const text = (await readPdf(bytes)).pages.join(' ');
    expect(text).toContain('INVOICE');
    expect(text).toContain('Northwind Traders Ltd.');
    expect(text).not.toContain('Coho Winery');
    for (const product of Object.keys(PRODUCTS) as (keyof typeof PRODUCTS)[]) expect(mentions(text, product)).toBe(false);
  });

  it('the workbook has exactly 300 pages, the acknowledgement up front and the log behind it', async () => {
    const bytes = await renderWorkbook(spec, 'cohowinery.com');
    expect(await inspectPdf(bytes)).toMatchObject({ ok: true, pages: WORKBOOK_PAGES });
    const { pages } = await readPdf(bytes, { only: [1, 2, 3, WORKBOOK_PAGES] });
    expect(pages.slice(0, 3).join(' ')).toContain('I confirm that Northwind Traders Ltd.');
    expect(pages[WORKBOOK_PAGES - 1]).toMatch(/@cohowinery\.com/);
    expect(pages[WORKBOOK_PAGES - 1]).toContain(`Page ${WORKBOOK_PAGES} of ${WORKBOOK_PAGES}`);
  });
});
