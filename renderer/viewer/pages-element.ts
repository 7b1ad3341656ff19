// A pdf.js viewer's scrolling pages element and the PdfController bound to it, made outside React:
// the claim's first page is drawn into one before the app has rendered (first-page.ts), and the
// viewer (PdfPages) takes that one or makes its own.
import { PdfController } from './pdf-controller.js';
import './pages.css';

export interface Pages {
  /** The scroll container (focusable, the pages' region); the styles are `.poe-pages`'s. */
  container: HTMLDivElement;
  controller: PdfController;
}

export function createPages(): Pages {
  const container = document.createElement('div');
  container.className = 'poe-pages';
  container.tabIndex = 0;
  container.setAttribute('role', 'region');
  container.dataset.testid = 'pdf-pages';
  const viewer = document.createElement('div');
  viewer.className = 'pdfViewer';
  container.append(viewer);
  return { container, controller: new PdfController(container, viewer) };
}
