import { PDFDocument as EncryptingPDFDocument } from '@cantoo/pdf-lib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEFAULT_MAX_PDF_BYTES, inspectPdf } from '../../../../server/documents/inspect.js';
import { lyingPageCount, reusedPageTree, selfReferencingPageTree, xfaForm } from './hostile-pdfs.js';

async function pdfWithPages(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) doc.addPage().drawText(`Page ${n}`, { x: 72, y: 720, size: 12, font });
  return doc.save();
}

// A real 1x1 PNG: what a partner uploads when a screenshot is renamed to .pdf.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

describe('inspectPdf', () => {
  it('accepts a PDF and reports its hash, size and page count', async () => {
    const bytes = await pdfWithPages(3);
    const result = await inspectPdf(bytes);
    expect(result).toEqual({
      ok: true,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
      pages: 3,
      encrypted: false,
    });
  });

  it('judges by content: a PNG is not a PDF whatever it is called', async () => {
    const result = await inspectPdf(PNG);
    expect(result).toMatchObject({ ok: false, error: 'not_pdf' });
    if (!result.ok) expect(result.message).toMatch(/export .* as PDF/);
  });

  it('rejects a file that was cut off before its end, and says so', async () => {
    const bytes = await pdfWithPages(2);
    const result = await inspectPdf(bytes.subarray(0, Math.floor(bytes.byteLength * 0.6)));
    expect(result).toMatchObject({ ok: false, error: 'truncated' });
    if (!result.ok) expect(result.message).toMatch(/incomplete.*cut off.*upload it again/s);
  });

  it('accepts bytes after the end-of-file marker (11 KB of them), as pdf.js does', async () => {
    const bytes = await pdfWithPages(2);
    const padded = Buffer.concat([bytes, Buffer.alloc(11 * 1024, 0x0a), Buffer.from('-- sent by the mail gateway --\n'.repeat(20))]);
    expect(await inspectPdf(padded)).toMatchObject({ ok: true, pages: 2, size: padded.byteLength });
  });

  it('rejects a PDF whose objects are overwritten, even though it ends properly', async () => {
    const bytes = Buffer.from(await pdfWithPages(2));
    bytes.fill(0x20, 20, bytes.byteLength - 40);
    const result = await inspectPdf(bytes);
    expect(result).toMatchObject({ ok: false, error: 'damaged' });
  });

  it('rejects a PDF above the size limit, and says what the limit is', async () => {
    const bytes = await pdfWithPages(1);
    const result = await inspectPdf(bytes, { maxBytes: bytes.byteLength - 1 });
    expect(result).toMatchObject({ ok: false, error: 'too_large' });
    expect((await inspectPdf(bytes, { maxBytes: bytes.byteLength })).ok).toBe(true);
  });

  it('applies the default limit without reading the file', async () => {
    const huge = Buffer.alloc(DEFAULT_MAX_PDF_BYTES + 1, 0x20);
    huge.write('%PDF-1.7\n', 0, 'latin1');
    const result = await inspectPdf(huge);
    expect(result).toMatchObject({ ok: false, error: 'too_large' });
    if (!result.ok) expect(result.message).toContain('25.0 MiB');
  });

  it('accepts a password-protected PDF as encrypted, with no page count', async () => {
    const doc = await EncryptingPDFDocument.load(await pdfWithPages(2));
    doc.encrypt({ userPassword: 'open-sesame', ownerPassword: 'owner' });
    const bytes = await doc.save();
    const result = await inspectPdf(bytes);
    expect(result).toMatchObject({ ok: true, encrypted: true, pages: null, size: bytes.byteLength });
  });

  it('refuses more pages than the configured limit, saying how many and what the limit is', async () => {
    const bytes = await pdfWithPages(3);
    const result = await inspectPdf(bytes, { maxPages: 2 });
    expect(result).toMatchObject({ ok: false, error: 'too_many_pages' });
    if (!result.ok) expect(result.message).toContain('has 3 pages; the limit is 2');
    expect(await inspectPdf(bytes, { maxPages: 3 })).toMatchObject({ ok: true, pages: 3 });
  });

  it('refuses a million pages made of one reused page tree (1 KB) by its count, without walking it', async () => {
    const bytes = reusedPageTree(6);
    expect(bytes.byteLength).toBeLessThan(1100);
    const result = await inspectPdf(bytes);
    expect(result).toMatchObject({ ok: false, error: 'too_many_pages' });
    if (!result.ok) expect(result.message).toContain('1,000,000 pages');
  });

  it('refuses a tree that reaches 10^9 pages, and counts a lying /Count of 10^9 as the one page there is', async () => {
    expect(await inspectPdf(reusedPageTree(9))).toMatchObject({ ok: false, error: 'too_many_pages', message: expect.stringContaining('1,000,000,000 pages') });
    expect(await inspectPdf(lyingPageCount(1e9))).toMatchObject({ ok: true, pages: 1 });
  });

  it('refuses a page tree that contains itself as damaged', async () => {
    expect(await inspectPdf(selfReferencingPageTree())).toMatchObject({ ok: false, error: 'damaged' });
  });

  it('ends a check that overruns its time or its heap, and refuses the file as too complex', async () => {
    // With no page limit, loading each of the million pages is the naive walk the limits stop.
    const slow = await inspectPdf(reusedPageTree(6), { maxPages: Infinity, timeMs: 1500 });
    expect(slow).toMatchObject({ ok: false, error: 'too_complex' });
    if (!slow.ok) expect(slow.message).toContain('1.5 s');
    const hungry = await inspectPdf(reusedPageTree(6), { maxPages: Infinity, timeMs: 120_000, heapMb: 24 });
    expect(hungry).toMatchObject({ ok: false, error: 'too_complex' });
    if (!hungry.ok) expect(hungry.message).toContain('24 MiB');
    // The next file is checked as usual.
    expect(await inspectPdf(await pdfWithPages(2))).toMatchObject({ ok: true, pages: 2 });
  });

  it('accepts an XFA form pdf.js lays out, with its laid-out page count', async () => {
    expect(await inspectPdf(xfaForm(['Statement of work', 'Contoso Ltd.']))).toMatchObject({ ok: true, pages: 1, encrypted: false });
  });

  it('refuses an XFA form pdf.js cannot lay out, telling the partner what to send instead', async () => {
    const result = await inspectPdf(xfaForm({ brokenTemplate: '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform' }));
    expect(result).toMatchObject({ ok: false, error: 'xfa_unsupported' });
    if (!result.ok) expect(result.message).toMatch(/only Adobe Reader.*print it to a new PDF.*upload that file/s);
  });

  it('does not alter the bytes it inspects', async () => {
    const bytes = await pdfWithPages(1);
    const copy = Uint8Array.from(bytes);
    await inspectPdf(bytes);
    expect(bytes).toEqual(copy);
  });
});
