// pdf.js, set up once for the whole app: the worker bundled by Vite (parsing never blocks the UI),
// its data files shipped beside the bundle, and the viewer components (text layer, find, zoom,
// rotation: the same ones Firefox's viewer is built from). The viewer module reads the core
// library from globalThis.pdfjsLib, so the core import must stay first.
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjsLib };
export type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

const dataUrl = (dir: string) => new URL(`pdfjs/${dir}/`, document.baseURI).href;

/** Fetch PDFs in 256 KiB ranges, on demand: the first page shows before a long PoE has arrived. */
export const RANGE_CHUNK_SIZE = 256 * 1024;

export function openDocument(url: string, httpHeaders: Record<string, string>): pdfjsLib.PDFDocumentLoadingTask {
  return pdfjsLib.getDocument({
    url: new URL(url, document.baseURI).href,
    httpHeaders,
    rangeChunkSize: RANGE_CHUNK_SIZE,
    disableAutoFetch: true,
    disableStream: true,
    // No JavaScript from a PoE ever runs, neither eval'd fonts nor XFA forms.
    isEvalSupported: false,
    enableXfa: false,
    standardFontDataUrl: dataUrl('standard_fonts'),
    cMapUrl: dataUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: dataUrl('wasm'),
    iccUrl: dataUrl('iccs'),
  });
}

export { EventBus, FindState, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
