// The one way a claim changes: inside the caller's transaction, lock the row, re-read the claim,
// run the domain's `apply` (never a client's idea of the claim), and record the result. Partner
// routes, customer opt-out, sync push and timers all come through here.
import { type ActionContext, type Command } from '../../shared/domain/actions.js';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { apply, conflictSince } from '../../shared/domain/lifecycle.js';
import type { Actor, Instant } from '../../shared/domain/model.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import type { OptOutLink } from '../customer/opt-out-tokens.js';
import type { Tx } from '../db/connect.js';
import { lockClaims, recordChanges } from './records.js';

export interface Applied {
  kind: 'applied';
  /** The claim as the domain left it; its history holds only what was loaded plus the new entry. */
  claim: Claim;
  entry: HistoryEntry;
  changeSeq: number;
  /** Set when the change approved the claim: the customer's opt-out link, to send after commit. */
  optOut: OptOutLink | null;
}

export type Outcome = Applied | { kind: 'refused'; refusal: Refusal; claim: Claim } | { kind: 'not_found' };

export interface ClaimApplyOptions {
  /** When the actor decided (an offline decision arriving later). */
  decidedAt?: Instant;
  /** The version a pushed decision was made on: a material change by someone else since then refuses it. */
  baseVersion?: number;
  /** Whether this actor may see the claim at all; an invisible claim answers not_found. */
  visible?: (claim: Claim) => boolean;
}

export async function applyToClaim(tx: Tx, ctx: ActionContext, claimId: string, actor: Actor, command: Command, options: ClaimApplyOptions = {}): Promise<Outcome> {
  const claim = (await lockClaims(tx, [claimId], options.baseVersion === undefined ? undefined : new Map([[claimId, options.baseVersion]]))).get(claimId);
  if (!claim || (options.visible && !options.visible(claim))) return { kind: 'not_found' };
  if (options.baseVersion !== undefined) {
    const conflict = conflictSince(claim, options.baseVersion, actor.id);
    if (conflict) return { kind: 'refused', refusal: conflict, claim };
  }
  const result = apply(claim, actor, command, ctx, options.decidedAt ? { decidedAt: options.decidedAt } : {});
  if (!result.ok) return { kind: 'refused', refusal: result.refusal, claim };
  return { kind: 'applied', ...(await record(tx, result.claim, result.entry, false, ctx.now)) };
}

/** Records a domain result (a change or a creation) with its side effects in the store. */
export async function record(tx: Tx, claim: Claim, entry: HistoryEntry, isNew: boolean, now: Instant): Promise<Omit<Applied, 'kind'>> {
  const [recorded] = await recordChanges(tx, [{ claim, entry, isNew }], now);
  return { claim, entry, ...recorded! };
}
