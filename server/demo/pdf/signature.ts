// A handwritten-looking signature: two joined-up words (an initial and a surname), each a chain of
// letter strokes. A letter is one turn of a trochoid: depending on how far the pen swings back it
// draws an arch, a cusp or a loop, which is what cursive letters are made of. Ascenders, descenders,
// a slant and a closing underline make it read as a signature rather than a coil.
import type { Random } from '../random.js';
import type { Point } from './surface.js';

type Letter = 'capital' | 'small' | 'ascender' | 'descender';

function letterShape(random: Random, kind: Letter): { height: number; swing: number; width: number } {
  switch (kind) {
    case 'capital':
      return { height: 2 + random.next() * 0.6, swing: 0.22 + random.next() * 0.12, width: 1.3 };
    case 'ascender':
      return { height: 1.5 + random.next() * 0.4, swing: 0.2 + random.next() * 0.12, width: 0.7 + random.next() * 0.3 };
    case 'descender':
      return { height: -(1 + random.next() * 0.3), swing: 0.2 + random.next() * 0.1, width: 0.7 + random.next() * 0.3 };
    case 'small':
      return { height: 0.5 + random.next() * 0.3, swing: random.next() * 0.2, width: 0.6 + random.next() * 0.5 };
  }
}

function word(random: Random, letters: number, startX: number): Point[] {
  const points: Point[] = [];
  let x = startX;
  for (let i = 0; i < letters; i++) {
    const kind: Letter = i === 0 ? 'capital' : random.pick(['small', 'small', 'small', 'ascender', 'descender']);
    const { height, swing, width } = letterShape(random, kind);
    const steps = 14;
    for (let j = i === 0 ? 0 : 1; j <= steps; j++) {
      const t = (j / steps) * 2 * Math.PI;
      // Descender loops turn the other way, as a g or a y does.
      const back = (height < 0 ? -1 : 1) * swing * width * Math.sin(t) * 2;
      points.push([x + width * (j / steps) - back, (height * (1 - Math.cos(t))) / 2]);
    }
    x += width;
  }
  return points;
}

/** Pen strokes fitted into a box of at most `width` x `height` whose lower left corner is (x, y). */
export function signatureStrokes(random: Random, x: number, y: number, width: number, height: number): Point[][] {
  const slant = 0.3 + random.next() * 0.2;
  const first = word(random, random.int(1, 3), 0);
  const lastX = first[first.length - 1]![0] + 0.6 + random.next() * 0.5;
  const second = word(random, random.int(5, 8), lastX);
  const end = second[second.length - 1]!;
  const reach = end[0] - lastX;
  const underline: Point[] = Array.from({ length: 16 }, (_, i) => {
    const k = i / 15;
    return [end[0] - k * reach * (0.8 + 0.2 * random.next()), end[1] * (1 - k) - 0.45 - 0.3 * Math.sin(k * Math.PI)];
  });
  const strokes = [first, second, underline].map((stroke) => stroke.map(([u, v]): Point => [u + slant * v, v]));
  const all = strokes.flat();
  const minX = Math.min(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const scale = Math.min(width / (Math.max(...all.map((p) => p[0])) - minX), height / (Math.max(...all.map((p) => p[1])) - minY));
  return strokes.map((stroke) => stroke.map(([u, v]): Point => [x + (u - minX) * scale, y + (v - minY) * scale]));
}
