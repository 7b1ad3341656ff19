// One pdf.js viewer bound to a scroll container, driven from React through plain methods and
// observed through one state object. It wraps pdf.js's own PDFViewer (lazy page rendering, text
// layer, zoom modes, rotation), PDFFindController (find with every match highlighted) and
// PDFLinkService (internal links only: a PoE's external links never leave the app).
import {
  EventBus,
  FindState,
  GenericL10n,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
  RenderingStates,
  ScrollMode,
  SpreadMode,
} from './pdfjs-viewer.js';
import type { DrawnPage } from './first-page.js';
import { pdfjsLib, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js';
import { MAX_NOTE_LENGTH } from '../../shared/domain/limits.js';

export type ScaleValue = 'auto' | 'page-fit' | 'page-width' | 'page-actual' | number;

/** How pages follow each other (pdf.js's ScrollMode), and whether they pair up (its SpreadMode). */
export const SCROLL_MODES = { vertical: ScrollMode.VERTICAL, horizontal: ScrollMode.HORIZONTAL, wrapped: ScrollMode.WRAPPED, page: ScrollMode.PAGE } as const;
export const SPREAD_MODES = { none: SpreadMode.NONE, odd: SpreadMode.ODD, even: SpreadMode.EVEN } as const;
export type ScrollModeName = keyof typeof SCROLL_MODES;
export type SpreadModeName = keyof typeof SPREAD_MODES;

export interface FindOptions {
  caseSensitive: boolean;
  entireWord: boolean;
}

export interface FindStatus {
  query: string;
  state: 'idle' | 'pending' | 'found' | 'not_found' | 'wrapped';
  current: number;
  total: number;
}

export interface ViewerState {
  page: number;
  pages: number;
  /** What the zoom control shows: a mode or a factor. */
  scaleValue: ScaleValue;
  /** The factor actually applied (for "110 %"). */
  scale: number;
  rotation: number;
  scrollMode: ScrollModeName;
  spreadMode: SpreadModeName;
  /** The pages' own labels (/PageLabels: "i", "ii", "A-1"...), or null when they are just the numbers. */
  labels: string[] | null;
  /**
   * The document's first page is on screen. Until then nothing else competes with it for pdf.js's
   * worker: thumbnails, the suggestions' text extraction and the other documents wait (issue 18.2).
   */
  firstPageDrawn: boolean;
  find: FindStatus;
}

/** A rectangle on a page, as fractions (0..1) of the unrotated page, origin top-left. */
export interface PageRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

const IDLE_FIND: FindStatus = { query: '', state: 'idle', current: 0, total: 0 };

export const INITIAL_STATE: ViewerState = { page: 0, pages: 0, scaleValue: 'page-width', scale: 1, rotation: 0, scrollMode: 'vertical', spreadMode: 'none', labels: null, firstPageDrawn: false, find: IDLE_FIND };

const FIND_STATES: Record<number, FindStatus['state']> = {
  [FindState.FOUND]: 'found',
  [FindState.NOT_FOUND]: 'not_found',
  [FindState.WRAPPED]: 'wrapped',
  [FindState.PENDING]: 'pending',
};

/** The parts of pdf.js's PDFPageView that hold a page's text layer. */
interface PageViewInternals {
  textLayer: unknown;
  _textHighlighter: { enabled: boolean; textDivs: unknown[] | null; textContentItemsStr: string[] | null; matches: unknown[] };
  _accessibilityManager: unknown;
}

/** pdf.js's PDFRenderingQueue: the main view's pages first, then the sidebar's thumbnails, then the idle clean-up. */
interface RenderingQueue {
  onIdle: (() => void) | null;
  isThumbnailViewEnabled: boolean;
  setThumbnailViewer(viewer: { forceRendering(): boolean } | null): void;
  renderHighestPriority(): void;
}

/** What the idle clean-up reads and calls on pdf.js's PDFPageView. */
interface PageViewState {
  id: number;
  renderingState: number;
  reset(): void;
}

/** What adopting page 1 as drawn at start touches on pdf.js's PDFPageView. */
interface PageViewCanvas {
  renderingState: number;
  canvas: HTMLCanvasElement | null;
  _ensureCanvasWrapper(): HTMLDivElement;
}

interface PageViewLike {
  div: HTMLDivElement;
  viewport: { convertToPdfPoint(x: number, y: number): number[]; convertToViewportPoint(x: number, y: number): number[] };
  pdfPage?: { view: number[] };
}

export class PdfController {
  readonly eventBus = new EventBus();
  private readonly linkService: PDFLinkService;
  private readonly findController: PDFFindController;
  private readonly viewer: PDFViewer;
  private readonly container: HTMLDivElement;
  private readonly renderingQueue: RenderingQueue;
  /**
   * pdf.js's own labels for what it puts in the pages ("Page 1" for each page's region, an
   * annotation's type), applied once the first page is on screen: on a cold start, parsing its
   * Fluent bundle, creating the Intl formatters and labelling every page took the main thread while
   * page 1 waited for it (issue 18.2). pdf.js's viewer labels its container itself only when it
   * makes its own; this one labels it in firstPageShown.
   */
  private readonly l10n = new GenericL10n(undefined);
  private labelled = false;
  /** Lets page 1's text go once the page is on screen (holdFirstPageText). */
  private releaseFirstPageText: (() => void) | null = null;
  /** The thumbnail being drawn, if any: one at a time, as pdf.js's sidebar. */
  private thumbnailDrawing: Promise<void> | null = null;
  /** The page views whose text layer pdf.js has drawn and not yet let go (see releaseTextLayers). */
  private readonly withTextLayer = new Set<PageViewInternals>();
  private state: ViewerState = INITIAL_STATE;
  private listeners = new Set<() => void>();
  private findOptions: FindOptions = { caseSensitive: false, entireWord: false };
  private document: PDFDocumentProxy | null = null;
  /** The zoom a reviewer chose survives switching documents of the same claim. */
  private preferredScale: ScaleValue = 'page-width';
  /** So do the scroll and spread modes (pdf.js resets them with each document). */
  private preferredLayout: { scrollMode: ScrollModeName; spreadMode: SpreadModeName } = { scrollMode: 'vertical', spreadMode: 'none' };
  /** The last text selected in the pages: clicking a "pin" button elsewhere must not lose it. */
  private lastSelection: { page: number; text: string } | null = null;
  private readonly onSelectionChange = () => {
    const selected = this.selectionInPages();
    if (selected) this.lastSelection = selected;
  };

  /**
   * A zoom mode follows the pages' width, as in pdf.js's own viewer: the sidebar coming or going,
   * the window resized, or pages drawn before the app had rendered (first-page.ts) moved into place.
   * The border box's width, which a scrollbar coming or going does not change.
   */
  private width = 0;
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    const width = entry?.borderBoxSize[0]?.inlineSize ?? 0;
    if (width === 0 || width === this.width) return;
    this.width = width;
    this.refit();
  });

  /**
   * Page 1 as draw-first-page.ts drew it at start, until this viewer shows that document: its own
   * page 1 view takes the canvas as the one it replaces when its drawing is finished, as pdf.js
   * keeps a page's old canvas on screen while it draws the page at a new zoom. The page never
   * leaves the screen, and the worker draws it from what it parsed for the first drawing.
   */
  private drawnPage1: DrawnPage | null;
  private readonly viewerElement: HTMLDivElement;

  constructor(container: HTMLDivElement, viewerElement: HTMLDivElement, drawnPage1: DrawnPage | null = null) {
    this.drawnPage1 = drawnPage1;
    this.viewerElement = viewerElement;
    this.linkService = new PDFLinkService({ eventBus: this.eventBus });
    this.linkService.externalLinkEnabled = false;
    this.findController = new PDFFindController({ eventBus: this.eventBus, linkService: this.linkService });
    this.viewer = new PDFViewer({
      container,
      viewer: viewerElement,
      eventBus: this.eventBus,
      linkService: this.linkService,
      findController: this.findController,
      l10n: this.l10n,
      // Render annotations (links, stamps) but no form widgets, and no scripting manager at all.
      annotationMode: 1,
      // No annotation editing (a PoE is read, never changed). pdf.js's default makes an editor
      // manager for every document, an editor and a drawing layer on every page it draws, and a
      // beforeunload listener, for which the browser asks the page before it leaves or reloads.
      annotationEditorMode: pdfjsLib.AnnotationEditorType.DISABLE,
      enableAutoLinking: false,
      // pdf.js's own way to draw pages without its 9 px transparent border (a shadow marks them instead).
      removePageBorders: true,
      supportsPinchToZoom: true,
    });
    this.linkService.setViewer(this.viewer);
    // As pdf.js's own viewer (web/app.js, _cleanup): once nothing has been drawn for a while, the
    // pages out of view and the worker's caches (fonts, images, parsed pages) are let go, so
    // scrolling a long PoE end to end does not keep every page it passed in memory (issue 18.7).
    this.renderingQueue = (this.viewer as unknown as { renderingQueue: RenderingQueue }).renderingQueue;
    this.renderingQueue.onIdle = () => {
      this.releaseOffscreenPages();
      this.document?.cleanup().catch(() => undefined);
      this.releaseTextLayers();
    };
    // A page leaves pdf.js's buffer of recent pages when another is about to be drawn ('pagerender'):
    // its text layer is let go then, not only at the idle clean-up, so scrolling a long PoE never
    // holds more than the buffer's text layers and the garbage collections during the scroll free
    // them (issue 18.7: at the idle clean-up the 300-page PoE's 41,000 released nodes were still
    // waiting for a full collection, and the renderer's memory with them).
    this.eventBus.on('textlayerrendered', (e: { source: PageViewInternals }) => this.withTextLayer.add(e.source));
    this.eventBus.on('pagerender', () => this.releaseTextLayers());
    this.container = container;
    this.resizeObserver.observe(container);
    document.addEventListener('selectionchange', this.onSelectionChange);

    const on = (name: string, fn: (e: Record<string, unknown>) => void) => this.eventBus.on(name, fn);
    on('pagesinit', () => {
      this.viewer.currentScaleValue = String(this.preferredScale);
      this.setLayout(this.preferredLayout);
      this.adoptDrawnPage1();
      this.set({ pages: this.viewer.pagesCount, page: this.viewer.currentPageNumber });
    });
    // Said once the page is on screen: pdf.js finishes drawing inside an animation frame, and what
    // waits for the first page (the checklist, thumbnails, other documents) would otherwise be
    // rendered in that same frame, before the browser paints the page (issue 18.2).
    on('pagerendered', () => {
      const document = this.document;
      if (this.state.firstPageDrawn) return;
      requestAnimationFrame(() => setTimeout(() => this.document === document && !this.state.firstPageDrawn && this.firstPageShown()));
    });
    on('pagechanging', (e) => this.set({ page: e.pageNumber as number }));
    on('scalechanging', (e) => this.set({ scale: e.scale as number, scaleValue: parseScale(e.presetValue ?? e.scale) }));
    on('rotationchanging', (e) => this.set({ rotation: e.pagesRotation as number }));
    on('scrollmodechanged', (e) => this.set({ scrollMode: nameOf(SCROLL_MODES, e.mode as number) ?? 'vertical' }));
    on('spreadmodechanged', (e) => this.set({ spreadMode: nameOf(SPREAD_MODES, e.mode as number) ?? 'none' }));
    on('updatefindmatchescount', (e) => {
      const count = e.matchesCount as { current: number; total: number };
      this.set({ find: { ...this.state.find, current: count.current, total: count.total } });
    });
    on('updatefindcontrolstate', (e) => {
      const count = e.matchesCount as { current: number; total: number };
      this.set({ find: { query: (e.rawQuery as string) ?? this.state.find.query, state: FIND_STATES[e.state as number] ?? 'idle', current: count.current, total: count.total } });
    });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  private set(change: Partial<ViewerState>) {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l();
  }

  private firstPageShown() {
    if (!this.labelled) void this.l10n.translate(this.container);
    this.labelled = true;
    this.releaseFirstPageText?.();
    this.set({ firstPageDrawn: true });
  }

  /**
   * pdf.js builds a page's text layer (a span per run of text, each measured in a canvas) as soon as
   * the page's canvas is finished, before the frame that shows it: for page 1 that took 20-45 ms
   * of the main thread between the page drawn and the page on screen (issue 18.2, CPU profiles of a
   * cold start at load 4-5). Page 1's text is asked for through its streamTextContent, which waits
   * here until the page is on screen; the text layer (invisible: it is for selecting and finding)
   * follows a frame later.
   */
  private holdFirstPageText(document: PDFDocumentProxy) {
    let release!: () => void;
    const shown = new Promise<void>((resolve) => (release = resolve));
    this.releaseFirstPageText = () => {
      this.releaseFirstPageText = null;
      release();
    };
    // The same page object pdf.js's viewer draws (pdf.js keeps one per page), asked for after it.
    document.getPage(1).then((page) => {
      const held = page as { streamTextContent: PDFPageProxy['streamTextContent'] };
      const stream = page.streamTextContent.bind(page);
      held.streamTextContent = (params) => {
        const { readable, writable } = new TransformStream();
        void shown.then(() => stream(params).pipeTo(writable)).catch(() => undefined);
        return readable;
      };
      void shown.then(() => delete (held as Partial<typeof held>).streamTextContent);
    }, () => undefined);
  }

  /**
   * Called as pdf.js has laid the pages out at the chosen zoom ('pagesinit'), before it draws any
   * (it does from a promise's callback): page 1's view gets the canvas drawn at start. The canvas
   * fills the page's box (pdf.js's CSS), so a zoom other than the one it was drawn at only scales it
   * until pdf.js's own drawing replaces it.
   */
  private adoptDrawnPage1() {
    const drawn = this.drawnPage1;
    this.drawnPage1 = null;
    if (!drawn) return;
    const view = this.viewer.getPageView(0) as unknown as PageViewCanvas | undefined;
    if (drawn.document !== this.document || !view || view.canvas || view.renderingState !== RenderingStates.INITIAL) {
      drawn.canvas.width = drawn.canvas.height = 0;
      return;
    }
    drawn.canvas.removeAttribute('style');
    view._ensureCanvasWrapper().prepend(drawn.canvas);
    view.canvas = drawn.canvas;
  }

  setDocument(document: PDFDocumentProxy | null) {
    if (document === this.document) return;
    this.document = document;
    // The height that made room for the pages at start (draw-first-page.ts): pdf.js lays out its own.
    this.viewerElement.style.removeProperty('height');
    this.releaseFirstPageText?.();
    this.viewer.setDocument(document as PDFDocumentProxy);
    if (document) this.holdFirstPageText(document);
    this.linkService.setDocument(document);
    this.withTextLayer.clear();
    this.lastSelection = null;
    // `pages` stays 0 until pdf.js has laid the pages out ('pagesinit'): only then can it navigate.
    this.set({ page: 0, pages: 0, find: IDLE_FIND, rotation: 0, scrollMode: 'vertical', spreadMode: 'none', labels: null, firstPageDrawn: false });
    if (!document) return;
    document.getPageLabels().then(
      (labels) => {
        if (this.document !== document) return;
        // As pdf.js's own viewer: labels that only repeat the page numbers are not shown.
        const useful = labels && labels.length === document.numPages && labels.some((label, i) => label !== String(i + 1)) ? labels : null;
        this.viewer.setPageLabels(useful);
        this.set({ labels: useful });
      },
      () => undefined,
    );
  }

  goToPage(page: number) {
    if (!this.document) return;
    this.viewer.currentPageNumber = Math.max(1, Math.min(this.document.numPages, Math.round(page)));
  }

  nextPage() {
    this.viewer.nextPage();
  }

  previousPage() {
    this.viewer.previousPage();
  }

  setScale(value: ScaleValue) {
    this.preferredScale = value;
    this.viewer.currentScaleValue = String(value);
  }

  /** Fit a zoom mode (page width, page fit) again to the container's size now; a chosen factor stays. */
  private refit() {
    if (typeof this.preferredScale === 'string' && this.state.pages > 0) this.viewer.currentScaleValue = this.preferredScale;
  }

  zoomIn() {
    this.viewer.increaseScale();
    this.preferredScale = this.viewer.currentScale;
  }

  zoomOut() {
    this.viewer.decreaseScale();
    this.preferredScale = this.viewer.currentScale;
  }

  /** Scroll mode (vertical, horizontal, wrapped, one page at a time) and spreads (none, odd, even), as in Firefox. */
  setLayout(layout: Partial<{ scrollMode: ScrollModeName; spreadMode: SpreadModeName }>) {
    this.preferredLayout = { ...this.preferredLayout, ...layout };
    if (!this.document) return;
    if (layout.scrollMode) this.viewer.scrollMode = SCROLL_MODES[layout.scrollMode];
    if (layout.spreadMode) this.viewer.spreadMode = SPREAD_MODES[layout.spreadMode];
  }

  /**
   * The sidebar's thumbnails are drawn through pdf.js's rendering queue, as its own sidebar's are:
   * only when the main view has no page left to draw, one at a time, and the idle clean-up waits
   * until they are done too (issue 18.7). `next` starts drawing the thumbnail most wanted now, or
   * says there is none (null). Returns the way to stop.
   */
  drawThumbnailsWhenIdle(next: () => Promise<void> | null): () => void {
    const queue = this.renderingQueue;
    queue.setThumbnailViewer({
      forceRendering: () => {
        if (this.thumbnailDrawing) return true;
        const drawing = next();
        if (!drawing) return false;
        this.thumbnailDrawing = drawing
          .catch(() => undefined)
          .finally(() => {
            this.thumbnailDrawing = null;
            queue.renderHighestPriority();
          });
        return true;
      },
    });
    queue.isThumbnailViewEnabled = true;
    this.wantThumbnails();
    return () => {
      queue.isThumbnailViewEnabled = false;
      queue.setThumbnailViewer(null);
    };
  }

  /** Other thumbnails came into view (or need drawing again): draw them once the main view is idle. */
  wantThumbnails() {
    if (this.document && this.renderingQueue.isThumbnailViewEnabled && !this.thumbnailDrawing) this.renderingQueue.renderHighestPriority();
  }

  /** Keyboard back on the pages (after the find bar closes). */
  focus() {
    this.container.focus();
  }

  /** Go to an outline entry's (or a link's) destination inside the document. */
  goToDestination(dest: string | unknown[]) {
    void this.linkService.goToDestination(dest);
  }

  rotate(delta: 90 | -90) {
    this.viewer.pagesRotation = (this.viewer.pagesRotation + delta + 360) % 360;
  }

  /** Find `query`, highlighting every match; again=true moves to the next (or previous) match. */
  find(query: string, options: Partial<FindOptions> = {}, again = false, previous = false) {
    this.findOptions = { ...this.findOptions, ...options };
    if (!query) return this.closeFind();
    this.set({ find: { ...this.state.find, query } });
    this.eventBus.dispatch('find', {
      source: this,
      type: again ? 'again' : '',
      query,
      caseSensitive: this.findOptions.caseSensitive,
      entireWord: this.findOptions.entireWord,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  }

  closeFind() {
    this.eventBus.dispatch('findbarclose', { source: this });
    this.set({ find: IDLE_FIND });
  }

  /** The text selected in the pages now, or the last selection made there (until the next). */
  selectedText(): { page: number; text: string } | null {
    return this.selectionInPages() ?? this.lastSelection;
  }

  private selectionInPages(): { page: number; text: string } | null {
    const selection = window.getSelection();
    const text = selection?.toString().trim();
    if (!selection || !text || selection.rangeCount === 0) return null;
    const node = selection.getRangeAt(0).startContainer;
    const element = node instanceof Element ? node : node.parentElement;
    if (!element || !this.container.contains(element)) return null;
    const pageDiv = element.closest<HTMLElement>('.page[data-page-number]');
    return pageDiv ? { page: Number(pageDiv.dataset.pageNumber), text: text.slice(0, MAX_NOTE_LENGTH) } : null;
  }

  /**
   * pdf.js's own clean-up (viewer.cleanup()) resets only the pages left half drawn, so its buffer
   * of the ten most recent pages keeps their canvases (megabytes of pixels each at page width, in
   * the renderer and again in the compositor's shared memory) for as long as the PoE is open.
   * Once idle, a page off screen is let go as well; pdf.js draws it again when it comes back.
   */
  private releaseOffscreenPages() {
    const shown = (this.viewer as unknown as { _getVisiblePages(): { ids: Set<number> } })._getVisiblePages().ids;
    for (let i = 0; i < this.viewer.pagesCount; i++) {
      const view = this.viewer.getPageView(i) as unknown as PageViewState;
      if (view.renderingState === RenderingStates.INITIAL) continue;
      if (view.renderingState !== RenderingStates.FINISHED || !shown.has(view.id)) view.reset();
    }
  }

  /**
   * pdf.js resets a page view that leaves its buffer of recent pages, but the page's find
   * highlighter and accessibility manager keep its last text layer (every span, line break and
   * text node): scrolling a 1,000-page PoE kept ~140 detached nodes per page passed (issue 18.7).
   * A page whose text layer is gone lets go of them; pdf.js builds both again if it draws the page.
   */
  private releaseTextLayers() {
    for (const view of this.withTextLayer) {
      if (view.textLayer) continue;
      const highlighter = view._textHighlighter;
      if (!highlighter.enabled) {
        highlighter.textDivs = null;
        highlighter.textContentItemsStr = null;
        highlighter.matches = [];
      }
      view._accessibilityManager = null;
      this.withTextLayer.delete(view);
    }
  }

  private pageView(page: number): PageViewLike | null {
    return (this.viewer.getPageView(page - 1) as PageViewLike | undefined) ?? null;
  }

  /** The page under a point of the screen, and that point as a fraction of the unrotated page. */
  pointOnPage(clientX: number, clientY: number): { page: number; x: number; y: number } | null {
    for (let page = 1; page <= this.state.pages; page++) {
      const view = this.pageView(page);
      const canvas = view?.div.querySelector<HTMLElement>('.canvasWrapper');
      if (!view || !canvas) continue;
      const box = canvas.getBoundingClientRect();
      if (clientX < box.left || clientX > box.right || clientY < box.top || clientY > box.bottom) continue;
      const [px, py] = view.viewport.convertToPdfPoint(clientX - box.left, clientY - box.top) as [number, number];
      const [x0, y0, x1, y1] = (view.pdfPage?.view ?? [0, 0, 1, 1]) as [number, number, number, number];
      return { page, x: clamp01((px - x0) / (x1 - x0)), y: clamp01((y1 - py) / (y1 - y0)) };
    }
    return null;
  }

  /** Scroll to a pinned region and outline it on its page: briefly, or (keep) until the pages are redrawn. */
  showRegion(page: number, region: PageRegion, keep = false) {
    this.goToPage(page);
    const view = this.pageView(page);
    if (!view?.pdfPage) return;
    const [x0, y0, x1, y1] = view.pdfPage.view as [number, number, number, number];
    const toViewport = (fx: number, fy: number) => view.viewport.convertToViewportPoint(x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)) as [number, number];
    const [ax, ay] = toViewport(region.x, region.y);
    const [bx, by] = toViewport(region.x + region.width, region.y + region.height);
    const mark = document.createElement('div');
    mark.className = 'poe-region-mark';
    // Border-box: its outline lies on the region's edges (the viewer's subtree is content-box).
    Object.assign(mark.style, { boxSizing: 'border-box', left: `${Math.min(ax, bx)}px`, top: `${Math.min(ay, by)}px`, width: `${Math.abs(bx - ax)}px`, height: `${Math.abs(by - ay)}px` });
    view.div.querySelector('.canvasWrapper')?.parentElement?.appendChild(mark);
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (keep) mark.dataset.kept = 'true';
    else setTimeout(() => mark.remove(), 4000);
  }

  destroy() {
    document.removeEventListener('selectionchange', this.onSelectionChange);
    void this.l10n.destroy();
    this.resizeObserver.disconnect();
    this.listeners.clear();
    this.setDocument(null);
  }
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

function nameOf<K extends string>(modes: Record<K, number>, mode: number): K | undefined {
  return (Object.keys(modes) as K[]).find((k) => modes[k] === mode);
}

function parseScale(value: unknown): ScaleValue {
  if (value === 'auto' || value === 'page-fit' || value === 'page-width' || value === 'page-actual') return value;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 'auto';
}
