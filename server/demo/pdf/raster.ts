// The raster side of Surface: a greyscale page "printed" at the scan resolution. Text is copied
// glyph by glyph from the glyph atlas; shapes and pen strokes are drawn with anti-aliased edges.
// Ink is opaque: each mark covers what is under it in proportion to its coverage of the pixel.
import type { GrayImage } from './png.js';
import type { GlyphAtlas } from './scan-glyphs.js';
import { A4, type Color, type FaceName, INK, type Point, type Surface } from './surface.js';

const grey = ([r, g, b]: Color) => Math.round(255 * (0.299 * r + 0.587 * g + 0.114 * b));

export class RasterSurface implements Surface {
  readonly width = A4.width;
  readonly height = A4.height;
  readonly image: GrayImage;
  private readonly scale: number;

  constructor(private readonly atlas: GlyphAtlas) {
    this.scale = atlas.layout.dpi / 72;
    const width = Math.round(A4.width * this.scale);
    const height = Math.round(A4.height * this.scale);
    this.image = { width, height, pixels: new Uint8Array(width * height).fill(255) };
  }

  widthOf(text: string, face: FaceName): number {
    const glyphs = this.atlas.layout.faces[face].glyphs;
    let advance = 0;
    for (const char of text) advance += this.glyph(glyphs, char)[3];
    return advance / this.scale;
  }

  text(text: string, x: number, y: number, face: FaceName, color: Color = INK): void {
    const { pad, baseline, cellHeight, glyphs } = this.atlas.layout.faces[face];
    const tone = grey(color);
    const atlas = this.atlas.image;
    let pen = x * this.scale;
    const top = Math.round((this.height - y) * this.scale) - baseline;
    for (const char of text) {
      const [cellX, cellY, cellWidth, advance] = this.glyph(glyphs, char);
      const left = Math.round(pen) - pad;
      for (let row = 0; row < cellHeight; row++) {
        for (let col = 0; col < cellWidth; col++) {
          const coverage = 1 - atlas.pixels[(cellY + row) * atlas.width + cellX + col]! / 255;
          if (coverage > 0) this.paint(left + col, top + row, coverage, tone);
        }
      }
      pen += advance;
    }
  }

  rect(x: number, y: number, width: number, height: number, color: Color): void {
    const [x0, y0] = this.toPixel([x, y + height]);
    const [x1, y1] = this.toPixel([x + width, y]);
    const tone = grey(color);
    for (let py = Math.floor(y0); py < Math.ceil(y1); py++) {
      const cy = Math.min(py + 1, y1) - Math.max(py, y0);
      for (let px = Math.floor(x0); px < Math.ceil(x1); px++) {
        const cx = Math.min(px + 1, x1) - Math.max(px, x0);
        this.paint(px, py, cx * cy, tone);
      }
    }
  }

  line(from: Point, to: Point, thickness: number, color: Color): void {
    this.ink([from, to], thickness, color);
  }

  polygon(points: readonly Point[], color: Color): void {
    const pixels = points.map((p) => this.toPixel(p));
    const inside = (px: number, py: number) => {
      let odd = false;
      for (let i = 0, j = pixels.length - 1; i < pixels.length; j = i++) {
        const [xi, yi] = pixels[i]!;
        const [xj, yj] = pixels[j]!;
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) odd = !odd;
      }
      return odd;
    };
    this.fill(pixels, color, (px, py) => {
      // 4 x 4 samples per pixel: smooth edges on the slanted sides of logos.
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4)) hits++;
      return hits / 16;
    });
  }

  circle(center: Point, radius: number, color: Color): void {
    const [cx, cy] = this.toPixel(center);
    const r = radius * this.scale;
    this.fill(
      [
        [cx - r, cy - r],
        [cx + r, cy + r],
      ],
      color,
      (px, py) => clamp01(r - Math.hypot(px + 0.5 - cx, py + 0.5 - cy) + 0.5),
    );
  }

  ink(points: readonly Point[], thickness: number, color: Color): void {
    const pixels = points.map((p) => this.toPixel(p));
    const half = (thickness * this.scale) / 2;
    const x0 = Math.floor(Math.min(...pixels.map((p) => p[0])) - half - 1);
    const y0 = Math.floor(Math.min(...pixels.map((p) => p[1])) - half - 1);
    const w = Math.ceil(Math.max(...pixels.map((p) => p[0])) + half + 1) - x0 + 1;
    const h = Math.ceil(Math.max(...pixels.map((p) => p[1])) + half + 1) - y0 + 1;
    // Coverage of the whole stroke is the max over its segments, so joins do not double the ink.
    const coverage = new Float32Array(w * h);
    for (let i = 0; i < pixels.length; i++) {
      const a = pixels[i]!;
      const b = pixels[Math.min(i + 1, pixels.length - 1)]!;
      for (let py = Math.floor(Math.min(a[1], b[1]) - half - 1); py <= Math.ceil(Math.max(a[1], b[1]) + half + 1); py++) {
        for (let px = Math.floor(Math.min(a[0], b[0]) - half - 1); px <= Math.ceil(Math.max(a[0], b[0]) + half + 1); px++) {
          const c = clamp01(half - distanceToSegment(px + 0.5, py + 0.5, a, b) + 0.5);
          const k = (py - y0) * w + (px - x0);
          if (c > coverage[k]!) coverage[k] = c;
        }
      }
    }
    const tone = grey(color);
    for (let k = 0; k < coverage.length; k++) if (coverage[k]! > 0) this.paint(x0 + (k % w), y0 + Math.floor(k / w), coverage[k]!, tone);
  }

  private glyph(glyphs: Record<string, [number, number, number, number]>, char: string): [number, number, number, number] {
    const glyph = glyphs[char];
    if (!glyph) throw new Error(`the scan glyph atlas has no ${JSON.stringify(char)}: scanned pages are printable ASCII only`);
    return glyph;
  }

  private toPixel([x, y]: Point): [number, number] {
    return [x * this.scale, (this.height - y) * this.scale];
  }

  /** Applies `coverage(px, py)` (0..1) over the bounding box of `pixels`, grown by `margin`. */
  private fill(pixels: readonly (readonly [number, number])[], color: Color, coverage: (px: number, py: number) => number, margin = 1): void {
    const tone = grey(color);
    const xs = pixels.map((p) => p[0]);
    const ys = pixels.map((p) => p[1]);
    for (let py = Math.floor(Math.min(...ys) - margin); py <= Math.ceil(Math.max(...ys) + margin); py++) {
      for (let px = Math.floor(Math.min(...xs) - margin); px <= Math.ceil(Math.max(...xs) + margin); px++) {
        const c = coverage(px, py);
        if (c > 0) this.paint(px, py, c, tone);
      }
    }
  }

  private paint(px: number, py: number, coverage: number, tone: number): void {
    if (px < 0 || py < 0 || px >= this.image.width || py >= this.image.height) return;
    const i = py * this.image.width + px;
    this.image.pixels[i] = Math.round(this.image.pixels[i]! + (tone - this.image.pixels[i]!) * coverage);
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : clamp01(((px - ax) * dx + (py - ay) * dy) / length2);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
