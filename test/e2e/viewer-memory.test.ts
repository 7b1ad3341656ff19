// Issue 18.7: scrolling a long PoE end to end does not keep what it passed. pdf.js keeps a buffer
// of the ten most recent pages; a page leaving it must hold none of its text layer, which pdf.js's
// find highlighter and accessibility manager otherwise keep (detached, every span and line break of
// the page) until the viewer is idle; once idle (30 s, as pdf.js's own viewer) only the pages on
// screen keep their drawn canvases. The sidebar draws the thumbnails in view only (not the ones
// laid out around them), as pdf.js's own sidebar.
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
  it('keeps no text layer of the pages that left pdf.js’s buffer', async () => {
    const before = await domNodes();
    const pages = page.getByTestId('pdf-pages');
    for (let n = 2; n <= PAGES; n++) {
      await pages.evaluate((el, n) => el.querySelector(`.page[data-page-number="${n}"]`)!.scrollIntoView(), n);
      await page.locator(`.pdfViewer .page[data-page-number="${n}"] .textLayer span`).first().waitFor();
    }
    // Right away, not after the idle clean-up (30 s after the last page was drawn).
    expect((await domNodes()) - before).toBeLessThan(BOUND);
  }, 240_000);

  it('keeps the pixels of the pages on screen only, once idle', async () => {
    // The viewer's idle clean-up, 30 s after the last page was drawn.
    await new Promise((r) => setTimeout(r, 35_000));
    const drawn = await page.getByTestId('pdf-pages').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll<HTMLElement>('.page')].flatMap((p) => {
        if (![...p.querySelectorAll('canvas')].some((c) => c.width > 0)) return [];
        const r = p.getBoundingClientRect();
        return [{ page: p.dataset.pageNumber, onScreen: r.bottom > box.top && r.top < box.bottom }];
      });
    });
    expect(drawn.filter((p) => p.onScreen).length).toBeGreaterThan(0);
    expect(drawn.filter((p) => !p.onScreen)).toEqual([]);
  }, 120_000);
});

/** The sidebar's thumbnails holding pixels (a drawn canvas or a loaded image), and whether each is in the sidebar's view. */
function drawnThumbnails(): Promise<{ page: string; inView: boolean }[]> {
  return page.getByRole('navigation', { name: 'Thumbnails' }).evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    return [...nav.querySelectorAll('li')].flatMap((li) => {
      const drawn = [...li.querySelectorAll('canvas, img')].some((el) => (el instanceof HTMLCanvasElement ? el.width > 0 : (el as HTMLImageElement).naturalWidth > 0));
      const r = li.getBoundingClientRect();
      return drawn ? [{ page: li.querySelector('button')?.getAttribute('aria-label') ?? '?', inView: r.bottom > box.top && r.top < box.bottom }] : [];
    });
  });
}

describe('the thumbnails of a long PoE', () => {
  it('draws only those in the sidebar’s view, after the main view’s pages', async () => {
    // From the last page (where the scroll above ended) back to the first: the sidebar follows.
    await page.getByTestId('pdf-pages').evaluate((el) => el.querySelector('.page[data-page-number="1"]')!.scrollIntoView());
    await page.locator('.pdfViewer .page[data-page-number="1"] canvas').first().waitFor();
    await until('the thumbnail of page 1 drawn', async () => (await drawnThumbnails()).some((t) => t.page === 'Page 1') || undefined, 30_000);
    // Long enough for the thumbnails laid out below the view to be drawn too, if they were.
    await new Promise((r) => setTimeout(r, 3000));
    const drawn = await drawnThumbnails();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.filter((t) => !t.inView)).toEqual([]);
  }, 120_000);
});

