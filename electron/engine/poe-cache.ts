// The PoE cache: documents content-addressed by SHA-256 in one directory, downloaded to a temp file
// while hashing, kept only when hash and size match, then renamed into place (so a file under its
// hash is always complete and verified). Bounded by size, least recently used out first, but never
// a document the reviewer still needs offline (a pinned one: of an assigned open claim).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { Sha256 } from '../../shared/domain/model.js';
import { fsyncDir, removeStaleTemps } from './durable-fs.js';
import { DamagedFileError, DurableJsonFile } from './durable-json-file.js';

const INDEX = 'lru.json';
const LruDoc = z.strictObject({ format: z.literal(1), lastUsed: z.record(z.string(), z.number()) });

export class DocumentMismatchError extends Error {
  constructor(sha256: string, what: string) {
    super(`The downloaded PoE ${sha256.slice(0, 12)}… does not match its ${what}; it was not kept. It will be downloaded again.`);
    this.name = 'DocumentMismatchError';
  }
}

export class PoeCache {
  private pinned = new Set<string>();
  /** Copies whose bytes were hashed in this run (downloaded, or checked at first use). */
  private readonly verified = new Set<string>();
  private indexDirty = false;
  private flushTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly dir: string,
    private maxBytes: number,
    private readonly files: Map<string, { size: number; lastUsed: number }>,
    private readonly index: DurableJsonFile<z.infer<typeof LruDoc>>,
  ) {}

  static async open(dir: string, maxBytes: number): Promise<PoeCache> {
    await mkdir(dir, { recursive: true });
    const names = await readdir(dir);
    await removeStaleTemps(dir, names);
    const index = new DurableJsonFile(path.join(dir, INDEX), LruDoc);
    // The LRU order is a hint: a damaged index costs only the order, rebuilt from file times.
    const lastUsed = await index.read().catch((error: unknown) => {
      if (error instanceof DamagedFileError) return null;
      throw error;
    });
    const files = new Map<string, { size: number; lastUsed: number }>();
    for (const name of names) {
      if (!Sha256.safeParse(name).success) continue;
      const info = await stat(path.join(dir, name));
      files.set(name, { size: info.size, lastUsed: lastUsed?.lastUsed[name] ?? info.mtimeMs });
    }
    return new PoeCache(dir, maxBytes, files, index);
  }

  get bytes(): number {
    let total = 0;
    for (const f of this.files.values()) total += f.size;
    return total;
  }

  get count(): number {
    return this.files.size;
  }

  has(sha256: string): boolean {
    return this.files.has(sha256);
  }

  /** Marks a document as just used (the viewer opened it). */
  touch(sha256: string): void {
    const entry = this.files.get(sha256);
    if (!entry) return;
    entry.lastUsed = Date.now();
    this.scheduleIndexWrite();
  }

  /**
   * Whether the copy here still is the document its name says: hashed at its first use in a run (a
   * disk error, a restored backup or a hand edit can change a file after its download). A copy
   * that does not match is removed, so that it is downloaded again; false then, and when absent.
   */
  async verify(sha256: string): Promise<boolean> {
    if (!this.files.has(sha256)) return false;
    if (this.verified.has(sha256)) return true;
    const file = path.join(this.dir, sha256);
    const hash = createHash('sha256');
    const readable = await pipeline(createReadStream(file), hash).then(
      () => true,
      () => false,
    );
    if (readable && hash.digest('hex') === sha256) {
      this.verified.add(sha256);
      return true;
    }
    await rm(file, { force: true });
    this.files.delete(sha256);
    this.scheduleIndexWrite();
    return false;
  }

  /** The documents that must stay (of assigned open claims); evicts what the new bound allows. */
  async setPinned(shas: Iterable<string>): Promise<void> {
    this.pinned = new Set(shas);
    await this.evict();
  }

  async setMaxBytes(maxBytes: number): Promise<void> {
    this.maxBytes = maxBytes;
    await this.evict();
  }

  /** Stores a download after checking its size and hash; a mismatch keeps nothing and throws. */
  async store(sha256: string, expectedSize: number, body: ReadableStream<Uint8Array>): Promise<void> {
    if (this.files.has(sha256)) return;
    const temp = path.join(this.dir, `.${sha256}.${process.pid}.${Date.now()}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        // Stop early when the server sends more than the document's size.
        done(size > expectedSize ? new DocumentMismatchError(sha256, 'size') : null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), hashing, createWriteStream(temp, { mode: 0o600 }));
      if (size !== expectedSize) throw new DocumentMismatchError(sha256, 'size');
      if (hash.digest('hex') !== sha256) throw new DocumentMismatchError(sha256, 'SHA-256');
      const handle = await open(temp, 'r');
      await handle.sync();
      await handle.close();
      await rename(temp, path.join(this.dir, sha256));
      await fsyncDir(this.dir);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.files.set(sha256, { size, lastUsed: Date.now() });
    this.verified.add(sha256);
    this.scheduleIndexWrite();
    await this.evict();
  }

  /** Least recently used first, never a pinned document; stops at the bound. */
  private async evict(): Promise<void> {
    let total = this.bytes;
    if (total <= this.maxBytes) return;
    const candidates = [...this.files].filter(([sha]) => !this.pinned.has(sha)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [sha, entry] of candidates) {
      if (total <= this.maxBytes) break;
      await rm(path.join(this.dir, sha), { force: true });
      this.files.delete(sha);
      this.verified.delete(sha);
      total -= entry.size;
    }
    this.scheduleIndexWrite();
  }

  private scheduleIndexWrite(): void {
    this.indexDirty = true;
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush().catch(() => undefined);
    }, 2_000);
    this.flushTimer.unref();
  }

  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.indexDirty) return;
    this.indexDirty = false;
    await this.index.write({ format: 1, lastUsed: Object.fromEntries([...this.files].map(([sha, e]) => [sha, e.lastUsed])) });
  }
}
