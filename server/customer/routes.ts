// The customer's side: the opt-out link sent when a claim is approved. GET shows what the link is
// about; POST declines the association (the domain's optOut), once.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError, OptOutBody, OptOutDone, OptOutInfo, OptOutTokenParams } from '../../shared/contract/server.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Actor } from '../../shared/domain/model.js';
import { createI18n, type Locale, LOCALES } from '../../shared/i18n/index.js';
import { applyToClaim } from '../claims/apply.js';
import { readClaim } from '../claims/read.js';
import type { Tx } from '../db/connect.js';
import { actionContext, type Deps } from '../deps.js';
import { HttpError, refusalError } from '../http/errors.js';
import { findOptOutToken, isCurrentLink, markOptOutTokenUsed, type TokenLookup } from './opt-out-tokens.js';

function customerOf(claim: Claim): Actor {
  return { kind: 'customer', id: `customer:${claim.customer.tenantId}`, name: claim.customer.name, tenantId: claim.customer.tenantId };
}

const i18n = Object.fromEntries(LOCALES.map((locale) => [locale, createI18n(locale)])) as Record<Locale, ReturnType<typeof createI18n>>;

/** The customer's language from Accept-Language (the first supported one by preference), else English. */
export function customerLocale(acceptLanguage: string | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { language: tag.split('-')[0]!.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.map((l) => l.language).find((l): l is Locale => (LOCALES as readonly string[]).includes(l)) ?? 'en');
}

const STATUS_OF_LINK: Record<Extract<TokenLookup, { ok: false }>['reason'], number> = { unknown: 404, used: 410, expired: 410, outdated: 410 };

function tokenError(lookup: Extract<TokenLookup, { ok: false }>, locale: Locale): HttpError {
  const message = i18n[locale].t(`domain:optOutLink.${lookup.reason}`, { usedAt: lookup.usedAt ?? '' });
  return new HttpError(STATUS_OF_LINK[lookup.reason], `opt_out_link_${lookup.reason}`, message);
}

async function claimOfToken(tx: Tx, token: string, now: string, lock: boolean, locale: Locale): Promise<{ claim: Claim; tokenHash: string }> {
  const lookup = await findOptOutToken(tx, token, now, lock);
  if (!lookup.ok) throw tokenError(lookup, locale);
  const claim = await readClaim(tx, lookup.claimId);
  if (!claim) throw new Error(`opt-out token points at claim ${lookup.claimId}, which does not exist`);
  if (!isCurrentLink(claim, lookup.expiresAt)) throw tokenError({ ok: false, reason: 'outdated' }, locale);
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
      const { claim } = await claimOfToken(deps.db, request.params.token, deps.clock.now(), false, customerLocale(request.headers['accept-language']));
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
        const { claim, tokenHash } = await claimOfToken(tx, request.params.token, ctx.now, true, customerLocale(request.headers['accept-language']));
        const outcome = await applyToClaim(tx, ctx, claim.id, customerOf(claim), { name: 'optOut', args: { comment: request.body?.comment } });
        if (outcome.kind === 'not_found') throw new Error(`claim ${claim.id} vanished during opt-out`);
        if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
        await markOptOutTokenUsed(tx, tokenHash, ctx.now);
        return { claimNumber: outcome.claim.number, status: outcome.claim.status };
      });
    },
  );
}
