// lowdb's adapter for the engine's JSON files. lowdb's stock JSONFile rewrites in place without
// fsync; this one writes durably (temp file, fsync, rename, fsync the directory) and guards the
// content with a checksum header, so a damaged file is told apart from a valid one on read. Reads
// parse with the file's zod schema: what is on disk is input like any other.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileDurably } from './durable-fs.js';

/** A store file exists but cannot be trusted: torn, edited, or from an incompatible version. */
export class DamagedFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is damaged (${reason})`);
    this.name = 'DamagedFileError';
  }
}

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const newline = bytes.indexOf(10);
    if (newline < 0) throw new DamagedFileError(this.file, 'no header');
    let header: { sha256?: unknown };
    try {
      header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { sha256?: unknown };
    } catch {
      throw new DamagedFileError(this.file, 'unreadable header');
    }
    // The checksum is taken over the bytes as read: a large snapshot is decoded to text only once.
    const raw = bytes.subarray(newline + 1);
    if (typeof header.sha256 !== 'string' || header.sha256 !== sha256(raw)) throw new DamagedFileError(this.file, 'checksum mismatch');
    const body = raw.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new DamagedFileError(this.file, 'not JSON');
    }
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DamagedFileError(this.file, `unexpected content at ${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    const body = JSON.stringify(data);
    await writeFileDurably(this.file, [`${JSON.stringify({ sha256: sha256(body) })}\n`, body]);
  }
}
