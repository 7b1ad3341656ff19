// The PoE's first page before the rest of the app (issue 18.2): what draw-first-page.ts drew while
// the app was starting, until the claim view takes it (its loader the opened document, its viewer
// the pages element with page 1 drawn) or the app shows something else and drops it. Only types
// from pdf.js here: the app's main bundle imports this to drop it, and must not carry pdf.js.
import { parseRoute } from '../app/route.js';
import type { OpenedDocument, PDFDocumentProxy } from './pdfjs.js';
import type { PagesElement } from './pages-element.js';

/** Page 1 as drawn at start: shown until the viewer has drawn its own in its place (PdfController). */
export interface DrawnPage {
  document: PDFDocumentProxy;
  canvas: HTMLCanvasElement;
}

/** The pages element laid where the claim view puts it, with page 1 once it is drawn. */
export interface EarlyPages extends PagesElement {
  page1: DrawnPage | null;
}

export interface FirstPage {
  claimId: string;
  sha256: string;
  opened: OpenedDocument | null;
  pages: EarlyPages | null;
}

let current: FirstPage | null = null;

/** Whether something was drawn early (one claim's first document at most, once). */
export const hasFirstPage = () => current !== null;

/** Hold what draw-first-page.ts started, until it is taken or dropped. */
export function holdFirstPage(held: FirstPage): void {
  current = held;
  window.addEventListener('hashchange', dropIfElsewhere);
}

/** Whether the address still shows this claim. */
export function stillAt(claimId: string): boolean {
  const route = parseRoute(window.location.hash);
  return route.view === 'claim' && route.id === claimId;
}

/** The pages element, if it is still the one held (not taken, not dropped). */
export const isHeld = (pages: EarlyPages) => current?.pages === pages;

function dropIfElsewhere() {
  if (current && !stillAt(current.claimId)) dropFirstPage();
}

/** The document opened early, for the claim view's loader (once; null if it is another document). */
export function takeFirstDocument(sha256: string): OpenedDocument | null {
  if (current?.sha256 !== sha256 || !current.opened) return null;
  const { opened } = current;
  current.opened = null;
  settle();
  return opened;
}

/** The pages element drawn early, for the claim view's viewer of that document (once). */
export function takeFirstPages(sha256: string): EarlyPages | null {
  if (!current?.pages) return null;
  // The viewer shows another document first: the one drawn early is of no use.
  if (current.sha256 !== sha256) return dropFirstPage(), null;
  const { pages } = current;
  current.pages = null;
  pages.container.removeAttribute('style');
  settle();
  return pages;
}

/** Let go of what was drawn early and not taken (the app shows something else). */
export function dropFirstPage(): void {
  if (!current) return;
  const { opened, pages } = current;
  current = null;
  window.removeEventListener('hashchange', dropIfElsewhere);
  if (pages) {
    pages.container.remove();
    if (pages.page1) pages.page1.canvas.width = pages.page1.canvas.height = 0;
  }
  void opened?.close();
}

/** Both taken: nothing early is left. */
function settle() {
  if (current && !current.opened && !current.pages) {
    current = null;
    window.removeEventListener('hashchange', dropIfElsewhere);
  }
}
