// The PoE's first page before the rest of the app (issue 18.2). When the desk starts with a claim
// in the address (a reload, Electron restoring its window, a link), its first document is opened
// and page 1 drawn by pdf.js's own viewer in a pages element laid where the claim view will put it,
// before the app's bundle (React, MUI, the desk) is loaded (main.tsx): that start took 3-4 times as
// long as plain pdf.js needs for the page. The claim view then takes both (first-page.ts): nothing
// is opened or drawn twice. No React, MUI or the desk's contract client here or in what it imports:
// only documents.list's own schema (shared/contract/documents.ts).
import { DocumentList } from '../../shared/contract/documents.js';
import type { Transport } from '../api/transport.js';
import { hasFirstPage, holdFirstPage, isHeld, stillAt } from './first-page.js';
import { createPages } from './pages-element.js';
import { openDocument } from './pdfjs.js';

/**
 * Where the claim view puts the pages at 1600 px or any width: after the queue strip (ClaimPage, 272)
 * and the viewer's sidebar (Sidebar, 200), before the checklist (380), below the top bar, the
 * claim's header and the tabs (310 with a one-line header). Only the width sets the page-width zoom;
 * where it differs (another layout), the viewer fits the zoom again when it takes the pages.
 */
const PAGES_PLACE = { left: 272 + 200, right: 380, top: 310, bottom: 0 };

/**
 * Open the claim's first document and draw its page 1, if it has one; `listed` is its documents.list,
 * already asked (the engine's raw answer, null if it refused). Resolves once page 1 is on screen, or
 * there is none to draw (no document, it failed).
 */
export async function drawFirstPage(transport: Transport, claimId: string, listed: Promise<unknown>): Promise<void> {
  const answer = DocumentList.safeParse(await listed);
  const first = answer.success ? answer.data[0] : undefined;
  // Not signed in, a claim not on the desk, no documents, an answer off the contract (the claim view's
  // client says so), or the app moved on: the claim view does it all.
  if (!first || hasFirstPage() || !stillAt(claimId)) return;
  const opened = openDocument({ url: first.url, httpHeaders: transport.documentHeaders() });
  const pages = createPages();
  const { container } = pages;
  const place = Object.fromEntries(Object.entries(PAGES_PLACE).map(([side, px]) => [side, `${px}px`]));
  Object.assign(container.style, { position: 'fixed', ...place, zIndex: '1', background: '#e4e6ea' });
  document.body.append(container);
  holdFirstPage({ claimId, sha256: first.sha256, opened, pages });
  const { controller } = pages;
  const drawn = new Promise<void>((resolve) => controller.subscribe(() => controller.getState().firstPageDrawn && resolve()));
  const doc = await opened.task.promise.catch(() => null);
  // A failure is the claim view's loader's to tell (it takes the task); taken already, the viewer sets the document.
  if (!doc || !isHeld(pages)) return;
  controller.setDocument(doc);
  await drawn;
}
