// The vector side of Surface: a pdf-lib page with the standard Helvetica faces (no embedded font
// files; text stays WinAnsi and extractable, which reviewers rely on to search a PoE).
import { LineCapStyle, type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { A4, type Color, FACES, type FaceName, type FontName, INK, type Point, type Surface } from './surface.js';

export type Fonts = Record<FontName, PDFFont>;

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, bold, oblique] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.HelveticaOblique),
  ]);
  return { regular, bold, oblique };
}

const toRgb = ([r, g, b]: Color) => rgb(r, g, b);

export class VectorSurface implements Surface {
  readonly width = A4.width;
  readonly height = A4.height;
  readonly page: PDFPage;

  constructor(
    doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }

  /**
   * The width text is drawn with. pdf-lib's widthOfTextAtSize applies kerning pairs, but drawText
   * does not kern: sum the characters' advances instead, or wrapped lines overrun their margin.
   */
  widthOf(text: string, face: FaceName): number {
    const { font, size } = FACES[face];
    let width = 0;
    for (const char of text) width += this.fonts[font].widthOfTextAtSize(char, size);
    return width;
  }

  text(text: string, x: number, y: number, face: FaceName, color: Color = INK): void {
    const { font, size } = FACES[face];
    this.page.drawText(text, { x, y, size, font: this.fonts[font], color: toRgb(color) });
  }

  /** Several lines in one call: much faster for long tables (the 300-page workbook). */
  column(lines: readonly string[], x: number, y: number, lineHeight: number, face: FaceName, color: Color = INK): void {
    const { font, size } = FACES[face];
    this.page.drawText(lines.join('\n'), { x, y, size, lineHeight, font: this.fonts[font], color: toRgb(color) });
  }

  rect(x: number, y: number, width: number, height: number, color: Color): void {
    this.page.drawRectangle({ x, y, width, height, color: toRgb(color) });
  }

  line(from: Point, to: Point, thickness: number, color: Color): void {
    this.page.drawLine({ start: { x: from[0], y: from[1] }, end: { x: to[0], y: to[1] }, thickness, color: toRgb(color) });
  }

  polygon(points: readonly Point[], color: Color): void {
    // drawSvgPath measures y downwards from its origin: flip around the page's top edge.
    const path = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(2)} ${(this.height - y).toFixed(2)}`).join(' ') + ' Z';
    this.page.drawSvgPath(path, { x: 0, y: this.height, color: toRgb(color) });
  }

  circle(center: Point, radius: number, color: Color): void {
    this.page.drawCircle({ x: center[0], y: center[1], size: radius, color: toRgb(color) });
  }

  ink(points: readonly Point[], thickness: number, color: Color): void {
    const path = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(2)} ${(this.height - y).toFixed(2)}`).join(' ');
    this.page.drawSvgPath(path, { x: 0, y: this.height, borderColor: toRgb(color), borderWidth: thickness, borderLineCap: LineCapStyle.Round });
  }
}
