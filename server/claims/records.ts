// Reading and writing claim rows. Every change goes through recordChanges: the claim row, its place
// in the global change sequence and one audit event, in the caller's transaction (both numbers
// placeholders until the transaction is sealed, sealing.ts).
import { and, asc, eq, getTableColumns, gt, inArray, or, sql } from 'drizzle-orm';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { nextTimerAt } from '../../shared/domain/lifecycle.js';
import type { Instant } from '../../shared/domain/model.js';
import { historyEntry } from '../audit/chain.js';
import { issueOptOutTokens, type OptOutLink } from '../customer/opt-out-tokens.js';
import type { Tx } from '../db/connect.js';
import { indexClaimClocks } from '../lead/clock-index.js';
import { afterAuditEvents } from '../lead/decision-log.js';
import { updateScopes } from '../sync/scope.js';
import { auditEvents, claimNumbers, claims, type StoredClaim } from '../db/schema.js';
import { appendEvents, noteChange, placeholders } from './sealing.js';

function stored(claim: Claim): StoredClaim {
  const { history: _history, ...rest } = claim;
  return rest;
}

/**
 * Locks the claims' rows for this transaction, in id order (so two transactions never wait on each
 * other in a cycle), and reads them as they are now; claims that do not exist are missing from the
 * answer. `historyAfter` loads, per claim, the history entries after that version (what
 * conflictSince looks at); the domain's other rules do not read history, so the rest is not loaded.
 * One query however many claims, two when one of them moved on since its version.
 */
export async function lockClaims(tx: Tx, ids: readonly string[], historyAfter: ReadonlyMap<string, number> = new Map()): Promise<Map<string, Claim>> {
  const rows = await tx
    .select({ data: claims.data })
    .from(claims)
    .where(inArray(claims.id, [...new Set(ids)]))
    .orderBy(asc(claims.id))
    .for('update');
  const found = new Map(rows.map((r) => [r.data.id, { ...r.data, history: [] as HistoryEntry[] }]));
  // A claim still at the version asked about has no history after it (each change is one version, one event).
  const after = [...historyAfter].filter(([id, version]) => (found.get(id)?.version ?? version) > version);
  if (after.length > 0) {
    const events = await tx
      .select()
      .from(auditEvents)
      .where(or(...after.map(([id, version]) => and(eq(auditEvents.claimId, id), gt(auditEvents.version, version)))))
      .orderBy(asc(auditEvents.claimId), asc(auditEvents.version));
    for (const event of events) found.get(event.claimId)!.history.push(historyEntry(event));
  }
  return found;
}

/**
 * The claim row's columns besides its id, number and creation time: the stored claim and what the
 * queries filter on (partner, tenant, status, assignee, change sequence, next timer). Every writer
 * of claim rows (changes, demo seeding) builds them here, so a new column is added once.
 */
export function claimColumns(claim: Claim, changeSeq: number) {
  const timer = nextTimerAt(claim);
  return {
    partnerId: claim.partnerId,
    tenantId: claim.customer.tenantId,
    status: claim.status,
    assigneeId: claim.assignee?.id ?? null,
    version: claim.version,
    data: stored(claim),
    changeSeq,
    nextTimerAt: timer ? new Date(timer) : null,
    updatedAt: new Date(claim.updatedAt),
  };
}

/** A new claim's whole row. */
export function newClaimRow(claim: Claim, changeSeq: number) {
  return { id: claim.id, number: claim.number, createdAt: new Date(claim.createdAt), ...claimColumns(claim, changeSeq) };
}

/** A domain result to record: the claim as the domain left it and its history entry. */
export interface Change {
  claim: Claim;
  entry: HistoryEntry;
  /** A claim created by this change (a partner's draft): inserted, not updated. */
  isNew?: boolean;
}

/** What a transaction records, in order: claim changes, and refusals of a client's decisions (news for its next pull, no claim changed). */
export type Step = Change | { refusalFor: string };

export interface Recorded {
  /** The step's change-sequence placeholder (the client's mutation result takes it too). */
  changeSeq: number;
  /** Set when the change approved the claim: the customer's opt-out link, to send after commit. */
  optOut: OptOutLink | null;
}

