// The audit log: every change to a claim is one event, hash-chained to the one before it
// (hash = SHA-256 over the canonical JSON of the event including the previous hash). The history
// users see is read back from these events, so what is shown is what is verified.
import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { HistoryEntry } from '../../shared/domain/claim.js';
import type { ActorRef } from '../../shared/domain/model.js';
import { normalizeInstant } from '../clock.js';
import type { Tx } from '../db/connect.js';
import { auditEvents } from '../db/schema.js';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one event: exactly the audit_events columns but `hash`. */
export interface ChainEvent {
  seq: number;
  claimId: string;
  version: number;
  at: string;
  decidedAt: string | null;
  actor: ActorRef;
  action: string;
  from: string | null;
  to: string;
  details: Record<string, unknown>;
  prevHash: string;
}

export function eventHash(event: ChainEvent): string {
  return createHash('sha256').update(canonicalJson(event), 'utf8').digest('hex');
}

/** What stands between an event's prevHash and its seq in its canonical JSON (the keys are sorted: prevHash, seq, to, version come last). */
export const SEQ_BETWEEN = '","seq":';
const BLANKS = `,"prevHash":"${SEQ_BETWEEN}0,`;

/**
 * An event's canonical JSON around its prevHash and its seq, for the database to chain it
 * (claims/sealing.ts): `pre + prevHash + SEQ_BETWEEN + seq + post` is canonicalJson(event), so its
 * SHA-256 is eventHash(event). The last occurrence is the event's own: only `to` (a status) and
 * `version` (a number) follow it, while `details` before it could hold the same text.
 */
export function hashFrame(event: Omit<ChainEvent, 'seq' | 'prevHash'>): { pre: string; post: string } {
  const text = canonicalJson({ ...event, prevHash: '', seq: 0 });
  const at = text.lastIndexOf(BLANKS);
  if (at < 0 || !text.startsWith(',"to":', at + BLANKS.length - 1)) throw new Error('an audit event without prevHash, seq and to in its canonical JSON: its keys changed, change hashFrame too');
  return { pre: `${text.slice(0, at)},"prevHash":"`, post: text.slice(at + BLANKS.length - 1) };
}

/**
 * The event for a history entry, as the store will return it (instants at millisecond precision,
 * JSON without undefined members), so that re-reading and re-hashing gives the same hash.
 */
export function chainEvent(seq: number, claimId: string, entry: HistoryEntry, prevHash: string): ChainEvent {
  return {
    seq,
    claimId,
    version: entry.version,
    at: normalizeInstant(entry.at),
    decidedAt: entry.decidedAt ? normalizeInstant(entry.decidedAt) : null,
    actor: { kind: entry.actor.kind, id: entry.actor.id, name: entry.actor.name },
    action: entry.action,
    from: entry.from,
    to: entry.to,
    details: JSON.parse(JSON.stringify(entry.details)) as Record<string, unknown>,
    prevHash,
  };
}

export function eventRow(event: ChainEvent, hash: string): typeof auditEvents.$inferInsert {
  return {
    seq: event.seq,
    claimId: event.claimId,
    version: event.version,
    at: new Date(event.at),
    decidedAt: event.decidedAt ? new Date(event.decidedAt) : null,
    actor: event.actor,
    action: event.action,
    fromStatus: event.from as HistoryEntry['from'],
    toStatus: event.to as HistoryEntry['to'],
    details: event.details,
    prevHash: event.prevHash,
    hash,
  };
}

export type EventRow = typeof auditEvents.$inferSelect;

export function rowEvent(row: EventRow): ChainEvent {
  return {
    seq: row.seq,
    claimId: row.claimId,
    version: row.version,
    at: row.at.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    actor: row.actor,
    action: row.action,
    from: row.fromStatus,
    to: row.toStatus,
    details: row.details,
    prevHash: row.prevHash,
  };
}

export function historyEntry(row: EventRow): HistoryEntry {
  return {
    version: row.version,
    at: row.at.toISOString(),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    actor: row.actor,
    action: row.action,
    from: row.fromStatus,
    to: row.toStatus,
    details: row.details,
  };
}

/** The histories of these claims, from the audit log, in version order. */
export async function histories(tx: Tx, claimIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(claimIds.map((id) => [id, []]));
  if (claimIds.length === 0) return out;
  const rows = await tx
    .select()
    .from(auditEvents)
    // One parameter however many claims: a 2,000-claim pull page's IN list of 2,000 parameters
    // took the query builder longer than the query took PostgreSQL.
    .where(sql`${auditEvents.claimId} = ANY(string_to_array(${claimIds.join(',')}, ',')::uuid[])`)
    .orderBy(asc(auditEvents.claimId), asc(auditEvents.version));
  for (const row of rows) out.get(row.claimId)!.push(historyEntry(row));
  return out;
}
