// Printing a PoE the way pdf.js's own viewer does (web/pdf_print_service.js): every page drawn at
// 150 dpi into an image of a print-only container, then the browser's print (in Electron, the
// system's print dialog). The app itself is hidden from the printout by print.css; the images go
// as soon as the dialog closes. A pure XFA form's pages are HTML that pdf.js lays out (on a canvas
// they are blank sheets), so they are printed as pdf.js prints them (web/print_utils.js): each
// page's XFA layer rendered with the print intent.
import './print.css';
import { pdfjsLib, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js';
import { SimpleLinkService } from './pdfjs-viewer.js';

const PRINT_DPI = 150;
const CONTAINER_ID = 'poe-print';

/** Draws the pages (reporting each), then opens the print dialog. Stops between pages when aborted. */
export async function printDocument(doc: PDFDocumentProxy, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<void> {
  document.getElementById(CONTAINER_ID)?.remove();
  const container = document.createElement('div');
  container.id = CONTAINER_ID;
  const urls: string[] = [];
  const cleanUp = () => {
    container.remove();
    for (const url of urls) URL.revokeObjectURL(url);
  };
  try {
    const units = PRINT_DPI / 72;
    const canvas = document.createElement('canvas');
    const linkService = new SimpleLinkService();
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal.aborted) return cleanUp();
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      if (n === 1) {
        // The paper takes the first page's size and orientation, as in pdf.js.
        const style = document.createElement('style');
        style.textContent = `@page { size: ${viewport.width}pt ${viewport.height}pt; margin: 0; }`;
        container.append(style);
      }
      const sheet = document.createElement('div');
      if (doc.isPureXfa) sheet.append(await xfaPage(doc, page, linkService, n));
      else {
        const url = await drawPage(page, canvas, units, n);
        urls.push(url);
        const img = document.createElement('img');
        img.src = url;
        img.alt = '';
        sheet.append(img);
      }
      container.append(sheet);
      onProgress(n, doc.numPages);
    }
    if (signal.aborted) return cleanUp();
    document.body.append(container);
    await Promise.all([...container.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
    // Blocks until the dialog closes in Chromium and Electron; afterprint covers browsers that do not.
    window.addEventListener('afterprint', cleanUp, { once: true });
    window.print();
    cleanUp();
  } catch (error) {
    cleanUp();
    throw error;
  }
}

/** The page drawn at print resolution, as an image's object URL (the caller revokes it). */
async function drawPage(page: PDFPageProxy, canvas: HTMLCanvasElement, units: number, n: number): Promise<string> {
  const viewport = page.getViewport({ scale: 1 });
  canvas.width = Math.floor(viewport.width * units);
  canvas.height = Math.floor(viewport.height * units);
  await page.render({ canvas, viewport, transform: [units, 0, 0, units, 0, 0], intent: 'print', annotationMode: pdfjsLib.AnnotationMode.ENABLE, background: 'rgb(255, 255, 255)' }).promise;
  page.cleanup();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
  if (!blob) throw new Error(`page ${n} could not be drawn for printing`);
  return URL.createObjectURL(blob);
}

/** An XFA page's layer at the paper's own size (CSS units of 1/96 in per 1/72 in point), with the form's filled values. */
async function xfaPage(doc: PDFDocumentProxy, page: PDFPageProxy, linkService: SimpleLinkService, n: number): Promise<HTMLElement> {
  const xfaHtml = await page.getXfa();
  if (!xfaHtml) throw new Error(`page ${n} of the XFA form has no content to print`);
  const viewport = page.getViewport({ scale: pdfjsLib.PixelsPerInch.PDF_TO_CSS_UNITS }).clone({ dontFlip: true });
  const layer = document.createElement('div');
  pdfjsLib.XfaLayer.render({ viewport, div: layer, xfaHtml, annotationStorage: doc.annotationStorage, linkService, intent: 'print' });
  return layer;
}
