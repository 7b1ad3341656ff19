// Reading and writing claim rows. Every change goes through recordChange: the claim row, its place
// in the global change sequence and one audit event, in the caller's transaction (both numbers
// placeholders until the transaction is sealed, sealing.ts).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { nextTimerAt } from '../../shared/domain/lifecycle.js';
import { historyEntry } from '../audit/chain.js';
import type { Tx } from '../db/connect.js';
import { indexClaimClocks } from '../lead/clock-index.js';
import { afterAuditEvent } from '../lead/decision-log.js';
import { updateScope } from '../sync/scope.js';
import { auditEvents, claimNumbers, claims, type StoredClaim } from '../db/schema.js';
import { appendEvent, noteChange, placeholders } from './sealing.js';

function stored(claim: Claim): StoredClaim {
  const { history: _history, ...rest } = claim;
  return rest;
}

/**
 * Locks the claim's row for this transaction and reads it as it is now. `historyAfter` loads the
 * history entries after that version (what conflictSince looks at); the domain's other rules do
 * not read history, so the rest is not loaded.
 */
export async function lockClaim(tx: Tx, id: string, historyAfter?: number): Promise<Claim | null> {
  const [row] = await tx.select({ data: claims.data }).from(claims).where(eq(claims.id, id)).for('update');
  if (!row) return null;
  let history: HistoryEntry[] = [];
  if (historyAfter !== undefined) {
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.claimId, id), gt(auditEvents.version, historyAfter)))
      .orderBy(asc(auditEvents.version));
    history = rows.map(historyEntry);
  }
  return { ...row.data, history };
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

/**
 * Writes the claim as the domain left it, its audit event, its place in the change sequence, who
 * now holds it on their desk, and its running SLA clocks. Answers the change's and the event's
 * placeholders.
 */
export async function recordChange(tx: Tx, claim: Claim, entry: HistoryEntry, isNew: boolean): Promise<{ changeSeq: number; auditSeq: number }> {
  const [changeSeq, auditSeq] = (await placeholders(tx, 2)) as [number, number];
  noteChange(tx, changeSeq, { claimId: claim.id });
  if (isNew) {
    await tx.insert(claims).values(newClaimRow(claim, changeSeq));
  } else {
    await tx.update(claims).set(claimColumns(claim, changeSeq)).where(eq(claims.id, claim.id));
  }
  await appendEvent(tx, claim.id, entry, auditSeq);
  await updateScope(tx, claim, entry, changeSeq);
  await afterAuditEvent(tx, claim.id, entry.action, auditSeq);
  await indexClaimClocks(tx, claim);
  return { changeSeq, auditSeq };
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
