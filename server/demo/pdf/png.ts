// The one kind of PNG the demo ships (the glyph atlas): 8-bit greyscale. pngjs reads and writes it;
// this file only says which kind and turns pngjs's RGBA into one byte a pixel.
import { PNG } from 'pngjs';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black to 255 white, row by row. */
  pixels: Uint8Array;
}

export function decodeGrayPng(file: Uint8Array): GrayImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  } catch (error) {
    throw new Error(`not a PNG file the demo can read: ${(error as Error).message}`);
  }
  // pngjs hands every image back as RGBA; a greyscale one has R = G = B.
  const pixels = new Uint8Array(png.width * png.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = png.data[i * 4]!;
  return { width: png.width, height: png.height, pixels };
}

export function encodeGrayPng(image: GrayImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel: 9 });
}
