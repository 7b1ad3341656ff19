// The "password-protected file" defect: a proof of execution the partner encrypted with an open
// password and forgot to share. pdf-lib cannot encrypt; its maintained fork @cantoo/pdf-lib can.
//
// Demo data must be reproducible byte for byte, and encryption draws random bytes. With RC4-128 the
// only random draw is the file identifier, taken synchronously inside encrypt(); AES would also
// draw a fresh IV per object while saving. So: RC4-128 (the cipher of many older office tools),
// and for the duration of that one synchronous call the random source yields seeded bytes.
import { PDFDocument } from '@cantoo/pdf-lib';
import { Random } from '../random.js';

export async function protectWithPassword(bytes: Uint8Array, opts: { userPassword: string; ownerPassword: string; seed: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  withSeededRandomBytes(opts.seed, () =>
    doc.encrypt({
      userPassword: opts.userPassword,
      ownerPassword: opts.ownerPassword,
      permissions: { printing: 'highResolution', copying: false, modifying: false },
      algorithm: 'RC4-128',
      allowWeakCryptography: true,
    }),
  );
  return doc.save({ objectsPerTick: Infinity });
}

/** Runs a synchronous `fn` with crypto.getRandomValues drawing from a seeded stream. */
function withSeededRandomBytes(seed: number, fn: () => void): void {
  const random = new Random(seed);
  const crypto = globalThis.crypto;
  const original = crypto.getRandomValues;
  crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
    if (array) {
      const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < view.length; i++) view[i] = random.uint32() & 0xff;
    }
    return array;
  }) as typeof crypto.getRandomValues;
  try {
    fn();
  } finally {
    crypto.getRandomValues = original;
  }
}
