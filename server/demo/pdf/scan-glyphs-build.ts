// Developer tool, run once when FACES or SCAN_DPI change:
//   npx tsx server/demo/pdf/scan-glyphs-build.ts
// It needs poppler's pdftoppm and a Helvetica-metric font for it to render with (Debian:
// apt-get install poppler-utils fonts-urw-base35, which provides Nimbus Sans).
// It draws every printable ASCII character in every face of FACES with pdf-lib, renders the page
// with pdftoppm at the scan resolution and writes the result to assets/demo/scan-glyphs.png with
// the position of each glyph in assets/demo/scan-glyphs.json. The demo data then "prints" a page
// by copying these glyph images (scan.ts), so a scanned page needs no native rendering at run time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { encodeGrayPng, type GrayImage } from './png.js';
import { GLYPH_ATLAS_FILES, type GlyphAtlasLayout, PRINTABLE, SCAN_DPI } from './scan-glyphs.js';
import { FACES, type FaceName } from './surface.js';
import { embedFonts } from './vector.js';

const ATLAS_WIDTH = 1800;
const px = (pt: number) => (pt * SCAN_DPI) / 72;
const pt = (pixels: number) => (pixels * 72) / SCAN_DPI;

async function build(): Promise<void> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const layout: GlyphAtlasLayout = { dpi: SCAN_DPI, faces: {} as GlyphAtlasLayout['faces'] };
  const placements: { face: FaceName; char: string; x: number; y: number }[] = [];
  let cursorY = 0;
  for (const face of Object.keys(FACES) as FaceName[]) {
    const { font, size } = FACES[face];
    const sizePx = px(size);
    const pad = Math.ceil(sizePx * 0.3);
    const cellHeight = Math.ceil(sizePx * 1.4) + 2 * pad;
    const baseline = pad + Math.ceil(sizePx * 1.05);
    const glyphs: Record<string, [number, number, number, number]> = {};
    let cursorX = 0;
    for (const char of PRINTABLE) {
      const advance = px(fonts[font].widthOfTextAtSize(char, size));
      const width = Math.ceil(advance) + 2 * pad;
      if (cursorX + width > ATLAS_WIDTH) {
        cursorX = 0;
        cursorY += cellHeight;
      }
      glyphs[char] = [cursorX, cursorY, width, advance];
      placements.push({ face, char, x: cursorX + pad, y: cursorY + baseline });
      cursorX += width;
    }
    layout.faces[face] = { pad, cellHeight, baseline, glyphs };
    cursorY += cellHeight;
  }
  const page = doc.addPage([pt(ATLAS_WIDTH), pt(cursorY)]);
  for (const { face, char, x, y } of placements) {
    const { font, size } = FACES[face];
    page.drawText(char, { x: pt(x), y: pt(cursorY - y), size, font: fonts[font], color: rgb(0, 0, 0) });
  }
  const work = mkdtempSync(path.join(tmpdir(), 'scan-glyphs-'));
  try {
    writeFileSync(path.join(work, 'atlas.pdf'), await doc.save());
    // pdftoppm writes RGB PNGs even with -gray; its greyscale PGM is what we re-encode.
    execFileSync('pdftoppm', ['-gray', '-r', String(SCAN_DPI), '-singlefile', path.join(work, 'atlas.pdf'), path.join(work, 'atlas')]);
    writeFileSync(GLYPH_ATLAS_FILES.png, encodeGrayPng(readPgm(readFileSync(path.join(work, 'atlas.pgm')))));
    writeFileSync(GLYPH_ATLAS_FILES.layout, `${JSON.stringify(layout)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`wrote ${GLYPH_ATLAS_FILES.png} (${ATLAS_WIDTH}x${cursorY}) and ${GLYPH_ATLAS_FILES.layout}`);
}

/** Binary PGM ("P5"), as pdftoppm writes it: a text header, then one byte per pixel. */
function readPgm(file: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.toString('latin1', 0, 64));
  if (!header) throw new Error('pdftoppm did not write an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(file.subarray(header[0].length, header[0].length + width * height)) };
}

await build();
