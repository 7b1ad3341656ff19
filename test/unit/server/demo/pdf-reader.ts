// Reads generated PDFs back the way the desk does (pdf.js): the text a reviewer can search, page by
// page, and what is drawn (to tell an image-only page from a text page).
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Text per page ('' for pages not in `only`, when given) and the number of images drawn (unless `textOnly`). */
export async function readPdf(bytes: Uint8Array, opts: { password?: string; only?: readonly number[]; textOnly?: boolean } = {}): Promise<{ pages: string[]; images: number }> {
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0, ...(opts.password ? { password: opts.password } : {}) });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    let images = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (opts.only && !opts.only.includes(n)) {
        pages.push('');
        continue;
      }
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
      if (!opts.textOnly) images += (await page.getOperatorList()).fnArray.filter((op) => op === OPS.paintImageXObject).length;
    }
    return { pages, images };
  } finally {
    await task.destroy();
  }
}
