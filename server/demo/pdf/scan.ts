// The "image-only scanned page" defect: the customer printed the acknowledgement, signed it with a
// pen and scanned it. The PDF holds one greyscale image of that page and no text at all, so nothing
// in it can be searched or selected; the reviewer has to read it. The page is printed from the same
// layout as the vector documents (composePoe) through the glyph atlas, then given what a scanner
// adds: off-white paper, a slight skew, dust specks and a shadow along the edge.
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { Random } from '../random.js';
import { Flow } from './flow.js';
import { drawFooter, drawLetterhead, LETTER_MARGINS } from './letterhead.js';
import { composePoe, type PoeSpec, setMetadata } from './poe.js';
import type { GrayImage } from './png.js';
import { RasterSurface } from './raster.js';
import { loadGlyphAtlas } from './scan-glyphs.js';
import { A4 } from './surface.js';

/** Renders `spec` (a one-page acknowledgement) as a scanned, image-only PDF. */
export async function renderScannedPage(spec: PoeSpec): Promise<Uint8Array> {
  const atlas = loadGlyphAtlas();
  let page: RasterSurface | undefined;
  const flow = new Flow(() => {
    if (page) throw new Error('a scanned page is one sheet: this document does not fit on one page');
    page = new RasterSurface(atlas);
    drawLetterhead(page, spec.partner);
    return page;
  }, LETTER_MARGINS);
  composePoe(flow, spec);
  drawFooter(flow.surface, spec.partner, spec.reference, 1, 1);
  const random = new Random(spec.seed ^ 0x5ca9);
  const image = (flow.surface as RasterSurface).image;
  scannerLook(image, random);

  const doc = await PDFDocument.create({ updateMetadata: false });
  const pdfPage = doc.addPage([A4.width, A4.height]);
  const stream = doc.context.stream(deflateUpFiltered(image), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: image.width },
  });
  const name = pdfPage.node.newXObject('Scan', doc.context.register(stream));
  // The sheet lay a little crooked on the glass: rotate the image by under a degree about the centre.
  const angle = ((random.next() - 0.5) * 1.4 * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [A4.width / 2, A4.height / 2];
  pdfPage.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy),
    concatTransformationMatrix(A4.width, 0, 0, A4.height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  setMetadata(doc, { letterhead: spec.partner, title: 'Scan', reference: spec.reference, subject: spec.customer.name, producedAt: spec.producedAt });
  doc.setCreator('PoE Desk demo data (scanned page)');
  return doc.save({ objectsPerTick: Infinity });
}

/** Off-white paper, a darker band along one edge, and specks of dust: what a flatbed adds. */
function scannerLook(image: GrayImage, random: Random): void {
  const { width, height, pixels } = image;
  const shadow = Math.round(width * 0.012);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const edge = x < shadow ? 0.82 + (0.18 * x) / shadow : 1;
      pixels[y * width + x] = Math.round(pixels[y * width + x]! * 0.965 * edge);
    }
  }
  for (let n = random.int(150, 300); n > 0; n--) {
    const x = random.int(0, width - 3);
    const y = random.int(0, height - 3);
    const size = random.chance(0.85) ? 1 : 2;
    const tone = random.int(60, 170);
    for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) pixels[(y + dy) * width + x + dx] = Math.min(pixels[(y + dy) * width + x + dx]!, tone);
  }
}

/**
 * The pixels with the PNG "up" filter on every row, deflated: the image stream's FlateDecode with
 * PNG predictors. Pages of text compress far better so.
 */
function deflateUpFiltered(image: GrayImage): Buffer {
  const raw = Buffer.alloc(image.height * (image.width + 1));
  for (let y = 0; y < image.height; y++) {
    raw[y * (image.width + 1)] = 2;
    for (let x = 0; x < image.width; x++) {
      const above = y > 0 ? image.pixels[(y - 1) * image.width + x]! : 0;
      raw[y * (image.width + 1) + 1 + x] = (image.pixels[y * image.width + x]! - above) & 0xff;
    }
  }
  return deflateSync(raw, { level: 9 });
}
