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
  /** Where it was opened from: the claim view's parsed documents.list must name the same. */
  url: string;
  opened: OpenedDocument | null;
  pages: EarlyPages | null;
}

/**
 * The first document's address and SHA-256 in documents.list's answer, unparsed: zod (~100 KB of
 * script to load and evaluate, even its mini API with the core the desk's classic schemas share)
 * took ~25 ms of a cold start's cores from pdf.js's worker on its way to page 1 (issue 18.2). This is
 * only where to look early. The claim view parses the list with the contract's schema, and takes
 * the document opened here only if that list names it, at this address (takeFirstDocument), and
 * the page drawn here only for that document (takeFirstPages); otherwise both are dropped.
 */
export function firstListed(answer: unknown): { url: string; sha256: string; size: number | null } | undefined {
  const first: unknown = Array.isArray(answer) ? answer[0] : undefined;
  if (typeof first !== 'object' || first === null || !('url' in first) || !('sha256' in first)) return undefined;
  const { url, sha256 } = first;
  const size = 'size' in first && Number.isSafeInteger(first.size) ? (first.size as number) : null;
  return typeof url === 'string' && typeof sha256 === 'string' ? { url, sha256, size } : undefined;
}

/**
 * Up to this size the first document is fetched whole at start, beside pdf.js's core and worker,
 * and handed to pdf.js as bytes. Opened by its address instead, pdf.js asks for it only once its
 * worker is running: a first request, then for a file over two range chunks (pdfjs.ts) the ranges
 * page 1 needs, one after another, 40-90 ms on the way to page 1 of a cold start here (issue 18.2).
 * A PoE on this computer's disk arrives whole in a few milliseconds; Electron's poe:// reads every
 * file whole anyway. Past this size ranges pay again: page 1 of a large scan should not wait for its
 * last page.
 */
export const WHOLE_EARLY_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The first listed document's bytes if documents.list says it is small enough (null otherwise, or
 * when the fetch fails or brings other than its listed size: the viewer then opens it by address,
 * and says what went wrong if anything did, as it does for every document).
 */
export async function fetchWholeEarly(answer: unknown, headers: Record<string, string>): Promise<Uint8Array | null> {
  const first = firstListed(answer);
  if (!first || first.size === null || first.size > WHOLE_EARLY_MAX_BYTES) return null;
  try {
    const response = await fetch(new URL(first.url, document.baseURI), { headers });
    if (!response.ok) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength === first.size ? bytes : null;
  } catch {
    return null;
  }
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

/** The document opened early, for the claim view's loader (once; null if it is another document, or the same from elsewhere). */
export function takeFirstDocument(sha256: string, url: string): OpenedDocument | null {
  // The parsed list names this document elsewhere than the early read did: nothing of that read is used.
  if (current?.sha256 === sha256 && current.url !== url) return dropFirstPage(), null;
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