/**
 * Records the steps of a transaction, in their order, set-based: one placeholder query, the claims
 * as the last of their changes left them (one statement for those changed, one for those new), the
 * audit events (one insert), who holds the claims now (scope.ts), the lead's decision log and QA
 * index, the SLA clocks' index, the opt-out tokens of claims approved now. A handful of round trips
 * whether it records one change or a batch of pushed decisions.
 */
export async function recordChanges(tx: Tx, steps: readonly Step[], now: Instant): Promise<Recorded[]> {
  const seqs = await placeholders(tx, steps.reduce((n, s) => n + ('claim' in s ? 2 : 1), 0));
  let next = 0;
  const numbered = steps.map((step) => {
    const changeSeq = seqs[next++]!;
    if (!('claim' in step)) {
      noteChange(tx, changeSeq, { clientId: step.refusalFor });
      return { changeSeq, change: null };
    }
    noteChange(tx, changeSeq, { claimId: step.claim.id });
    return { changeSeq, change: { ...step, changeSeq, auditSeq: seqs[next++]! } };
  });
  const changes = numbered.flatMap((n) => (n.change ? [n.change] : []));
  // Each claim as its last change in this transaction left it, with that change's number.
  const latest = new Map(changes.map((c) => [c.claim.id, c]));
  const created = new Set(changes.filter((c) => c.isNew).map((c) => c.claim.id));
  const rows = [...latest.values()];
  const fresh = rows.filter((c) => created.has(c.claim.id));
  if (fresh.length > 0) await tx.insert(claims).values(fresh.map((c) => newClaimRow(c.claim, c.changeSeq)));
  await updateClaimRows(tx, rows.filter((c) => !created.has(c.claim.id)));
  await appendEvents(tx, changes.map((c) => ({ claimId: c.claim.id, entry: c.entry, placeholder: c.auditSeq })));
  await updateScopes(tx, changes);
  await afterAuditEvents(tx, changes.map((c) => ({ claimId: c.claim.id, action: c.entry.action, seq: c.auditSeq })));
  await indexClaimClocks(tx, rows.map((c) => c.claim));
  const approvedNow = changes.filter((c) => c.entry.to === 'approved' && c.entry.from !== 'approved');
  const links = await issueOptOutTokens(tx, approvedNow.map((c) => c.claim), now);
  const linkOf = new Map(approvedNow.map((c, i) => [c, links[i]!]));
  return numbered.map((n) => ({ changeSeq: n.changeSeq, optOut: (n.change && linkOf.get(n.change)) ?? null }));
}

/** Updates existing claim rows in one statement, each with the columns claimColumns builds. */
async function updateClaimRows(tx: Tx, changed: readonly { claim: Claim; changeSeq: number }[]): Promise<void> {
  if (changed.length === 0) return;
  const table = getTableColumns(claims);
  const keys = Object.keys(claimColumns(changed[0]!.claim, 0)) as (keyof ReturnType<typeof claimColumns>)[];
  const column = (k: (typeof keys)[number]) => table[k];
  const records = changed.map(({ claim, changeSeq }) => {
    const columns = claimColumns(claim, changeSeq);
    return Object.fromEntries([['id', claim.id], ...keys.map((k) => [column(k).name, columns[k]])]);
  });
  const shape = sql.raw(['id uuid', ...keys.map((k) => `${column(k).name} ${column(k).getSQLType()}`)].join(', '));
  const set = sql.raw(keys.map((k) => `${column(k).name} = x.${column(k).name}`).join(', '));
  // The id list beside the join lets the planner reach each row by its key (a record set's size is a guess to it).
  const ids = sql.join(changed.map(({ claim }) => sql`${claim.id}::uuid`), sql`, `);
  await tx.execute(sql`UPDATE claims t SET ${set} FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(${shape}) WHERE t.id IN (${ids}) AND t.id = x.id`);
}

/** The next claim number of a year: CL-2026-00001, CL-2026-00002, ... (the row lock serialises it). */
export async function allocateClaimNumber(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(claimNumbers)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: claimNumbers.year, set: { last: sql`${claimNumbers.last} + 1` } })
    .returning({ last: claimNumbers.last });
  return `CL-${year}-${String(row!.last).padStart(5, '0')}`;
}
