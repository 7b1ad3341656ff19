// `audit:verify`: re-walks the audit chain from the first event (recomputes every hash from the
// stored columns, checks each event points at the one before it, that no sequence number is
// missing, and that the head row agrees with the last event), checks the chain still holds the
// head anchored outside the database (anchor.ts: a tail cut together with the head row rolled
// back), and replays each claim's events through the domain's lifecycle to compare with the
// claim as stored (a status or version changed directly in `claims`).
import { and, asc, eq, gt } from 'drizzle-orm';
import type { AuditVerifyResponse } from '../../shared/contract/server.js';
import { replayHistory } from '../../shared/domain/history-replay.js';
import type { Db } from '../db/connect.js';
import type { Deps } from '../deps.js';
import { auditEvents, auditHead, claims } from '../db/schema.js';
import type { AuditAnchor } from './anchor.js';
import { eventHash, GENESIS_HASH, histories, rowEvent } from './chain.js';

const BATCH = 2_000;
const CLAIM_BATCH = 500;

type Broken = Extract<AuditVerifyResponse, { ok: false }>;

/** Without an anchor (`auditAnchor` null: tests of other parts) the anchor check is skipped. */
export async function verifyChain({ db, auditAnchor: anchor }: Pick<Deps, 'db' | 'auditAnchor'>): Promise<AuditVerifyResponse> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) throw new Error('audit_head row is missing: the store was not migrated');
  // Read before the walk: a commit during it only adds events after the anchored one.
  const anchored = anchor ? await anchor.latest() : null;
  let anchoredHash: string | null = anchored?.seq === 0 ? GENESIS_HASH : null;
  let prevHash = GENESIS_HASH;
  let last = 0;
  for (;;) {
    // Keyset paging: memory stays flat however long the chain is.
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, last)).orderBy(asc(auditEvents.seq)).limit(BATCH);
    for (const row of rows) {
      if (row.seq !== last + 1) return broken(last, last + 1, 'missing_event', `event ${last + 1} is missing (the next stored event is ${row.seq})`);
      if (row.prevHash !== prevHash) return broken(last, row.seq, 'prev_hash_mismatch', `event ${row.seq} does not point at event ${last}: an event before it was changed or replaced`);
      if (eventHash(rowEvent(row)) !== row.hash) return broken(last, row.seq, 'hash_mismatch', `event ${row.seq} was changed after it was written`);
      if (row.seq === anchored?.seq) anchoredHash = row.hash;
      prevHash = row.hash;
      last = row.seq;
    }
    if (rows.length < BATCH) break;
  }
  if (head.seq !== last || head.hash !== prevHash) {
    return broken(last, last + 1, 'head_mismatch', `the chain head says ${head.seq} events but ${last} verify: events after ${last} are missing or were replaced`);
  }
  if (anchor) {
    const problem = anchorProblem(anchor, anchored, anchoredHash, last);
    if (problem) return problem;
  }
  const claim = await firstClaimMismatch(db);
  if (claim) return broken(claim.seq - 1, claim.seq, 'claim_mismatch', claim.why);
  return { ok: true, verifiedUpTo: last, message: `verified up to ${last}` };
}

function anchorProblem(anchor: AuditAnchor, anchored: { seq: number; hash: string } | null, hashThere: string | null, last: number): Broken | null {
  if (!anchored) {
    return last === 0
      ? null
      : broken(0, 1, 'anchor_missing', `the audit anchor ${anchor.file} records no head, but the chain has ${last} events: the anchor was removed or replaced. Restore it from its backup`);
  }
  if (anchored.seq > last) {
    return broken(last, last + 1, 'anchor_mismatch', `the audit anchor ${anchor.file} records event ${anchored.seq}, but the chain ends at ${last}: events after ${last} were removed and the head rolled back`);
  }
  if (hashThere !== anchored.hash) {
    return broken(anchored.seq - 1, anchored.seq, 'anchor_mismatch', `event ${anchored.seq} is not the one the audit anchor ${anchor.file} recorded: the chain was rewritten up to it`);
  }
  return null;
}

/** The first claim whose stored status, version or last change differs from its replayed events. */
async function firstClaimMismatch(db: Db): Promise<{ seq: number; why: string } | null> {
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: claims.id, number: claims.number, status: claims.status, version: claims.version, updatedAt: claims.updatedAt, data: claims.data })
      .from(claims)
      .where(after ? gt(claims.id, after) : undefined)
      .orderBy(asc(claims.id))
      .limit(CLAIM_BATCH);
    const events = await histories(db, rows.map((r) => r.id));
    for (const row of rows) {
      const replay = replayHistory(events.get(row.id)!);
      const why = replay.ok ? differences(row, replay) : `its events do not replay: ${replay.problem}`;
      if (why) return { seq: await seqOf(db, row.id, replay.version), why: `claim ${row.number} ${why}` };
    }
    if (rows.length < CLAIM_BATCH) return null;
    after = rows.at(-1)!.id;
  }
}

function differences(row: { status: string; version: number; updatedAt: Date; data: { status: string; version: number } }, replay: Extract<ReturnType<typeof replayHistory>, { ok: true }>): string | null {
  const stored = [
    ['status', row.status, replay.status],
    ['stored status', row.data.status, replay.status],
    ['version', row.version, replay.version],
    ['stored version', row.data.version, replay.version],
    ['last change', row.updatedAt.toISOString(), replay.updatedAt],
  ] as const;
  const wrong = stored.filter(([, is, should]) => is !== should);
  if (wrong.length === 0) return null;
  return `differs from its events: ${wrong.map(([what, is, should]) => `${what} is ${is} but its events end at ${should}`).join('; ')}; it was changed outside the lifecycle`;
}

/** The audit sequence number of a claim's event of `version` (its first event where there is none). */
async function seqOf(db: Db, claimId: string, version: number): Promise<number> {
  const [exact] = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.claimId, claimId), eq(auditEvents.version, version)));
  if (exact) return exact.seq;
  const [first] = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.claimId, claimId)).orderBy(asc(auditEvents.seq)).limit(1);
  return first?.seq ?? 1;
}

function broken(verifiedUpTo: number, brokenAt: number, problem: Broken['problem'], why: string): Broken {
  return { ok: false, verifiedUpTo, brokenAt, problem, message: `broken at event ${brokenAt}: ${why}` };
}
