// Re-walks the audit chain from the first event: recomputes every hash from the stored columns,
// checks each event points at the one before it, that no sequence number is missing, and that
// the head row agrees with the last event (a truncated tail is a break too).
import { asc, eq, gt } from 'drizzle-orm';
import type { AuditVerifyResponse } from '../../shared/contract/server.js';
import type { Db } from '../db/connect.js';
import { auditEvents, auditHead } from '../db/schema.js';
import { eventHash, GENESIS_HASH, rowEvent } from './chain.js';

const BATCH = 2_000;

export async function verifyChain(db: Db): Promise<AuditVerifyResponse> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) throw new Error('audit_head row is missing: the store was not migrated');
  let prevHash = GENESIS_HASH;
  let last = 0;
  for (;;) {
    // Keyset paging: memory stays flat however long the chain is.
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, last)).orderBy(asc(auditEvents.seq)).limit(BATCH);
    for (const row of rows) {
      if (row.seq !== last + 1) return broken(last, last + 1, 'missing_event', `event ${last + 1} is missing (the next stored event is ${row.seq})`);
      if (row.prevHash !== prevHash) return broken(last, row.seq, 'prev_hash_mismatch', `event ${row.seq} does not point at event ${last}: an event before it was changed or replaced`);
      if (eventHash(rowEvent(row)) !== row.hash) return broken(last, row.seq, 'hash_mismatch', `event ${row.seq} was changed after it was written`);
      prevHash = row.hash;
      last = row.seq;
    }
    if (rows.length < BATCH) break;
  }
  if (head.seq !== last || head.hash !== prevHash) {
    return broken(last, last + 1, 'head_mismatch', `the chain head says ${head.seq} events but ${last} verify: events after ${last} are missing or were replaced`);
  }
  return { ok: true, verifiedUpTo: last, message: `verified up to ${last}` };
}

function broken(verifiedUpTo: number, brokenAt: number, problem: Extract<AuditVerifyResponse, { ok: false }>['problem'], why: string): AuditVerifyResponse {
  return { ok: false, verifiedUpTo, brokenAt, problem, message: `broken at event ${brokenAt}: ${why}` };
}
