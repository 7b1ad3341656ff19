// What a demo document is drawn on. The same layout code draws a page as PDF vector text (real,
// searchable text) or into a grey raster (the "scanned" page with no text layer), so a scanned
// acknowledgement looks like a printed and signed copy of the vector one.
//
// Coordinates are PDF points, origin bottom left, A4 portrait.

export const A4 = { width: 595.28, height: 841.89 } as const;

export type FontName = 'regular' | 'bold' | 'oblique';
export interface Face {
  font: FontName;
  size: number;
}

/**
 * The type faces documents use. The raster side only has glyphs for these (see scan-glyphs.ts),
 * so layouts pick from this table rather than inventing sizes.
 */
export const FACES = {
  title: { font: 'bold', size: 19 },
  brand: { font: 'bold', size: 15 },
  heading: { font: 'bold', size: 11 },
  body: { font: 'regular', size: 9.5 },
  strong: { font: 'bold', size: 9.5 },
  note: { font: 'oblique', size: 8.5 },
  small: { font: 'regular', size: 7.5 },
  smallBold: { font: 'bold', size: 7.5 },
} as const satisfies Record<string, Face>;
export type FaceName = keyof typeof FACES;

/** An RGB colour, each channel 0..1. */
export type Color = readonly [number, number, number];

export const INK: Color = [0.13, 0.13, 0.15];
export const MUTED: Color = [0.4, 0.42, 0.45];
export const RULE: Color = [0.78, 0.8, 0.83];
export const SHADE: Color = [0.95, 0.96, 0.97];
/** Ballpoint blue, for signatures. */
export const PEN: Color = [0.11, 0.2, 0.55];

export type Point = readonly [number, number];

export interface Surface {
  readonly width: number;
  readonly height: number;
  widthOf(text: string, face: FaceName): number;
  text(text: string, x: number, y: number, face: FaceName, color?: Color): void;
  rect(x: number, y: number, width: number, height: number, color: Color): void;
  line(from: Point, to: Point, thickness: number, color: Color): void;
  /** A filled polygon (logos). */
  polygon(points: readonly Point[], color: Color): void;
  /** A filled circle (logos). */
  circle(center: Point, radius: number, color: Color): void;
  /** A pen stroke through these points, round caps (signatures). */
  ink(points: readonly Point[], thickness: number, color: Color): void;
}
