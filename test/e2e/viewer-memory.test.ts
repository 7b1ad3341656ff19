// Issue 18.7: scrolling a long PoE end to end does not keep what it passed. pdf.js keeps a buffer
// of the ten most recent pages; once the viewer has been idle (30 s, as pdf.js's own viewer) the
// pages out of that buffer must hold none of their text layers, which pdf.js's find highlighter
// and accessibility manager otherwise keep (detached, every span and line break of the page).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './support/desk.js';
import { ViewerDesk } from './support/poe-claim.js';

const PAGES = 40;
const LINES = 45;
/**
 * A page's text layer is about three nodes a line (span, line break, text). The ten pages of
 * pdf.js's buffer keep theirs (eight more than at the start); the thirty it let go must not: kept,
 * they would add ~4,000 nodes. The bound is half of all forty pages' layers.
 */
const BOUND = (PAGES / 2) * 3 * LINES;

async function longPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = doc.addPage([612, 792]);
    for (let line = 0; line < LINES; line++) page.drawText(`${n}.${line + 1} Tenant configuration step ${line + 1}`, { x: 56, y: 740 - line * 15, size: 10, font });
  }
  return doc.save();
}

const desk = new ViewerDesk('memory');
let page: Page;

beforeAll(async () => {
  await desk.start(async () => [{ name: 'workbook.pdf', bytes: await longPdf() }]);
  page = desk.page;
  await desk.open('memory');
}, 300_000);

afterAll(() => desk.stop(), 60_000);

/** The DOM nodes the page's renderer holds (in the document or detached but still referenced), after a full garbage collection. */
async function domNodes(): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Memory.getDOMCounters')) as { nodes: number }).nodes;
  } finally {
    await cdp.detach();
  }
}

describe('a long PoE scrolled end to end', () => {
  it('keeps no text layer of the pages it passed once the viewer is idle', async () => {
    const before = await domNodes();
    const pages = page.getByTestId('pdf-pages');
    for (let n = 2; n <= PAGES; n++) {
      await pages.evaluate((el, n) => el.querySelector(`.page[data-page-number="${n}"]`)!.scrollIntoView(), n);
      await page.locator(`.pdfViewer .page[data-page-number="${n}"] .textLayer span`).first().waitFor();
    }
    // The viewer's idle clean-up, 30 s after the last page was drawn.
    await new Promise((r) => setTimeout(r, 35_000));
    const after = await until('the pages passed let go', async () => {
      const nodes = await domNodes();
      return nodes - before < BOUND ? nodes : undefined;
    }, 10_000).catch(async () => domNodes());
    expect(after - before).toBeLessThan(BOUND);
  }, 240_000);
});
