// A pdf.js viewer's scrolling pages element, made outside React and without pdf.js: the claim's
// first page is drawn into one before the app has rendered (draw-first-page.ts), and the viewer
// (PdfPages) takes that one or makes its own, with the PdfController bound to it.
import './pages.css';

export interface PagesElement {
  /** The scroll container (focusable, the pages' region); the styles are `.poe-pages`'s. */
  container: HTMLDivElement;
  /** pdf.js's viewer element inside it, where the page views go. */
  viewer: HTMLDivElement;
}

export function createPagesElement(): PagesElement {
  const container = document.createElement('div');
  container.className = 'poe-pages';
  container.tabIndex = 0;
  container.setAttribute('role', 'region');
  container.dataset.testid = 'pdf-pages';
  const viewer = document.createElement('div');
  viewer.className = 'pdfViewer';
  container.append(viewer);
  return { container, viewer };
}
