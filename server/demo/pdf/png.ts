// The one kind of PNG the demo ships (the glyph atlas): 8-bit greyscale, not interlaced. The
// decoder refuses anything else rather than misread it. node:zlib does the (de)compression.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black to 255 white, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodeGrayPng(file: Uint8Array): GrayImage {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || colorType !== 0 || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colorType}, interlace ${interlace} (expected 8-bit greyscale, not interlaced)`);
      }
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]!;
    const row = raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1));
    const out = pixels.subarray(y * width, (y + 1) * width);
    const up = y > 0 ? pixels.subarray((y - 1) * width, y * width) : new Uint8Array(width);
    for (let x = 0; x < width; x++) {
      const a = x > 0 ? out[x - 1]! : 0;
      const b = up[x]!;
      const c = x > 0 ? up[x - 1]! : 0;
      out[x] = (row[x]! + unfilter(filter, a, b, c)) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** The predictor PNG filter `filter` subtracted from each byte (a: left, b: above, c: above left). */
function unfilter(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`corrupt PNG: unknown row filter ${filter}`);
  }
}

export function encodeGrayPng(image: GrayImage): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateUpFiltered(image)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The pixels with the PNG "up" filter on every row, deflated. Pages of text compress far better so;
 * PDF image streams take the same data (FlateDecode with PNG predictors).
 */
export function deflateUpFiltered(image: GrayImage): Buffer {
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

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}
