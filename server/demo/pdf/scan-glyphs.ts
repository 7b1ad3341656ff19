// The glyph atlas for scanned pages: images of every printable ASCII character in every face of
// FACES, rendered once by scan-glyphs-build.ts at the scan resolution and shipped in assets/demo.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeGrayPng, type GrayImage } from './png.js';
import type { FaceName } from './surface.js';

/** Scanner resolution: what an office multifunction printer uses for documents. */
export const SCAN_DPI = 150;

export const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

export const GLYPH_ATLAS_FILES = {
  png: fileURLToPath(new URL('../../../assets/demo/scan-glyphs.png', import.meta.url)),
  layout: fileURLToPath(new URL('../../../assets/demo/scan-glyphs.json', import.meta.url)),
};

export interface GlyphAtlasLayout {
  dpi: number;
  faces: Record<
    FaceName,
    {
      /** Blank pixels left of the pen position in each cell (room for overhangs and slant). */
      pad: number;
      cellHeight: number;
      /** Baseline, in pixels from the top of a cell. */
      baseline: number;
      /** Per character: cell x, cell y, cell width (pixels) and advance (fractional pixels). */
      glyphs: Record<string, [number, number, number, number]>;
    }
  >;
}

export interface GlyphAtlas {
  layout: GlyphAtlasLayout;
  image: GrayImage;
}

let cached: GlyphAtlas | undefined;

export function loadGlyphAtlas(): GlyphAtlas {
  if (!cached) {
    const layout = JSON.parse(readFileSync(GLYPH_ATLAS_FILES.layout, 'utf8')) as GlyphAtlasLayout;
    if (layout.dpi !== SCAN_DPI) throw new Error(`the glyph atlas is for ${layout.dpi} dpi, scans use ${SCAN_DPI}: run server/demo/pdf/scan-glyphs-build.ts`);
    cached = { layout, image: decodeGrayPng(readFileSync(GLYPH_ATLAS_FILES.png)) };
  }
  return cached;
}
