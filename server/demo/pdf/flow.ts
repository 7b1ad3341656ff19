// A small top-to-bottom layout on Surfaces: headings, wrapped paragraphs, bullet lists and label /
// value tables, starting a new page when the current one is full. Business letters need no more.
import { type Color, FACES, type FaceName, INK, MUTED, RULE, SHADE, type Surface } from './surface.js';

export interface Margins {
  left: number;
  right: number;
  /** Where content starts below the page header (first page). */
  top: number;
  /** Where it starts on the following pages, which carry a slimmer header. */
  continuationTop?: number;
  /** Where content must end above the page footer. */
  bottom: number;
}

export const lineHeightOf = (face: FaceName) => FACES[face].size * 1.38;

/** Greedy word wrap by measured width; a single word wider than the line stays whole. */
export function wrap(surface: Surface, text: string, face: FaceName, width: number): string[] {
  const space = surface.widthOf(' ', face);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wordWidth = surface.widthOf(word, face);
    if (line && lineWidth + space + wordWidth > width) {
      lines.push(line);
      line = word;
      lineWidth = wordWidth;
    } else {
      lineWidth += line ? space + wordWidth : wordWidth;
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export class Flow {
  readonly pages: Surface[] = [];
  y = 0;

  constructor(
    private readonly newPage: () => Surface,
    readonly margins: Margins,
  ) {
    this.addPage();
  }

  get surface(): Surface {
    return this.pages[this.pages.length - 1]!;
  }
  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.surface.width - this.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }

  addPage(): void {
    this.pages.push(this.newPage());
    this.y = this.surface.height - (this.pages.length === 1 ? this.margins.top : (this.margins.continuationTop ?? this.margins.top));
  }

  /** Makes sure `height` points fit on this page; otherwise continues on a new one. */
  need(height: number): void {
    if (this.y - height < this.margins.bottom) this.addPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  heading(text: string, face: FaceName = 'heading'): void {
    this.need(lineHeightOf(face) + 3 * lineHeightOf('body'));
    this.space(lineHeightOf(face) * 0.4);
    this.y -= FACES[face].size;
    this.surface.text(text, this.left, this.y, face);
    this.y -= lineHeightOf(face) - FACES[face].size + 3;
  }

  paragraph(text: string, opts: { face?: FaceName; color?: Color; indent?: number; after?: number } = {}): void {
    const face = opts.face ?? 'body';
    const indent = opts.indent ?? 0;
    const lines = wrap(this.surface, text, face, this.width - indent);
    for (const line of lines) this.line(line, face, opts.color ?? INK, indent);
    this.space(opts.after ?? lineHeightOf(face) * 0.55);
  }

  /** One line of text at the current position, moving down by a line. */
  line(text: string, face: FaceName = 'body', color: Color = INK, indent = 0): void {
    this.need(lineHeightOf(face));
    this.y -= lineHeightOf(face);
    this.surface.text(text, this.left + indent, this.y + (lineHeightOf(face) - FACES[face].size) / 2, face, color);
  }

  bullets(items: readonly string[], face: FaceName = 'body'): void {
    for (const item of items) {
      const lines = wrap(this.surface, item, face, this.width - 14);
      this.need(lineHeightOf(face) * Math.min(lines.length, 2));
      lines.forEach((line, i) => {
        if (i === 0) {
          this.need(lineHeightOf(face));
          this.surface.text('\u2022', this.left + 3, this.y - lineHeightOf(face) + (lineHeightOf(face) - FACES[face].size) / 2, face, MUTED);
        }
        this.line(line, face, INK, 14);
      });
      this.space(2);
    }
    this.space(lineHeightOf(face) * 0.4);
  }

  /** A shaded two-column table of facts (customer, tenant, products, period...). */
  facts(rows: readonly (readonly [string, string])[], labelWidth = 150): void {
    const pad = 5;
    const valueWidth = this.width - labelWidth - 2 * pad;
    for (const [label, value] of rows) {
      const lines = wrap(this.surface, value, 'body', valueWidth);
      const height = lines.length * lineHeightOf('body') + 2 * pad - 2;
      this.need(height);
      const top = this.y;
      this.surface.rect(this.left, top - height, labelWidth, height, SHADE);
      this.surface.line([this.left, top - height], [this.right, top - height], 0.5, RULE);
      this.surface.text(label, this.left + pad, top - pad - FACES.smallBold.size - 1, 'smallBold', MUTED);
      lines.forEach((line, i) => this.surface.text(line, this.left + labelWidth + pad, top - pad - FACES.body.size - i * lineHeightOf('body'), 'body'));
      this.y = top - height;
    }
    this.space(10);
  }
}
