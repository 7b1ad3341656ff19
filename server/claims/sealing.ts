// The change sequence (what sync pulls by) and the audit chain's head are each one row, and the
// row's lock is what orders them: a transaction that takes a number holds the lock until it
// commits, so a higher number always commits after every lower one and a pull that saw the head at
// N has seen every change up to N (server/sync/pull.ts). Taken at the start of a change, that lock
// was held through all of its work and every writer queued behind it. So a transaction works with
// placeholders (-nextval('pending_seq'), unique, lockless) and is sealed last, just before commit:
// the audit head is moved by the events' count and their hashes chained on from it, then one
// statement moves the change sequence and writes the true numbers over the placeholders. The locks
// are held for those two statements and the commit.
//
// Rows that carry a placeholder, and so are rewritten when sealed: claims, scope_members and
// mutation_results (change_seq), audit_events (seq, prev_hash, hash) and decision_log ('e' || seq).
import { eq, sql } from 'drizzle-orm';
import type { HistoryEntry } from '../../shared/domain/claim.js';
import { noteAppended, type AnchorPoint } from '../audit/anchor.js';
import { chainEvent, type ChainEvent, eventHash, eventRow } from '../audit/chain.js';
import type { Db, Store, Tx } from '../db/connect.js';
import { auditEvents, auditHead } from '../db/schema.js';

/** What a transaction wrote with placeholders, in the order the true numbers follow. */
interface Pending {
  /** Change-sequence placeholders, in order (a Set: noting one again adds nothing). */
  changes: Set<number>;
  /** The claims (claims, scope_members rows) and clients (mutation_results rows) they were written to. */
  claimIds: Set<string>;
  clientIds: Set<string>;
  /** Audit events, in order, each as it will be hashed but for its seq and prevHash. */
  events: { placeholder: number; event: ChainEvent }[];
  /** The store's placeholders taken ahead. */
  pool: number[];
}

/**
 * Placeholders are taken from pending_seq this many at a time and kept by the sealed store, so
 * most transactions take theirs without a round trip. Unused ones are gaps, which nothing minds:
 * a placeholder only has to differ from every other.
 */
const PLACEHOLDERS_AHEAD = 256;

const pendingOf = new WeakMap<Tx, Pending>();

function pending(tx: Tx): Pending {
  const p = pendingOf.get(tx);
  if (!p) throw new Error('a claim change outside a sealed transaction: open the store with sealedStore, and change claims only inside db.transaction');
  return p;
}

/**
 * `count` placeholders, in the order to number them, from the store's pool (one round trip when it
 * runs short, no lock). The pool is kept highest first and grows with lower ones (nextval grows), so
 * each transaction's placeholders, however many times it takes some, come highest first.
 */
export async function placeholders(tx: Tx, count: number): Promise<number[]> {
  const { pool } = pending(tx);
  if (pool.length < count) {
    const result = (await tx.execute(sql`SELECT -nextval('pending_seq') AS p FROM generate_series(1, ${Math.max(count, PLACEHOLDERS_AHEAD)}::int)`)) as unknown as { rows: { p: string | number }[] };
    pool.push(...result.rows.map((r) => Number(r.p)));
    pool.sort((a, b) => b - a);
  }
  return pool.splice(0, count);
}

/** The rows written with this change-sequence placeholder: the claim's (claims, scope_members), the client's (mutation_results). */
export function noteChange(tx: Tx, placeholder: number, rows: { claimId?: string; clientId?: string }): void {
  const p = pending(tx);
  p.changes.add(placeholder);
  if (rows.claimId) p.claimIds.add(rows.claimId);
  if (rows.clientId) p.clientIds.add(rows.clientId);
}

/** Appends audit events (one insert), each with its placeholder as its seq, in chain order; the hash chain is written when the transaction is sealed. */
export async function appendEvents(tx: Tx, events: readonly { claimId: string; entry: HistoryEntry; placeholder: number }[]): Promise<void> {
  if (events.length === 0) return;
  const p = pending(tx);
  const chained = events.map(({ claimId, entry, placeholder }) => ({ placeholder, event: chainEvent(placeholder, claimId, entry, '') }));
  await tx.insert(auditEvents).values(chained.map(({ event }) => eventRow(event, '')));
  p.events.push(...chained);
}

