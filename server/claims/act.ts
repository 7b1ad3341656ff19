// Claim changes requested over the REST API (partner, customer): one transaction each, refusals
// turned into HTTP errors, the customer's opt-out link sent once the change is committed.
import { randomUUID } from 'node:crypto';
import type { Command } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { create } from '../../shared/domain/lifecycle.js';
import type { Actor } from '../../shared/domain/model.js';
import { histories } from '../audit/chain.js';
import { sendOptOutLink } from '../customer/opt-out-mail.js';
import type { Tx } from '../db/connect.js';
import { actionContext, type Deps } from '../deps.js';
import { HttpError, refusalError } from '../http/errors.js';
import { type Applied, applyToClaim, type ClaimApplyOptions, record } from './apply.js';
import { allocateClaimNumber } from './records.js';

export type ActDeps = Pick<Deps, 'db' | 'clock' | 'calendar' | 'mailer' | 'publicUrl'>;

export function claimNotFound(id: string): HttpError {
  return new HttpError(404, 'claim_not_found', `There is no claim ${id} that you can see. Check the id; a partner sees only its own claims.`);
}

/**
 * Applies one action to one claim and returns the claim with its full history. `extra` runs in the
 * same transaction after the change (for bookkeeping that must commit with it).
 */
export async function act(
  deps: ActDeps,
  claimId: string,
  actor: Actor,
  command: Command,
  options: ClaimApplyOptions & { extra?: (tx: Tx, applied: Applied) => Promise<void> } = {},
): Promise<Claim> {
  const ctx = actionContext(deps);
  const applied = await deps.db.transaction(async (tx) => {
    const outcome = await applyToClaim(tx, ctx, claimId, actor, command, options);
    if (outcome.kind === 'not_found') throw claimNotFound(claimId);
    if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
    await options.extra?.(tx, outcome);
    return withHistory(tx, outcome);
  });
  return afterCommit(deps, applied);
}

/** A partner creates a draft; the service assigns its id and number. */
export async function createClaim(deps: ActDeps, actor: Actor, fields: Record<string, unknown>): Promise<Claim> {
  const ctx = actionContext(deps);
  const applied = await deps.db.transaction(async (tx) => {
    const number = await allocateClaimNumber(tx, Number(deps.calendar.localDate(ctx.now).slice(0, 4)));
    const result = create({ ...fields, id: randomUUID(), number }, actor, ctx);
    if (!result.ok) throw refusalError(result.refusal);
    return withHistory(tx, { kind: 'applied', ...(await record(tx, result.claim, result.entry, true, ctx.now)) });
  });
  return afterCommit(deps, applied);
}

async function withHistory(tx: Tx, applied: Applied): Promise<Applied> {
  const history = (await histories(tx, [applied.claim.id])).get(applied.claim.id) ?? [];
  return { ...applied, claim: { ...applied.claim, history } };
}

async function afterCommit(deps: ActDeps, applied: Applied): Promise<Claim> {
  if (applied.optOut) {
    // The change is committed: a mail failure must not turn it into an error answer.
    await sendOptOutLink(deps, applied.claim, applied.optOut).catch((error: Error) =>
      console.error(`claims: the opt-out link of ${applied.claim.number} could not be sent: ${error.message}`),
    );
  }
  return applied.claim;
}
