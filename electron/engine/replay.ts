// The view the UI sees: a synced claim with this reviewer's pending decisions applied on top through
// the domain's own `apply`, as the reviewer made them (actor, and `now` = when they decided). That is
// the same function the server will run, so what the reviewer sees is what the server will do unless
// someone else changed the claim meanwhile.
import type { Command } from '../../shared/domain/actions.js';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { Claim } from '../../shared/domain/claim.js';
import { apply } from '../../shared/domain/lifecycle.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import type { OutboxMutation } from './store-files.js';

export interface Replayed {
  claim: Claim;
  /** Pending decisions that no longer apply locally (a pull brought a change); the server will refuse them. */
  stale: Map<number, Refusal>;
}

export function replay(base: Claim, pending: readonly OutboxMutation[], calendar: BusinessCalendar): Replayed {
  let claim = base;
  const stale = new Map<number, Refusal>();
  for (const record of pending) {
    const { mutation } = record;
    const result = apply(claim, record.actor, { name: mutation.name, args: mutation.args } as Command, { now: mutation.decidedAt, calendar });
    if (result.ok) claim = result.claim;
    else stale.set(mutation.id, result.refusal);
  }
  return { claim, stale };
}
