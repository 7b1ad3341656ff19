// PoE bytes on disk, content-addressed by SHA-256 (issue 4, point 3): `dir/ab/cdef...` where `ab`
// are the first two hex digits. The same bytes are stored once however many claims cite them. A
// blob is written to a temporary file, flushed to disk and renamed into place, so a reader never
// sees half a file and a crash leaves at most a stray temporary file, never a wrong blob.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Sha256 } from '../../shared/domain/model.js';

export class BlobStore {
  constructor(private readonly dir: string) {}

  /** Stores the bytes (once: storing them again is a no-op) and says under which hash. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const size = bytes.byteLength;
    const target = this.pathOf(sha256);
    if ((await this.stat(sha256))?.size === size) return { sha256, size };
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      // Rename is atomic: two writers of the same blob both end with the same complete file.
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(folder);
    return { sha256, size };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.pathOf(sha256));
      return s.isFile() ? { size: s.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * A stream of the blob, or of the inclusive byte range `start..end` (as HTTP ranges count).
   * A missing blob surfaces as the stream's ENOENT error.
   */
  createReadStream(sha256: string, range?: { start: number; end: number }): NodeJS.ReadableStream {
    const file = this.pathOf(sha256);
    if (!range) return createReadStream(file);
    const { start, end } = range;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`invalid byte range ${start}-${end}: expected 0 <= start <= end`);
    }
    return createReadStream(file, { start, end });
  }

  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(sha256)));
  }

  /** Only a well-formed hash becomes a path: nothing a caller passes can reach outside `dir`. */
  private pathOf(sha256: string): string {
    if (!Sha256.safeParse(sha256).success) throw new TypeError(`not a SHA-256 (64 lowercase hex digits): ${JSON.stringify(sha256).slice(0, 80)}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2));
  }
}

/** Makes the rename itself durable. Some platforms (Windows) cannot open a directory: best effort there. */
async function syncDirectory(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // The data itself was fsynced before the rename; only the directory entry's durability is at stake.
  } finally {
    await handle?.close();
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}
