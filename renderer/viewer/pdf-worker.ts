// pdf.js's worker, started before pdf.js itself is asked for one. Starting a worker means fetching
// and compiling 1.2 MB of script, which otherwise sat on the way to a PoE's first page after the
// claim's data had arrived (issue 18.2). The app starts a spare when it knows a document will open
// soon: at start with a claim in the address, and once a claim's first page is drawn (for its
// other documents, or the next claim). The next document pdf.js opens takes it; its owner
// terminates it when that document goes (pdf.js leaves a worker it was handed running). This module
// imports nothing from pdf.js, so the main bundle can start the spare while the claim view's chunk
// (with pdf.js) is still on its way.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export { workerUrl };

let spare: Worker | null = null;

/** Start a spare worker unless one is waiting. */
export function warmPdfWorker(): void {
  spare ??= new Worker(workerUrl, { type: 'module' });
}

/** The spare worker, if one is waiting; the caller owns it from now on. */
export function takeSpareWorker(): Worker | null {
  const taken = spare;
  spare = null;
  return taken;
}
