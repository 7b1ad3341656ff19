// The global change sequence: what sync pulls by (a cookie is one of its values).
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect.js';
import { syncState } from '../db/schema.js';

/**
 * The next value of the global change sequence. The row lock this takes is held until commit, so
 * a transaction with a higher number commits after every one with a lower number: a pull that saw
 * number N has seen every change up to N. `count` takes that many values at once; the last is returned.
 */
export async function nextChangeSeq(tx: Tx, count = 1): Promise<number> {
  const [row] = await tx
    .update(syncState)
    .set({ changeSeq: sql`${syncState.changeSeq} + ${count}` })
    .where(eq(syncState.id, 1))
    .returning({ seq: syncState.changeSeq });
  if (!row) throw new Error('sync_state row is missing: the store was not migrated');
  return row.seq;
}
