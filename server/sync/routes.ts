// The desktop's sync endpoints (shared/contract/sync.ts), for reviewers and team leads.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../../shared/contract/server.js';
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
  const onRequest = requireUser(deps.db, deps.clock, DESK_ROLES);
  const errors = { 400: ApiError, 401: ApiError, 403: ApiError };

  r.post(
    '/sync/pull',
    {
      onRequest,
      schema: { summary: 'Changes since the cookie, and this client’s mutation results', tags: ['sync'], body: PullRequest, response: { 200: PullResponse, ...errors } },
    },
    // The claims come straight from the domain; encoding them through zod again doubled the time
    // of a 2,000-claim page (1.1 s -> 0.5 s without). The schema still documents the answer, and
    // the desktop parses it with PullResponse.
    async (request, reply) => reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(await pull(deps.db, userOf(request), request.body, deps.clock.now())),
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
