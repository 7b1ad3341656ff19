// pdf.js's core, set up once for the whole app: the worker bundled by Vite (parsing never blocks
// the UI) and its data files shipped beside the bundle. Only the core: a claim's first page is drawn
// with it alone at start (draw-first-page.ts), and the viewer's components and their CSS
// (pdfjs-viewer.ts) load after it.
import * as pdfjsLib from 'pdfjs-dist';
import { takeSpareWorker, workerUrl } from './pdf-worker.js';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjsLib };
export type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

const dataUrl = (dir: string) => new URL(`pdfjs/${dir}/`, document.baseURI).href;

/**
 * Long PDFs are fetched in 64 KiB ranges, on demand: the first page shows before a long PoE has
 * arrived, and page 300 costs the ranges its objects sit in, not the file up to it. pdf.js only
 * switches to ranges for a file larger than 2 × this size whose first response says
 * `Accept-Ranges: bytes` over http(s) (the browser host's /poe/ answers; Electron's poe:// is not
 * http, so there it reads files whole), so this size sets the line: the ordinary PoEs (a few KB up
 * to a ~100 KB scanned page) stay under 128 KiB and arrive whole in one request, while a deployment
 * workbook (the demo's 300 pages, ~610 KB) is ten chunks, and showing its page 1 then page 300
 * fetches three or four of them. At 256 KiB the line was 512 KiB, which such a workbook only just
 * crossed, and its three chunks were the whole file again.
 */
export const RANGE_CHUNK_SIZE = 64 * 1024;

/** Where a document's bytes are: the engine's URL (with the session's headers), or in hand (an attachment). */
export type PdfSource = { url: string; httpHeaders: Record<string, string> } | { data: Uint8Array };

type PasswordRequest = (answer: (password: string) => void, reason: number) => void;

/** A document pdf.js is opening (or has opened); close() lets go of it and of its worker. */
export interface OpenedDocument {
  task: pdfjsLib.PDFDocumentLoadingTask;
  /** Who answers pdf.js's password requests; one asked before there was anyone is passed on when there is. */
  onPassword(handler: PasswordRequest): void;
  close(): Promise<void>;
}

export function openDocument(source: PdfSource): OpenedDocument {
  // A spare worker already started (pdf-worker.ts) if there is one; else pdf.js starts its own.
  const port = takeSpareWorker();
  const worker = port ? pdfjsLib.PDFWorker.create({ port }) : undefined;
  const task = pdfjsLib.getDocument({
    worker,
    // pdf.js takes ownership of (detaches) the bytes it is given: it gets a copy, so a retry can open them again.
    ...('data' in source ? { data: source.data.slice() } : { url: new URL(source.url, document.baseURI).href, httpHeaders: source.httpHeaders }),
    rangeChunkSize: RANGE_CHUNK_SIZE,
    // Ranges only for what is shown (no fetching the rest in the background), and no streaming
    // of the first response: with streaming on, pdf.js keeps reading the whole file through it
    // even after it has switched to ranges; off, it drops that request once its headers say ranges work.
    disableAutoFetch: true,
    disableStream: true,
    // No JavaScript from a PoE ever runs: no eval'd fonts, and no scripting at all (no scripting
    // manager), so an XFA form is laid out and shown as its fields and text, its scripts never run.
    isEvalSupported: false,
    // XFA forms the upload check accepted are the ones pdf.js lays out (issue 18.5); without this the
    // reviewer saw only their "please wait / requires Adobe Reader" placeholder page.
    enableXfa: true,
    standardFontDataUrl: dataUrl('standard_fonts'),
    cMapUrl: dataUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: dataUrl('wasm'),
    iccUrl: dataUrl('iccs'),
  });
  // Opened early (first-page.ts), a document can ask for its password before the claim view's loader listens.
  let handler: PasswordRequest | null = null;
  let waiting: Parameters<PasswordRequest> | null = null;
  task.onPassword = (...request: Parameters<PasswordRequest>) => (handler ? handler(...request) : (waiting = request));
  return {
    task,
    onPassword(h) {
      handler = h;
      if (waiting) h(...waiting);
      waiting = null;
    },
    async close() {
      try {
        await task.destroy();
      } finally {
        // pdf.js ends only the workers it started itself.
        worker?.destroy();
        port?.terminate();
      }
    },
  };
}
