import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../server/demo/random.js';
import { decodeGrayPng, encodeGrayPng } from '../../../../server/demo/pdf/png.js';
import { RasterSurface } from '../../../../server/demo/pdf/raster.js';
import { loadGlyphAtlas, PRINTABLE } from '../../../../server/demo/pdf/scan-glyphs.js';
import { signatureStrokes } from '../../../../server/demo/pdf/signature.js';
import { FACES, type FaceName } from '../../../../server/demo/pdf/surface.js';
import { embedFonts, VectorSurface } from '../../../../server/demo/pdf/vector.js';

describe('greyscale PNG', () => {
  it('decodes what it encodes', () => {
    const random = new Random(1);
    const image = { width: 37, height: 11, pixels: Uint8Array.from({ length: 37 * 11 }, () => random.int(0, 255)) };
    expect(decodeGrayPng(encodeGrayPng(image))).toEqual(image);
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodeGrayPng(new TextEncoder().encode('%PDF-1.7'))).toThrow(/not a PNG/);
  });
});

describe('scanned page raster', () => {
  it('the glyph atlas has every printable character of every face', () => {
    const { layout } = loadGlyphAtlas();
    for (const face of Object.keys(FACES) as FaceName[]) expect(Object.keys(layout.faces[face].glyphs).sort()).toEqual([...PRINTABLE].sort());
  });

  it('measures text as the vector page does (same font metrics) and prints ink where the text is', async () => {
    const doc = await PDFDocument.create();
    const surface = new RasterSurface(loadGlyphAtlas());
    const vector = new VectorSurface(doc, await embedFonts(doc));
    for (const face of Object.keys(FACES) as FaceName[]) {
      expect(surface.widthOf('Proof of Execution', face)).toBeCloseTo(vector.widthOf('Proof of Execution', face), 6);
    }
    surface.text('Proof', 100, 700, 'body');
    const { width, pixels } = surface.image;
    const scale = 150 / 72;
    const row = Math.round((surface.height - 700 - 3) * scale);
    const inked = (x0: number, x1: number) => Array.from({ length: Math.round((x1 - x0) * scale) }, (_, i) => pixels[row * width + Math.round(x0 * scale) + i]!).some((v) => v < 128);
    expect(inked(100, 123)).toBe(true);
    expect(inked(130, 200)).toBe(false);
    expect(() => surface.text('\u010d', 100, 600, 'body')).toThrow(/printable ASCII/);
  });
});

describe('signatures', () => {
  it('fit their box and differ from one seed to the next', () => {
    const a = signatureStrokes(new Random(1), 10, 20, 150, 40);
    for (const [x, y] of a.flat()) {
      expect(x).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(x).toBeLessThanOrEqual(160 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(y).toBeLessThanOrEqual(60 + 1e-9);
    }
    expect(signatureStrokes(new Random(2), 10, 20, 150, 40)).not.toEqual(a);
    expect(signatureStrokes(new Random(1), 10, 20, 150, 40)).toEqual(a);
  });
});
