// A partner's letterhead: logo, name, tagline and address on the first page; a slim running header
// on the following pages; and a footer with the firm, the document reference and "Page n of N".
import type { LogoShape, PartnerProfile } from '../cast.js';
import type { Margins } from './flow.js';
import { type Color, MUTED, type Point, RULE, type Surface } from './surface.js';

/** What a letterhead shows: a partner's, or any other firm's (the furniture supplier's invoice). */
export type Letterhead = Pick<PartnerProfile, 'legalName' | 'tagline' | 'address' | 'web' | 'brand' | 'accent' | 'logo'>;

export const LETTER_MARGINS: Margins = { left: 56, right: 56, top: 118, continuationTop: 78, bottom: 64 };

const LOGO = 34;

/** Logos from a handful of filled shapes in a LOGO x LOGO box whose lower left corner is (x, y). */
function drawLogo(s: Surface, shape: LogoShape, x: number, y: number, brand: Color, accent: Color): void {
  const at = (px: number, py: number): Point => [x + (px / 100) * LOGO, y + (py / 100) * LOGO];
  switch (shape) {
    case 'facets':
      s.polygon([at(0, 0), at(30, 0), at(30, 100), at(0, 100)], brand);
      s.polygon([at(36, 100), at(100, 100), at(88, 70), at(36, 70)], brand);
      s.polygon([at(36, 62), at(80, 62), at(70, 36), at(36, 36)], accent);
      return;
    case 'compass':
      s.circle(at(50, 50), LOGO / 2, brand);
      s.polygon([at(50, 92), at(64, 44), at(50, 52), at(36, 44)], [1, 1, 1]);
      s.polygon([at(50, 8), at(60, 40), at(50, 36), at(40, 40)], accent);
      return;
    case 'shield':
      s.polygon([at(50, 100), at(95, 84), at(90, 40), at(50, 0), at(10, 40), at(5, 84)], brand);
      s.polygon([at(50, 84), at(78, 73), at(75, 44), at(50, 18)], accent);
      return;
    case 'hexagon': {
      const hex = Array.from({ length: 6 }, (_, i) => at(50 + 50 * Math.cos((Math.PI / 3) * i + Math.PI / 6), 50 + 50 * Math.sin((Math.PI / 3) * i + Math.PI / 6)));
      s.polygon(hex, brand);
      s.circle(at(50, 50), LOGO * 0.2, accent);
      return;
    }
    case 'chevrons':
      for (const [dx, color] of [[0, brand], [30, accent], [60, brand]] as const) {
        s.polygon([at(dx, 100), at(dx + 18, 100), at(dx + 40, 50), at(dx + 18, 0), at(dx, 0), at(dx + 22, 50)], color);
      }
      return;
  }
}

/** First page: logo, firm name, tagline, address block at the right and a band in the brand colour. */
export function drawLetterhead(s: Surface, partner: Letterhead): void {
  const top = s.height - 42;
  drawLogo(s, partner.logo, LETTER_MARGINS.left, top - LOGO, partner.brand, partner.accent);
  const textX = LETTER_MARGINS.left + LOGO + 12;
  s.text(partner.legalName, textX, top - 15, 'brand', partner.brand);
  s.text(partner.tagline, textX, top - 29, 'small', MUTED);
  const right = s.width - LETTER_MARGINS.right;
  [...partner.address, partner.web].forEach((line, i) => {
    s.text(line, right - s.widthOf(line, 'small'), top - 6 - i * 10, 'small', MUTED);
  });
  s.rect(LETTER_MARGINS.left, top - LOGO - 14, s.width - LETTER_MARGINS.left - LETTER_MARGINS.right, 2.2, partner.brand);
}

/** Pages after the first: the firm and the document title, over a hairline. */
export function drawRunningHeader(s: Surface, partner: Letterhead, title: string): void {
  const y = s.height - 50;
  s.text(partner.legalName, LETTER_MARGINS.left, y, 'smallBold', partner.brand);
  const right = s.width - LETTER_MARGINS.right;
  s.text(title, right - s.widthOf(title, 'small'), y, 'small', MUTED);
  s.line([LETTER_MARGINS.left, y - 7], [right, y - 7], 0.6, RULE);
}

export function drawFooter(s: Surface, partner: Letterhead, reference: string, page: number, pages: number): void {
  const y = 38;
  const right = s.width - LETTER_MARGINS.right;
  s.line([LETTER_MARGINS.left, y + 12], [right, y + 12], 0.6, RULE);
  s.text(`${partner.legalName}  |  ${partner.address.join(', ')}`, LETTER_MARGINS.left, y, 'small', MUTED);
  const where = `${reference}  |  Page ${page} of ${pages}`;
  s.text(where, right - s.widthOf(where, 'small'), y, 'small', MUTED);
}
