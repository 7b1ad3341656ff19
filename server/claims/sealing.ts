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
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { HistoryEntry } from '../../shared/domain/claim.js';
import { noteAppended } from '../audit/anchor.js';
import { chainEvent, type ChainEvent, eventRow, hashFrame, SEQ_BETWEEN } from '../audit/chain.js';
import type { Db, Store, Tx } from '../db/connect.js';
import { auditEvents } from '../db/schema.js';

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
 * head. `commitInPlace`: the statements commit the transaction themselves (see sealedStore); answers
 * whether they did.
 *
 * The events are hash-chained by the database, in the statement after the one that takes the audit
 * head's lock: each event's canonical JSON is sent around its seq and prevHash (chain.ts hashFrame)
 * and the statement fills both in and hashes it (eventHash in SQL), so the lock is held only while
 * the database works. Chained here instead, the head's seq and hash had to come back to the service
 * first: under load (server_50_reviewers) the holder then sat idle in transaction until this
 * process's event loop came round to it, and every other writer queued on the head's row behind it.
 */
async function seal(tx: Tx, p: Pending, commitInPlace: boolean): Promise<boolean> {
  if (p.changes.size === 0 && p.events.length === 0) return false;
  const statements: SQL[] = [];
  const steps: SQL[] = [];
  let result = sql`SELECT NULL::bigint AS seq, NULL::text AS hash`;
  const n = p.events.length;
  if (n > 0) {
    // Takes the head's lock. Without its row (a store not migrated) it fails, before anything commits:
    // the text cast to int is what raises, with the reason in its message.
    statements.push(sql`WITH moved AS (UPDATE audit_head SET seq = seq + ${n}::int WHERE id = 1 RETURNING 1)
      SELECT CASE WHEN count(*) = 1 THEN 1 ELSE (count(*)::text || ' audit_head rows: the store was not migrated')::int END FROM moved`);
    const frames = JSON.stringify(p.events.map(({ placeholder, event }, i) => ({ i: i + 1, ph: placeholder, ...hashFrame(event) })));
    steps.push(
      sql`x AS (SELECT * FROM jsonb_to_recordset(${frames}::jsonb) AS x(i int, ph bigint, pre text, post text))`,
      sql`chain (i, seq, prev_hash, hash) AS (
        SELECT 0, seq - ${n}::int, NULL::text, hash FROM audit_head WHERE id = 1
        UNION ALL
        SELECT x.i, c.seq + 1, c.hash, encode(sha256(convert_to(x.pre || c.hash || ${SEQ_BETWEEN}::text || (c.seq + 1)::text || x.post, 'UTF8')), 'hex')
        FROM chain c JOIN x ON x.i = c.i + 1)`,
      sql`e AS (SELECT x.ph, c.seq, c.prev_hash, c.hash FROM chain c JOIN x ON x.i = c.i)`,
      sql`events AS (UPDATE audit_events t SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash FROM e WHERE t.seq = e.ph)`,
      sql`log AS (UPDATE decision_log t SET id = 'e' || e.seq FROM e WHERE t.id = 'e' || e.ph)`,
      sql`head AS (UPDATE audit_head SET hash = (SELECT hash FROM chain WHERE i = ${n}::int) WHERE id = 1 RETURNING seq, hash)`,
    );
    result = sql`SELECT seq, hash FROM head`;
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
  statements.push(sql`WITH RECURSIVE ${sql.join(steps, sql`, `)} ${result}`);
  let answers: unknown[];
  if (commitInPlace) {
    // Their values written into the text: a query with parameters is one statement, and these must travel together with their COMMIT.
    const answer = await tx.execute(sql.join([...statements.map((s) => s.inlineParams()), sql`COMMIT`], sql`; `));
    answers = answer as unknown as unknown[];
  } else {
    answers = [];
    for (const statement of statements) answers.push(await tx.execute(statement));
  }
  const [head] = (answers[statements.length - 1] as { rows: { seq: string | number | null; hash: string | null }[] }).rows;
  if (n > 0) {
    if (head?.seq == null || !head.hash) throw new Error('audit_head row is missing: the store was not migrated');
    noteAppended({ seq: Number(head.seq), hash: head.hash });
  }
  return commitInPlace;
}

/**
 * The store with every transaction sealed before it commits (see above). Over PostgreSQL the seal
 * and the COMMIT go in one round trip, so the locks it takes are held only while the database
 * works: sent apart, they were held through the service's turn to send COMMIT, and under load
 * (server_50_reviewers: most backends waiting on the sync_state row, the holder idle in transaction
 * after its seal) every writer queued behind one busy event loop. Drizzle's own COMMIT, which would
 * follow as one more round trip for nothing, is then answered here (committedInPlace). PGlite runs
 * in this process: nothing to gain there.
 */
export function sealedStore(store: Store): Store {
  const commitInPlace = store.kind === 'postgres';
  const pool: number[] = [];
  const transaction: Db['transaction'] = (work, config) =>
    store.db.transaction(async (tx) => {
      const p: Pending = { changes: new Set(), claimIds: new Set(), clientIds: new Set(), events: [], pool };
      pendingOf.set(tx, p);
      const result = await work(tx);
      if (await seal(tx, p, commitInPlace)) committedInPlace(tx);
      return result;
    }, config);
  // The same database object in every other respect (its methods run against it).
  return { ...store, db: Object.assign(Object.create(store.db) as Db, { transaction }) };
}

const dialect = new PgDialect();

/**
 * The seal committed the transaction: the one statement Drizzle still sends on it, its COMMIT, is
 * answered without a round trip (it would only draw PostgreSQL's "no transaction in progress"). Any
 * other statement after the seal is a fault of ours, and says so.
 */
function committedInPlace(tx: Tx): void {
  tx.execute = ((query: SQL) => {
    const text = dialect.sqlToQuery(query).sql.trim().toLowerCase();
    if (text === 'commit') return Promise.resolve({ rows: [], rowCount: 0 });
    return Promise.reject(new Error(`a statement after the transaction was sealed and committed: ${text.slice(0, 80)}`));
  }) as Tx['execute'];
}
