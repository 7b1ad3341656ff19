// The audit chain's anchor: after every commit that appended events, the chain's head (sequence and
// hash) is appended to a file outside the database and fsynced. Someone who can change the
// database but not that file cannot cut the chain's tail and roll its head back unnoticed: the
// anchored head must still be in the chain (`npm run audit:verify`). Demo seeding replaces the
// whole chain and says so in the file (a reset line); only what follows the last reset counts.
import { AsyncLocalStorage } from 'node:async_hooks';
import { open, type FileHandle } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { readTextOrNull } from '../../platform/read-text-or-null.js';
import type { Db, Store } from '../db/connect.js';
import { auditHead } from '../db/schema.js';

const AnchorLine = z.union([
  z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() }),
  z.strictObject({ reset: z.literal(true), at: z.string() }),
]);

export interface AnchorPoint {
  seq: number;
  hash: string;
}

/** What one transaction appended to the chain, written to the anchor once it commits. */
interface Pending {
  reset: boolean;
  head: AnchorPoint | null;
}

const pending = new AsyncLocalStorage<Pending>();

/** Called where events are appended, inside their transaction: the head they leave. */
export function noteAppended(point: AnchorPoint): void {
  const p = pending.getStore();
  if (p && (!p.head || point.seq > p.head.seq)) p.head = point;
}

/** Called where the whole chain is replaced (demo seeding), inside its transaction. */
export function noteChainReset(): void {
  const p = pending.getStore();
  if (p) {
    p.reset = true;
    p.head = null;
  }
}

export class AuditAnchor {
  private handle: Promise<FileHandle> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Appends lines and fsyncs them; appends are serialised, each line whole (O_APPEND). */
  append(entries: readonly z.infer<typeof AnchorLine>[]): Promise<void> {
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    const write = this.queue.then(async () => {
      this.handle ??= open(this.file, 'a', 0o600);
      const handle = await this.handle;
      await handle.appendFile(text);
      await handle.datasync();
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  /**
   * The highest head anchored since the last reset; null when nothing is anchored (no file, an
   * empty one, or a reset with no commit after it).
   */
  async latest(): Promise<AnchorPoint | null> {
    const text = await readTextOrNull(this.file);
    if (text === null) return null;
    let best: AnchorPoint | null = null;
    for (const [index, line] of text.split('\n').entries()) {
      if (!line) continue;
      const parsed = AnchorLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`The audit anchor ${this.file} has a damaged line ${index + 1}; restore it from its backup.`);
      if ('reset' in parsed.data) best = null;
      else if (!best || parsed.data.seq > best.seq) best = { seq: parsed.data.seq, hash: parsed.data.hash };
    }
    return best;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.handle) await (await this.handle).close();
    this.handle = null;
  }
}

/**
 * The store with every transaction anchored: what a transaction noted (noteAppended,
 * noteChainReset) is appended to the anchor after it commits, before the caller hears of it.
 */
export function anchoredStore(store: Store, anchor: AuditAnchor): Store {
  const transaction: Db['transaction'] = async (work, config) => {
    const noted: Pending = { reset: false, head: null };
    const result = await pending.run(noted, () => store.db.transaction(work, config));
    const at = new Date().toISOString();
    const lines = [...(noted.reset ? [{ reset: true as const, at }] : []), ...(noted.head ? [{ ...noted.head, at }] : [])];
    if (lines.length > 0) await anchor.append(lines);
    return result;
  };
  // The same database object in every other respect (its methods run against it).
  const db = Object.assign(Object.create(store.db) as Db, { transaction });
  return {
    ...store,
    db,
    close: async () => {
      await store.close();
      await anchor.close();
    },
  };
}

/**
 * A service starting on a store with events but no anchor yet (one from before anchoring) anchors
 * the head as it stands, and says so: from then on the chain is held to it.
 */
export async function anchorFirstStart(store: Store, anchor: AuditAnchor): Promise<void> {
  if (await anchor.latest()) return;
  const [head] = await store.db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.seq === 0) return;
  await anchor.append([{ seq: head.seq, hash: head.hash, at: new Date().toISOString() }]);
  console.log(`Audit anchor ${anchor.file} had no entry: it now holds the chain's head, event ${head.seq}. Check what came before with npm run audit:verify.`);
}
