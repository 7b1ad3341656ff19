// pdf.js's viewer components (page views with their text layer, find, zoom, rotation: the ones
// Firefox's viewer is built from) and their CSS, apart from the core (pdfjs.ts): 570 KB of script
// and 280 KB of CSS that a claim's first page does not need, loaded with the claim view after it
// (issue 18.2). The viewer module reads the core from globalThis.pdfjsLib as it is evaluated, so the
// core's import stays first.
import './pdfjs.js';
import 'pdfjs-dist/web/pdf_viewer.css';

export { EventBus, FindState, GenericL10n, PDFFindController, PDFLinkService, PDFViewer, RenderingStates, ScrollMode, SimpleLinkService, SpreadMode } from 'pdfjs-dist/web/pdf_viewer.mjs';
