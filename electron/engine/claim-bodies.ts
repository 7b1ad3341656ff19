// The synced claims' bodies: one claims file per generation (claims-<gen>.jsonl), an append-only
// log of checksummed lines, one claim each, written as pull pages arrive and never rewritten in
// place. Summaries (snapshot.json, the journal) say where each claim's line lies, so opening the
// store reads no body, and a claim is read (one positioned read, checked against its checksum)
// when it is opened or decided on, then kept in a small cache. A line is not parsed with the Claim
// schema again when read: every claim was parsed with it before it was appended (a pull page where
// it arrives, in server-client.ts; a format-1 snapshot when it is opened), and the checksum proves
// the line is the one written. Parsing it again cost a decision on a claim not in the cache about
// 20 times its JSON.parse (a quarter of the decision's own work, 0.8-1.2 ms of it under load).
// So a change of the Claim schema that claims already stored do not meet comes with a new store
// format, read into a new claims file and resynced as format 1 is (migrateFormat1 in local-store.ts). When the dead lines
// (claims changed or gone since) outweigh the live ones, the live ones are copied to a new
// generation, written durably beside the old one, which goes once the snapshot points at the new.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { Claim } from '../../shared/domain/claim.js';
import { AppendLog, decodeWritten } from './append-log.js';
import { writeFileDurably } from './durable-fs.js';
import { DamagedFileError } from './durable-json-file.js';
import type { BodyRef } from './store-files.js';

/** Parsed claims kept after a read: the ones a reviewer has open and around it. */
const CACHED = 200;
/** Lines copied per write when a new generation is made. */
const COPY_BATCH = 256;

export const newBodiesName = () => `claims-${randomBytes(6).toString('hex')}.jsonl`;

export class ClaimBodies {
  private readonly cache = new Map<number, Claim>();
  private readFd: number | null = null;

  private constructor(
    readonly dir: string,
    readonly name: string,
    private readonly log: AppendLog<Claim>,
  ) {}

  static async open(dir: string, name: string): Promise<ClaimBodies> {
    return new ClaimBodies(dir, name, await AppendLog.open<Claim>(path.join(dir, name)));
  }

  get file(): string {
    return path.join(this.dir, this.name);
  }

  /** Bytes in the file, live and dead. */
  get bytes(): number {
    return this.log.bytes;
  }

  /** Appends the claims durably; where each one's line lies, in order. */
  async append(claims: readonly Claim[]): Promise<BodyRef[]> {
    if (claims.length === 0) return [];
    const at = await this.log.append(...claims);
    claims.forEach((claim, i) => this.remember(at[i]![0], claim));
    return at;
  }

  /** The claim whose line lies at `at`; a line that fails its checksum is a DamagedFileError. */
  read(at: BodyRef): Claim {
    const cached = this.cache.get(at[0]);
    if (cached) {
      this.remember(at[0], cached);
      return cached;
    }
    const decoded = decodeWritten(this.raw(at).toString('utf8').replace(/\n$/, ''));
    if (!decoded.ok) throw new DamagedFileError(this.file, `the claim at byte ${at[0]}: ${decoded.reason}`);
    const claim = decoded.value as Claim;
    this.remember(at[0], claim);
    return claim;
  }

  /**
   * Writes the lines at `live` to a new generation (durably, beside this one) and opens it; the
   * positions there, in the same order. This file stays until the caller removes it.
   */
  async copyTo(name: string, live: readonly BodyRef[]): Promise<{ bodies: ClaimBodies; at: BodyRef[] }> {
    const at: BodyRef[] = [];
    let offset = 0;
    const raw = (ref: BodyRef) => this.raw(ref);
    // Read a batch at a time as the new file is written: the live bodies are never all in memory.
    function* lines(): Generator<Uint8Array> {
      for (let i = 0; i < live.length; i += COPY_BATCH) {
        const batch = live.slice(i, i + COPY_BATCH).map(raw);
        for (const line of batch) {
          at.push([offset, line.length]);
          offset += line.length;
        }
        yield Buffer.concat(batch);
      }
    }
    await writeFileDurably(path.join(this.dir, name), lines());
    return { bodies: await ClaimBodies.open(this.dir, name), at };
  }

  async close(): Promise<void> {
    if (this.readFd !== null) closeSync(this.readFd);
    this.readFd = null;
    await this.log.close();
  }

  /** The line at `at`, as on disk. Synchronous: one small positioned read, and the engine has its own process. */
  private raw(at: BodyRef): Buffer {
    this.readFd ??= openSync(this.file, 'r');
    const buffer = Buffer.allocUnsafe(at[1]);
    const read = readSync(this.readFd, buffer, 0, at[1], at[0]);
    if (read !== at[1]) throw new DamagedFileError(this.file, `the claim at byte ${at[0]} is cut short`);
    return buffer;
  }

  private remember(offset: number, claim: Claim): void {
    this.cache.delete(offset);
    this.cache.set(offset, claim);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= CACHED) break;
      this.cache.delete(key);
    }
  }
}
