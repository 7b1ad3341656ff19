// Customer opt-out links. When a claim is approved the customer gets a link valid until the
// consent window closes; the token is stored hashed and works once.
import { and, eq, isNull } from 'drizzle-orm';
import type { Claim } from '../../shared/domain/claim.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { Tx } from '../db/connect.js';
import { optOutTokens } from '../db/schema.js';

export interface OptOutLink {
  token: string;
  expiresAt: string;
}

/** New opt-out tokens for approved claims, one multi-row insert: each claim's link, or null when its consent window is not running. */
export async function issueOptOutTokens(tx: Tx, approved: readonly Claim[], now: string): Promise<(OptOutLink | null)[]> {
  const links = approved.map((claim) => {
    const consent = claim.clocks.customer_consent;
    return claim.status === 'approved' && consent?.state === 'running' ? { token: newToken(), expiresAt: consent.dueAt } : null;
  });
  const rows = approved.flatMap((claim, i) => {
    const link = links[i];
    return link ? [{ tokenHash: tokenHash(link.token), claimId: claim.id, createdAt: new Date(now), expiresAt: new Date(link.expiresAt) }] : [];
  });
  if (rows.length > 0) await tx.insert(optOutTokens).values(rows);
  return links;
}

/**
 * Does the link still belong to the claim's current approval? A reopen takes the claim back to
 * review; a later approval starts a new consent window (and sends a new link). Either way the
 * old link's window is not the claim's running one.
 */
export function isCurrentLink(claim: Claim, expiresAt: string): boolean {
  const consent = claim.clocks.customer_consent;
  return claim.status === 'approved' && consent?.state === 'running' && consent.dueAt === expiresAt;
}

export type TokenLookup =
  | { ok: true; claimId: string; tokenHash: string; expiresAt: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'outdated'; usedAt?: string };

/** Finds a token; with `lock`, locks its row so that two uses of one link cannot both succeed. */
export async function findOptOutToken(tx: Tx, token: string, now: string, lock: boolean): Promise<TokenLookup> {
  const hash = tokenHash(token);
  const query = tx.select().from(optOutTokens).where(eq(optOutTokens.tokenHash, hash));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.usedAt) return { ok: false, reason: 'used', usedAt: row.usedAt.toISOString() };
  if (row.expiresAt.getTime() <= Date.parse(now)) return { ok: false, reason: 'expired' };
  return { ok: true, claimId: row.claimId, tokenHash: hash, expiresAt: row.expiresAt.toISOString() };
}

export async function markOptOutTokenUsed(tx: Tx, hash: string, now: string): Promise<void> {
  await tx
    .update(optOutTokens)
    .set({ usedAt: new Date(now) })
    .where(and(eq(optOutTokens.tokenHash, hash), isNull(optOutTokens.usedAt)));
}
