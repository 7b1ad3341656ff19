import { PDFDocument as EncryptingPDFDocument } from '@cantoo/pdf-lib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEFAULT_MAX_PDF_BYTES, inspectPdf } from '../../../../server/documents/inspect.js';

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

  it('rejects a file that was cut off before its end', async () => {
    const bytes = await pdfWithPages(2);
    const result = await inspectPdf(bytes.subarray(0, Math.floor(bytes.byteLength * 0.6)));
    expect(result).toMatchObject({ ok: false, error: 'damaged' });
    if (!result.ok) expect(result.message).toMatch(/upload it again/);
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

  it('does not alter the bytes it inspects', async () => {
    const bytes = await pdfWithPages(1);
    const copy = Uint8Array.from(bytes);
    await inspectPdf(bytes);
    expect(bytes).toEqual(copy);
  });
});
