// Reading the decision log: filters in SQL over indexed columns, keyset pages ordered by when the
// decision was made (then id), and what happened to each decision later (from the audit log, by the
// claim's (claim_id, version) key). The CSV export walks the same order in batches of its own columns.
import { type SQL, sql } from 'drizzle-orm';
import type { DecisionLogFilter, DecisionLogRow } from '../../shared/contract/lead.js';
import type { Tx } from '../db/connect.js';
import { HttpError } from '../http/errors.js';

const LATER_ACTIONS = sql.raw(`('respondToPartnerAction', 'expirePartnerResponse', 'optOut', 'dispute', 'resolveDispute', 'reopen', 'resolveQaDisagreement')`);

/**
 * Audit actions after a decision, as the log's "later" events. Most decisions have none: one probe
 * of the (claim_id, version) index answers those, without building and sorting a set per row.
 */
const LATER = sql`
  CASE WHEN EXISTS (SELECT 1 FROM audit_events a WHERE a.claim_id = d.claim_id AND a.version > d.claim_version AND a.action IN ${LATER_ACTIONS})
  THEN ARRAY(SELECT DISTINCT x FROM (
    SELECT CASE a.action
             WHEN 'respondToPartnerAction' THEN 'partner_responded'
             WHEN 'expirePartnerResponse' THEN 'no_partner_response'
             WHEN 'optOut' THEN 'customer_opted_out'
             WHEN 'dispute' THEN 'disputed'
             WHEN 'resolveDispute' THEN 'dispute_' || (a.details->>'outcome')
             WHEN 'reopen' THEN 'reopened'
             WHEN 'resolveQaDisagreement' THEN CASE WHEN a.details->>'resolution' = 'reopened' THEN 'reopened' ELSE 'qa_upheld' END
           END AS x
    FROM audit_events a
    WHERE a.claim_id = d.claim_id AND a.version > d.claim_version AND a.action IN ${LATER_ACTIONS}
    UNION ALL SELECT 'qa_disagreed' WHERE d.qa_disagreed
  ) later WHERE x IS NOT NULL)
  WHEN d.qa_disagreed THEN ARRAY['qa_disagreed']
  ELSE ARRAY[]::text[] END`;

const LATER_ACTION: Record<string, SQL> = {
  customer_opted_out: sql`a.action = 'optOut'`,
  disputed: sql`a.action = 'dispute'`,
  dispute_overturned: sql`a.action = 'resolveDispute' AND a.details->>'outcome' = 'overturned'`,
  reopened: sql`(a.action = 'reopen' OR (a.action = 'resolveQaDisagreement' AND a.details->>'resolution' = 'reopened'))`,
};

export function filterSql(f: DecisionLogFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.from) parts.push(sql`d.decided_at >= ${f.from}`);
  if (f.to) parts.push(sql`d.decided_at < ${f.to}`);
  if (f.reviewerId) parts.push(sql`d.reviewer_id = ${f.reviewerId}`);
  if (f.action) parts.push(sql`d.action = ${f.action}`);
  if (f.reason) parts.push(sql`d.reasons @> ARRAY[${f.reason}]::text[]`);
  if (f.product) parts.push(sql`d.products @> ARRAY[${f.product}]::text[]`);
  if (f.partnerId) parts.push(sql`d.partner_id = ${f.partnerId}`);
  if (f.offline !== undefined) parts.push(f.offline ? sql`d.offline` : sql`NOT d.offline`);
  if (f.qaDisagreement !== undefined) parts.push(f.qaDisagreement ? sql`d.qa_disagreed` : sql`NOT d.qa_disagreed`);
  if (f.outcome === 'applied' || f.outcome === 'refused') parts.push(sql`d.outcome = ${f.outcome}`);
  else if (f.outcome) parts.push(sql`d.outcome = 'applied' AND EXISTS (SELECT 1 FROM audit_events a WHERE a.claim_id = d.claim_id AND a.version > d.claim_version AND ${LATER_ACTION[f.outcome]!})`);
  return sql.join(parts, sql` AND `);
}

interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // reported below
  }
  throw new HttpError(400, 'invalid_cursor', 'querystring.cursor is not a cursor this service gave out. Start again from the first page (leave cursor out).');
}

type Raw = {
  id: string;
  claim_id: string;
  claim_number: string;
  partner_id: string;
  partner_name: string;
  customer_name: string;
  products: string[];
  reviewer_id: string;
  reviewer_name: string;
  action: DecisionLogRow['action'];
  reasons: string[];
  verdict: string | null;
  checklist: Record<string, { state: string; note?: string }> | null;
  comment: string | null;
  decided_at: string | Date;
  received_at: string | Date;
  offline: boolean;
  time_spent_ms: number | null;
  claim_version: number;
  outcome: 'applied' | 'refused';
  refusal: DecisionLogRow['refusal'];
  qa_state: string | null;
  later: DecisionLogRow['later'];
};