/**
 * Gives the transaction's placeholders their true numbers, and tells the anchor the chain's new
 * head. `commitInPlace`: the statement commits the transaction itself (see sealedStore).
 */
async function seal(tx: Tx, p: Pending, commitInPlace: boolean): Promise<void> {
  if (p.changes.size === 0 && p.events.length === 0) return;
  const steps = [];
  let head: AnchorPoint | null = null;
  if (p.events.length > 0) {
    const [moved] = await tx
      .update(auditHead)
      .set({ seq: sql`${auditHead.seq} + ${p.events.length}` })
      .where(eq(auditHead.id, 1))
      .returning({ seq: auditHead.seq, prevHash: auditHead.hash });
    if (!moved) throw new Error('audit_head row is missing: the store was not migrated');
    let seq = moved.seq - p.events.length;
    let prevHash = moved.prevHash;
    const stamps = p.events.map(({ placeholder, event }) => {
      const hash = eventHash({ ...event, seq: ++seq, prevHash });
      const stamp = { ph: placeholder, seq, prev_hash: prevHash, hash };
      prevHash = hash;
      return stamp;
    });
    head = { seq, hash: prevHash };
    steps.push(
      sql`e AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(stamps)}::jsonb) AS x(ph bigint, seq bigint, prev_hash text, hash text))`,
      sql`events AS (UPDATE audit_events t SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash FROM e WHERE t.seq = e.ph)`,
      sql`log AS (UPDATE decision_log t SET id = 'e' || e.seq FROM e WHERE t.id = 'e' || e.ph)`,
      sql`head AS (UPDATE audit_head SET hash = ${head.hash} WHERE id = 1)`,
    );
  }
  if (p.changes.size > 0) {
    const order = JSON.stringify([...p.changes].map((ph, i) => ({ ph, i: i + 1 })));
    const ids = (set: Set<string>) => sql`(SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify([...set])}::jsonb))`;
    steps.push(
      sql`c AS (UPDATE sync_state SET change_seq = change_seq + ${p.changes.size}::int WHERE id = 1 RETURNING change_seq)`,
      sql`m AS (SELECT x.ph, c.change_seq - ${p.changes.size}::int + x.i AS seq FROM jsonb_to_recordset(${order}::jsonb) AS x(ph bigint, i int), c)`,
      sql`claims_seq AS (UPDATE claims t SET change_seq = m.seq FROM m WHERE t.id IN ${ids(p.claimIds)} AND t.change_seq = m.ph)`,
      sql`scope_seq AS (UPDATE scope_members t SET change_seq = m.seq FROM m WHERE t.claim_id IN ${ids(p.claimIds)} AND t.change_seq = m.ph)`,
      sql`results_seq AS (UPDATE mutation_results t SET change_seq = m.seq FROM m WHERE t.client_id IN ${ids(p.clientIds)} AND t.change_seq = m.ph)`,
    );
  }
  const statement = sql`WITH ${sql.join(steps, sql`, `)} SELECT 1`;
  // Its values written into the text: a query with parameters is one statement, and this one must travel with its COMMIT.
  await tx.execute(commitInPlace ? sql`${statement.inlineParams()}; COMMIT; BEGIN` : statement);
  if (head) noteAppended(head);
}

/**
 * The store with every transaction sealed before it commits (see above). Over PostgreSQL the seal
 * and the COMMIT go in one round trip, so the locks it takes are held only while the database
 * works: sent apart, they were held through the service's turn to send COMMIT, and under load
 * (server_50_reviewers: most backends waiting on the sync_state row, the holder idle in transaction
 * after its seal) every writer queued behind one busy event loop. The empty transaction it begins
 * after is what Drizzle's own COMMIT then ends. PGlite runs in this process: nothing to gain there.
 */
export function sealedStore(store: Store): Store {
  const commitInPlace = store.kind === 'postgres';
  const pool: number[] = [];
  const transaction: Db['transaction'] = (work, config) =>
    store.db.transaction(async (tx) => {
      const p: Pending = { changes: new Set(), claimIds: new Set(), clientIds: new Set(), events: [], pool };
      pendingOf.set(tx, p);
      const result = await work(tx);
      await seal(tx, p, commitInPlace);
      return result;
    }, config);
  // The same database object in every other respect (its methods run against it).
  return { ...store, db: Object.assign(Object.create(store.db) as Db, { transaction }) };
}
