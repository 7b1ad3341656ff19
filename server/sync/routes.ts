// The desktop's sync endpoints (shared/contract/sync.ts) and its reach beyond its scope
// (shared/contract/desk-search.ts), for reviewers and team leads.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClaimSearchPage, ClaimSearchQuery } from '../../shared/contract/desk-search.js';
import { ApiError, ClaimIdParams } from '../../shared/contract/server.js';
import { Claim } from '../../shared/domain/claim.js';
import { HttpError } from '../http/errors.js';
import { deskClaim, searchClaims } from './desk-claims.js';
import { PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/contract/sync.js';
import type { Deps } from '../deps.js';
import { requireUser, userOf } from '../http/auth.js';
import { pull } from './pull.js';
import { push } from './push.js';
import { DESK_ROLES } from '../../shared/domain/users.js';

/** 500 mutations with full checklists and comments fit comfortably. */
const PUSH_BODY_LIMIT = 16 * 1024 * 1024;

export function syncRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireUser(deps.sessions, DESK_ROLES);
  const errors = { 400: ApiError, 401: ApiError, 403: ApiError };

  r.post(
    '/sync/pull',
    {
      onRequest,
      schema: { summary: 'Changes since the cookie, and this client’s mutation results', tags: ['sync'], body: PullRequest, response: { 200: PullResponse, ...errors } },
    },
    // pull() answers the page as JSON text, the claims as stored (pull.ts says why), sent as it is:
    // Fastify sends a string of a JSON type without serializing it. The schema still documents the
    // answer, and the desktop parses it with PullResponse.
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await pull(deps.db, userOf(request), request.body, deps.clock.now())) as unknown as PullResponse),
  );

  r.post(
    '/desk/claims/search',
    {
      onRequest,
      schema: {
        summary: 'Search every claim a desk user may see (the desk’s “Everyone” view)',
        description:
          'Read-only and paged by claim number: every claim but drafts, whether or not it is in the user’s scope. Each word of `search` matches the start of a word of the claim number, partner ID or name, customer name or tenant ID (case and Czech diacritics ignored).',
        tags: ['desk'],
        body: ClaimSearchQuery,
        response: { 200: ClaimSearchPage, ...errors },
      },
    },
    async (request) => searchClaims(deps.db, request.body, deps.clock.now()),
  );

  r.get(
    '/desk/claims/:id',
    {
      onRequest,
      schema: {
        summary: 'One claim, for a desk that opens it on demand (outside its scope)',
        description: 'With its history, as the desk holds claims: blind while the user has an open QA task on it.',
        tags: ['desk'],
        params: ClaimIdParams,
        response: { 200: Claim, ...errors, 404: ApiError },
      },
    },
    async (request) => {
      const claim = await deskClaim(deps.db, userOf(request).id, request.params.id);
      if (!claim) throw new HttpError(404, 'claim_not_found', 'There is no such claim (or the partner has not submitted it yet). Search again.');
      return claim;
    },
  );

  r.post(
    '/sync/push',
    {
      onRequest,
      bodyLimit: PUSH_BODY_LIMIT,
      schema: {
        summary: 'Apply this client’s mutations in id order, each once',
        description:
          'Answers 409 `mutation_gap` when the first new id does not follow the last processed one, and 409 `mutation_id_reused` when an id already processed comes with another decision (the outbox is behind the service); both name the id to number from in `params.expectedId`.',
        tags: ['sync'],
        body: PushRequest,
        response: { 200: PushResponse, ...errors, 409: ApiError },
      },
    },
    async (request) => push(deps, userOf(request), request.body.clientId, request.body.mutations),
  );
}