const iso = (v: string | Date) => new Date(v).toISOString();

export function summary(checklist: Raw['checklist']): DecisionLogRow['checklist'] {
  if (!checklist || typeof checklist !== 'object') return null;
  const out = { passed: [] as string[], missing: [] as string[], unchecked: [] as string[], notes: {} as Record<string, string> };
  for (const [key, item] of Object.entries(checklist)) {
    const state = item?.state === 'passed' || item?.state === 'missing' ? item.state : 'unchecked';
    out[state].push(key);
    if (item?.note) out.notes[key] = item.note;
  }
  return out;
}

function toRow(r: Raw): DecisionLogRow {
  const decidedAt = iso(r.decided_at);
  const receivedAt = iso(r.received_at);
  return {
    id: r.id,
    claimId: r.claim_id,
    claimNumber: r.claim_number,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    customerName: r.customer_name,
    products: r.products,
    reviewer: { id: r.reviewer_id, name: r.reviewer_name },
    action: r.action,
    reasons: r.reasons,
    verdict: r.verdict,
    checklist: summary(r.checklist),
    comment: r.comment,
    decidedAt,
    receivedAt,
    lagMs: Date.parse(receivedAt) - Date.parse(decidedAt),
    offline: r.offline,
    timeSpentMs: r.time_spent_ms === null ? null : Number(r.time_spent_ms),
    claimVersion: Number(r.claim_version),
    outcome: r.outcome,
    refusal: r.refusal,
    qaState: r.qa_state,
    later: r.later ?? [],
  };
}

/** The filtered log's rows after a keyset position, in the chosen order: the grid's pages and the CSV export's. */
function ordered(columns: SQL, filter: DecisionLogFilter, sort: 'newest' | 'oldest', after: { at: string; id: string } | null, limit: number): SQL {
  const desc = sort === 'newest';
  const keyset = after ? (desc ? sql`(d.decided_at, d.id) < (${after.at}::timestamptz, ${after.id})` : sql`(d.decided_at, d.id) > (${after.at}::timestamptz, ${after.id})`) : sql`true`;
  const order = desc ? sql`d.decided_at DESC, d.id DESC` : sql`d.decided_at ASC, d.id ASC`;
  return sql`
    SELECT ${columns}
    FROM decision_log d
    WHERE ${filterSql(filter)} AND ${keyset}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

/** The SELECT of one page (limit + 1 rows, to know whether another follows): what the route runs, and what the bench runs by `pg` as its baseline. */
export function decisionPageSql(filter: DecisionLogFilter, options: { sort: 'newest' | 'oldest'; cursor?: string | undefined; limit: number }): SQL {
  return ordered(sql`d.*, ${LATER} AS later`, filter, options.sort, options.cursor ? decodeCursor(options.cursor) : null, options.limit + 1);
}

/**
 * A CSV export's batch: the columns as the export writes them, in forms cheap to send and to read
 * (instants as epoch milliseconds, lists joined by U+001F).
 */
export function csvBatchSql(filter: DecisionLogFilter, sort: 'newest' | 'oldest', after: { at: string; id: string } | null, limit: number): SQL {
  return ordered(
    sql`d.id, d.claim_number, d.partner_id, d.partner_name, d.customer_name, array_to_string(d.products, '; ') AS products, d.reviewer_name,
        d.action, array_to_string(d.reasons, E'\x1f') AS reasons, d.verdict, d.checklist, d.comment,
        floor(extract(epoch FROM d.decided_at) * 1000)::float8 AS decided_ms, floor(extract(epoch FROM d.received_at) * 1000)::float8 AS received_ms,
        d.offline, d.time_spent_ms, d.claim_version, d.outcome, d.refusal, d.qa_state,
        array_to_string(${LATER}, E'\x1f') AS later`,
    filter,
    sort,
    after,
    limit,
  );
}

/** One page of the filtered log, and the cursor of the next (null on the last page). */
export async function decisionPage(
  tx: Tx,
  filter: DecisionLogFilter,
  options: { sort: 'newest' | 'oldest'; cursor?: string | undefined; limit: number },
): Promise<{ rows: DecisionLogRow[]; nextCursor: string | null }> {
  const result = (await tx.execute(decisionPageSql(filter, options))) as unknown as { rows: Raw[] };
  const rows = result.rows.slice(0, options.limit).map(toRow);
  const last = rows.at(-1);
  return { rows, nextCursor: result.rows.length > options.limit && last ? encodeCursor({ at: last.decidedAt, id: last.id }) : null };
}

/** One row by id. */
export async function decisionById(tx: Tx, id: string): Promise<DecisionLogRow | null> {
  const result = (await tx.execute(sql`SELECT d.*, ${LATER} AS later FROM decision_log d WHERE d.id = ${id}`)) as unknown as { rows: Raw[] };
  return result.rows[0] ? toRow(result.rows[0]) : null;
}
