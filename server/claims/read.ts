// Reading claims as they are now, with their history from the audit log.
import { eq } from 'drizzle-orm';
import type { Claim } from '../../shared/domain/claim.js';
import { histories } from '../audit/chain.js';
import type { Tx } from '../db/connect.js';
import { claims } from '../db/schema.js';

export async function readClaim(tx: Tx, id: string): Promise<Claim | null> {
  const [row] = await tx.select({ data: claims.data }).from(claims).where(eq(claims.id, id));
  if (!row) return null;
  // Events committed after the row was read belong to a later version: leave them out.
  const history = ((await histories(tx, [id])).get(id) ?? []).filter((e) => e.version <= row.data.version);
  return { ...row.data, history };
}
