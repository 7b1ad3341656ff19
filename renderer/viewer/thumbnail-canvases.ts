// The drawn page thumbnails of one document: a few canvases, not one per page passed. Scrolling a
// 1,000-page PoE with the sidebar open drew a thumbnail for every page and kept them (issue 18.7:
// 1.71x the memory after page 1, 1.10x with the sidebar closed). Past KEPT, the canvas farthest from
// the page just drawn gives its pixels back at once (zero size, as pdf.js does with the canvases it
// lets go) and is drawn again if its page comes back into view.
import type { PDFDocumentProxy } from './pdfjs.js';

/** The sidebar shows four or five thumbnails; twice that spares a redraw when scrolling back a little. */
export const KEPT = 12;

interface Drawn {
  rotation: number;
  canvas: HTMLCanvasElement;
}

export class ThumbnailCanvases {
  private readonly drawn = new Map<number, Drawn>();
  private readonly listeners = new Set<() => void>();
  private cleared = false;
  /** Moves on with each drawing, for React to read the store again. */
  version = 0;

  constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly width: number,
  ) {}

  /** The page's canvas drawn at this rotation, or null until it is. */
  get(page: number, rotation: number): HTMLCanvasElement | null {
    const drawn = this.drawn.get(page);
    return drawn?.rotation === rotation ? drawn.canvas : null;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Draw the page (at twice the thumbnail's width, for sharp pixels on a HiDPI screen). */
  async draw(page: number, rotation: number): Promise<void> {
    const p = await this.doc.getPage(page);
    const turn = (p.rotate + rotation) % 360;
    const base = p.getViewport({ scale: 1, rotation: turn });
    const viewport = p.getViewport({ scale: (this.width * 2) / base.width, rotation: turn });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    canvas.dataset.rotation = String(rotation);
    await p.render({ canvas, viewport }).promise;
    if (this.cleared) return release(canvas);
    release(this.drawn.get(page)?.canvas);
    this.drawn.set(page, { rotation, canvas });
    while (this.drawn.size > KEPT) {
      const farthest = [...this.drawn.keys()].reduce((a, b) => (Math.abs(b - page) > Math.abs(a - page) ? b : a));
      release(this.drawn.get(farthest)!.canvas);
      this.drawn.delete(farthest);
    }
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Every canvas gives its pixels back (the sidebar closed or another document shown). */
  clear() {
    this.cleared = true;
    for (const { canvas } of this.drawn.values()) release(canvas);
    this.drawn.clear();
  }
}

function release(canvas: HTMLCanvasElement | undefined) {
  if (!canvas) return;
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}
