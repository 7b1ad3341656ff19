// The PoE's first page before the rest of the app (issue 18.2). When the desk starts with a claim
// in the address (a reload, Electron restoring its window, a link), its first document is opened
// and page 1 drawn with pdf.js's core alone, as a bare page using pdf.js would, in a pages element
// laid where the claim view will put it, before the app's bundle (React, MUI, the desk) and pdf.js's
// viewer (its page views, find, its CSS) are loaded (main.tsx): evaluating the viewer's 570 KB of
// script and 280 KB of CSS took the cores that pdf.js's worker needed on the way to that page. The
// claim view then takes the opened document and the pages element (first-page.ts); its viewer lays
// the pages out at the same zoom and shows this drawing of page 1 until it has drawn its own in
// its place (PdfController), so the page never leaves the screen. No React, MUI, zod or the desk's
// contract client here or in what it imports (first-page.ts firstListed says why).
import type { Transport } from '../api/transport.js';
import { firstListed, hasFirstPage, holdFirstPage, isHeld, stillAt, type EarlyPages } from './first-page.js';
import { createPagesElement } from './pages-element.js';
import { openDocument, pdfjsLib } from './pdfjs.js';

/**
 * Where the claim view puts the pages at 1600 px or any width: after the queue strip (ClaimPage, 272)
 * and the viewer's sidebar (Sidebar, 200), before the checklist (380), below the top bar, the
 * claim's header and the tabs (310 with a one-line header). Only the width sets the page-width zoom;
 * where it differs (another layout), the viewer fits the zoom again when it takes the pages.
 */
const PAGES_PLACE = { left: 272 + 200, right: 380, top: 310, bottom: 0 };

/** pdf.js's viewer lays pages out 10 px apart without borders (removePageBorders, as PdfController makes it). */
const PAGE_GAP = 10;

/**
 * Open the claim's first document and draw its page 1, if it has one; `listed` is its documents.list,
 * already asked (the engine's raw answer, null if it refused), `bytes` the document fetched whole
 * (first-page.ts fetchWholeEarly; null: opened by address). Resolves once page 1 is on screen, or
 * there is none to draw (no document, it failed, an XFA form, which only pdf.js's viewer lays out).
 */
export async function drawFirstPage(transport: Transport, claimId: string, listed: Promise<unknown>, bytes: Promise<Uint8Array | null>): Promise<void> {
  const first = firstListed(await listed);
  // Not signed in, a claim not on the desk, no documents, an answer off the contract (the claim view's
  // client says so), or the app moved on: the claim view does it all.
  if (!first || hasFirstPage() || !stillAt(claimId)) return;
  const data = await bytes;
  if (hasFirstPage() || !stillAt(claimId)) return;
  const opened = openDocument(data ? { data } : { url: first.url, httpHeaders: transport.documentHeaders() });
  const pages: EarlyPages = { ...createPagesElement(), page1: null };
  const { container, viewer } = pages;
  const place = Object.fromEntries(Object.entries(PAGES_PLACE).map(([side, px]) => [side, `${px}px`]));
  Object.assign(container.style, { position: 'fixed', ...place, zIndex: '1', background: '#e4e6ea' });
  viewer.classList.add('removePageBorders');
  document.body.append(container);
  holdFirstPage({ claimId, sha256: first.sha256, url: first.url, opened, pages });
  // A failure is the claim view's loader's to tell (it takes the task); taken already, the viewer draws.
  const doc = await opened.task.promise.catch(() => null);
  if (!doc || doc.isPureXfa || !isHeld(pages)) return;
  const page = await doc.getPage(1).catch(() => null);
  if (!page || !isHeld(pages)) return;

  // pdf.js's viewer first lays every page out at page 1's size at zoom 1, then fits the page width
  // to the container's width inside its scrollbar: the same room here, so the width is the same.
  const { PDF_TO_CSS_UNITS } = pdfjsLib.PixelsPerInch;
  const unit = page.getViewport({ scale: PDF_TO_CSS_UNITS });
  viewer.style.height = `${doc.numPages * (Math.floor(unit.height) + PAGE_GAP)}px`;
  const viewport = page.getViewport({ scale: (container.clientWidth / unit.width) * PDF_TO_CSS_UNITS });
  const width = Math.floor(viewport.width);
  const height = Math.floor(viewport.height);
  viewer.style.height = `${doc.numPages * (height + PAGE_GAP)}px`;

  // As pdf.js's page view draws it (PDFPageView.draw): a canvas of the page's size in device pixels,
  // rounded down as the page's box is. A canvas one pixel wider than its box (747.99... CSS px taken
  // as 748) was shown resampled, its text a shade softer than pdf.js's drawing that replaces it.
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.setAttribute('role', 'presentation');
  Object.assign(canvas.style, { display: 'block', width: '100%', height: '100%' });
  const drawn = await page
    .render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] })
    .promise.then(() => true, () => false);
  if (!drawn || !isHeld(pages)) {
    canvas.width = canvas.height = 0;
    return;
  }
  // The page view's element, as pdf.js's would be at this zoom (and marked loaded, as pdf.js marks its own).
  const pageDiv = document.createElement('div');
  pageDiv.className = 'page';
  pageDiv.dataset.pageNumber = '1';
  Object.assign(pageDiv.style, { position: 'relative', margin: `0 auto ${PAGE_GAP}px`, width: `${width}px`, height: `${height}px`, background: '#fff' });
  pageDiv.append(canvas);
  pageDiv.dataset.loaded = 'true';
  viewer.append(pageDiv);
  pages.page1 = { document: doc, canvas };
  // On screen: the frame that shows it has been painted.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}
