// The customer's side: the opt-out link sent when a claim is approved. GET shows what the link is
// about; POST declines the association (the domain's optOut), once.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError, OptOutBody, OptOutDone, OptOutInfo, OptOutTokenParams } from '../../shared/contract/server.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Actor } from '../../shared/domain/model.js';
import { applyToClaim } from '../claims/apply.js';
import { readClaim } from '../claims/read.js';
import type { Tx } from '../db/connect.js';
import { actionContext, type Deps } from '../deps.js';
import { HttpError, refusalError } from '../http/errors.js';
import { findOptOutToken, markOptOutTokenUsed, type TokenLookup } from './opt-out-tokens.js';

function customerOf(claim: Claim): Actor {
  return { kind: 'customer', id: `customer:${claim.customer.tenantId}`, name: claim.customer.name, tenantId: claim.customer.tenantId };
}

function tokenError(lookup: Extract<TokenLookup, { ok: false }>): HttpError {
  switch (lookup.reason) {
    case 'unknown':
      return new HttpError(404, 'opt_out_link_unknown', 'This opt-out link is not valid. Use the complete link from the message you received.');
    case 'used':
      return new HttpError(410, 'opt_out_link_used', `This opt-out link was already used (${lookup.usedAt}); the association was declined then. Nothing more to do.`);
    case 'expired':
      return new HttpError(410, 'opt_out_link_expired', 'The 7-day consent window of this association has closed, so the link no longer works. Contact Microsoft partner support if you still disagree.');
  }
}

async function claimOfToken(tx: Tx, token: string, now: string, lock: boolean): Promise<{ claim: Claim; tokenHash: string }> {
  const lookup = await findOptOutToken(tx, token, now, lock);
  if (!lookup.ok) throw tokenError(lookup);
  const claim = await readClaim(tx, lookup.claimId);
  if (!claim) throw new Error(`opt-out token points at claim ${lookup.claimId}, which does not exist`);
  return { claim, tokenHash: lookup.tokenHash };
}

export function customerRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customer'];
  const errors = { 400: ApiError, 404: ApiError, 409: ApiError, 410: ApiError };

  r.get(
    '/customer/opt-out/:token',
    { schema: { summary: 'What an opt-out link is about', tags, security: [], params: OptOutTokenParams, response: { 200: OptOutInfo, ...errors } } },
    async (request) => {
      const { claim } = await claimOfToken(deps.db, request.params.token, deps.clock.now(), false);
      return {
        claimNumber: claim.number,
        partnerName: claim.partnerName,
        customerName: claim.customer.name,
        products: claim.products,
        status: claim.status,
        consentEndsAt: claim.clocks.customer_consent?.dueAt ?? null,
      };
    },
  );

  r.post(
    '/customer/opt-out/:token',
    { schema: { summary: 'Decline the association (single-use link)', tags, security: [], params: OptOutTokenParams, body: OptOutBody.nullish(), response: { 200: OptOutDone, ...errors } } },
    async (request) => {
      const ctx = actionContext(deps);
      return deps.db.transaction(async (tx) => {
        // The token row stays locked to commit: a second use of the link waits, then finds it used.
        const { claim, tokenHash } = await claimOfToken(tx, request.params.token, ctx.now, true);
        const outcome = await applyToClaim(tx, ctx, claim.id, customerOf(claim), { name: 'optOut', args: { comment: request.body?.comment } });
        if (outcome.kind === 'not_found') throw new Error(`claim ${claim.id} vanished during opt-out`);
        if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
        await markOptOutTokenUsed(tx, tokenHash, ctx.now);
        return { claimNumber: outcome.claim.number, status: outcome.claim.status };
      });
    },
  );
}
