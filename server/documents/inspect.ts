// What an uploaded proof-of-execution file is, judged by its content and never by its name (issue 4,
// point 3): a PDF header, a size limit, then a real parse with pdf.js (the same engine the desk's
// viewer uses, so "accepted here" means "the reviewer can open it") for the page count.
import { createHash } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** 25 MiB: larger than any PoE a partner should need, small enough to keep uploads and sync light. */
export const DEFAULT_MAX_PDF_BYTES = 25 * 1024 * 1024;

export type PdfInspection =
  | {
      ok: true;
      sha256: string;
      size: number;
      /** null when the file cannot be opened without its password. */
      pages: number | null;
      /** The file needs a password to open: the reviewer cannot read it. */
      encrypted: boolean;
    }
  | { ok: false; error: 'not_pdf' | 'too_large' | 'damaged'; message: string };

/** Readers accept the header anywhere in the first KiB (some producers put junk before it). */
const HEADER_WINDOW = 1024;
/** A complete file ends with %%EOF, give or take trailing whitespace or a few bytes of junk. */
const TRAILER_WINDOW = 1024;

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');

export async function inspectPdf(bytes: Uint8Array, opts: { maxBytes?: number } = {}): Promise<PdfInspection> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, HEADER_WINDOW).indexOf(PDF_HEADER) < 0) {
    return {
      ok: false,
      error: 'not_pdf',
      message: 'This file is not a PDF (it does not start like one, whatever its name says). Save or export the proof of execution as PDF and upload that file.',
    };
  }
  if (buffer.byteLength > maxBytes) {
    return {
      ok: false,
      error: 'too_large',
      message: `This PDF is ${mib(buffer.byteLength)}; the limit is ${mib(maxBytes)}. Reduce it (for example, export scanned pages at a lower resolution) or split it into several documents, then upload again.`,
    };
  }
  if (buffer.subarray(Math.max(0, buffer.byteLength - TRAILER_WINDOW)).indexOf(PDF_EOF) < 0) {
    return {
      ok: false,
      error: 'damaged',
      message: 'This PDF is incomplete: it stops before its end-of-file marker, usually because an upload or download was cut off. Open the original file, check that it displays fully, and upload it again.',
    };
  }
  const parsed = await countPages(buffer);
  if (parsed === 'damaged') {
    return {
      ok: false,
      error: 'damaged',
      message: 'This PDF is damaged and cannot be read. Open it in a PDF reader, save or print it as a new PDF, and upload that file.',
    };
  }
  return {
    ok: true,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    size: buffer.byteLength,
    pages: parsed === 'password' ? null : parsed,
    encrypted: parsed === 'password',
  };
}

/**
 * The page count, read by walking the whole page tree (a count in the root alone can lie in a broken
 * file), or why it cannot be read.
 */
async function countPages(buffer: Buffer): Promise<number | 'password' | 'damaged'> {
  const task = getDocument({
    // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) await doc.getPage(n);
    return doc.numPages > 0 ? doc.numPages : 'damaged';
  } catch (error) {
    // pdf.js 5 does not export its exception classes; their names are its stable API.
    return error instanceof Error && error.name === 'PasswordException' ? 'password' : 'damaged';
  } finally {
    await task.destroy();
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
