// The part of the upload check that opens a partner's PDF with pdf.js (the engine the desk's viewer
// uses, so "accepted" means "a reviewer can open it"). It runs in a worker thread that inspect.ts
// starts with a heap limit and ends when a check overruns its time budget: a hostile file (a page tree that
// reuses its nodes to reach a million pages, a /Count of 10^9, a self-referencing tree) costs that
// worker, never the service.
//
// Plain JavaScript because Node 20 cannot start a worker thread from TypeScript: the service runs
// through tsx, whose loader registers for the main thread only.
import { parentPort } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * @typedef {{ kind: 'ok', pages: number }
 *   | { kind: 'password' }
 *   | { kind: 'too_many_pages', pages: number }
 *   | { kind: 'xfa_unsupported' }
 *   | { kind: 'damaged', reason: string }} CheckResult
 */

/** @param {Uint8Array} data @param {number} maxPages @returns {Promise<CheckResult>} */
async function check(data, maxPages) {
  // pdf.js may take ownership of (detach) the buffer it is given: the first open gets a copy.
  const withXfa = await open(data.slice(), maxPages, true);
  if (withXfa.kind !== 'damaged') return withXfa;
  // An XFA form pdf.js cannot lay out fails to open at all with XFA on; with it off, it opens on
  // its placeholder page, which says what it is.
  const plain = await open(data, maxPages, false);
  return plain.kind === 'xfa_unsupported' ? plain : withXfa;
}

/** @param {Uint8Array} data @param {number} maxPages @param {boolean} enableXfa @returns {Promise<CheckResult>} */
async function open(data, maxPages, enableXfa) {
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    // XFA forms are laid out by pdf.js itself (the viewer does the same), so their page count is
    // the one the reviewer will see.
    enableXfa,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    // pdf.js has found the last page by the tree's counts (never walking a shared tree node by node,
    // and refusing a cycle), or, when /Count lies, rebuilt the count from the pages really there.
    const { info } = /** @type {{ info: Record<string, unknown> }} */ (await doc.getMetadata());
    // An XFA form whose pages are only a "needs Adobe Reader" placeholder: pdf.js lays out pure
    // XFA forms itself (isPureXfa); one it cannot, with no AcroForm fields behind it, shows nothing
    // a reviewer could check. (Static XFA forms carry AcroForm fields and ordinary pages.)
    if (info.IsXFAPresent && !info.IsAcroFormPresent && !doc.isPureXfa) return { kind: 'xfa_unsupported' };
    const pages = doc.numPages;
    if (!(pages > 0)) return { kind: 'damaged', reason: 'no pages' };
    if (pages > maxPages) return { kind: 'too_many_pages', pages };
    // Every page must load: a tree whose leaves point at missing or wrong objects is damage the
    // viewer would show as blank pages. Bounded by maxPages, each lookup by pdf.js's count cache.
    for (let n = 1; n <= pages; n++) await doc.getPage(n);
    return { kind: 'ok', pages };
  } catch (error) {
    // pdf.js 5 does not export its exception classes; their names are its stable API.
    if (error instanceof Error && error.name === 'PasswordException') return { kind: 'password' };
    return { kind: 'damaged', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await task.destroy();
  }
}

// One check at a time: inspect.ts sends the next only after this one's answer.
parentPort?.on('message', async (/** @type {{ data: Uint8Array, maxPages: number }} */ { data, maxPages }) => {
  parentPort?.postMessage(await check(data, maxPages));
});
