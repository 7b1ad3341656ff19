// The vector side of Surface: a pdf-lib page with the standard Helvetica faces (no embedded font
// files; text stays WinAnsi and extractable, which reviewers rely on to search a PoE).
import {
  closePath,
  fill,
  LineCapStyle,
  LineJoinStyle,
  lineTo,
  moveTo,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  StandardFonts,
  stroke,
} from 'pdf-lib';
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

/** Advance widths per face and character: the standard fonts' metrics never change, so measure each once. */
const ADVANCES = new Map<FaceName, Map<string, number>>();

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
    let widths = ADVANCES.get(face);
    if (!widths) ADVANCES.set(face, (widths = new Map()));
    let width = 0;
    for (const char of text) {
      let advance = widths.get(char);
      if (advance === undefined) {
        advance = this.fonts[FACES[face].font].widthOfTextAtSize(char, FACES[face].size);
        widths.set(char, advance);
      }
      width += advance;
    }
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

  // Paths go straight to path operators: pdf-lib's drawSvgPath would parse an SVG string per shape,
  // which for signatures of a few hundred points is most of a document's drawing time.
  polygon(points: readonly Point[], color: Color): void {
    this.page.pushOperators(pushGraphicsState(), setFillingRgbColor(...color), ...path(points), closePath(), fill(), popGraphicsState());
  }

  circle(center: Point, radius: number, color: Color): void {
    this.page.drawCircle({ x: center[0], y: center[1], size: radius, color: toRgb(color) });
  }

  ink(points: readonly Point[], thickness: number, color: Color): void {
    this.page.pushOperators(
      pushGraphicsState(),
      setStrokingRgbColor(...color),
      setLineWidth(thickness),
      setLineCap(LineCapStyle.Round),
      setLineJoin(LineJoinStyle.Round),
      ...path(points),
      stroke(),
      popGraphicsState(),
    );
  }
}

/** Coordinates rounded to 1/100 pt: plenty for print, and short content streams. */
function path(points: readonly Point[]) {
  const r = (v: number) => Math.round(v * 100) / 100;
  return points.map(([x, y], i) => (i === 0 ? moveTo(r(x), r(y)) : lineTo(r(x), r(y))));
}
