// Sign-in, the deployment's configuration, health, the desk's user list and audit verification.
import { asc, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, AuditVerifyResponse, AuthUser, ConfigResponse, DeskUserList, Health, LoginRequest, LoginResponse } from '../../shared/contract/server.js';
import { type LoginLimits, loginThrottle } from '../auth/login-throttle.js';
import { login, logout } from '../auth/sessions.js';
import { verifyChain } from '../audit/verify.js';
import { users } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { requireUser, userOf } from './auth.js';
import { HttpError } from './errors.js';
import { DESK_ROLES, DeskRole, USER_ROLES } from '../../shared/domain/users.js';

export function serviceRoutes(app: FastifyInstance, deps: Deps, loginLimits: LoginLimits): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = loginThrottle(app, loginLimits);
  const anyone = requireUser(deps.sessions, USER_ROLES);

  r.post(
    '/auth/login',
    {
      schema: {
        summary: 'Sign in; answers a bearer token. Failed sign-ins are limited per account and per address (429 with Retry-After)',
        tags: ['auth'],
        security: [],
        body: LoginRequest,
        response: { 200: LoginResponse, 400: ApiError, 401: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      await throttle.check(request, reply);
      const session = await login(deps.db, deps.clock, deps.sessionTtlMs, request.body.username, request.body.password);
      if (!session) {
        await throttle.failed(request);
        throw new HttpError(401, 'wrong_credentials', 'Wrong username or password. Check both and try again.');
      }
      return session;
    },
  );

  r.post(
    '/auth/logout',
    { onRequest: anyone, schema: { summary: 'End this session', tags: ['auth'], response: { 200: z.strictObject({ ok: z.literal(true) }), 401: ApiError } } },
    async (request) => {
      await logout(deps.db, deps.clock, request.sessionToken!);
      deps.sessions.forget(request.sessionToken!);
      return { ok: true as const };
    },
  );

  r.get(
    '/auth/me',
    { onRequest: anyone, schema: { summary: 'Who this session belongs to', tags: ['auth'], response: { 200: AuthUser, 401: ApiError } } },
    async (request) => userOf(request),
  );

  r.get(
    '/users/desk',
    {
      onRequest: requireUser(deps.sessions, DESK_ROLES),
      schema: { summary: 'The reviewers and team leads (whom a claim can be assigned to)', tags: ['auth'], response: { 200: DeskUserList, 401: ApiError, 403: ApiError } },
    },
    async () => {
      const rows = await deps.db
        .select({ id: users.id, username: users.username, name: users.name, role: users.role })
        .from(users)
        .where(inArray(users.role, DESK_ROLES))
        .orderBy(asc(users.name));
      return { users: rows.map((u) => ({ ...u, role: DeskRole.parse(u.role) })) };
    },
  );

  r.get('/config', { schema: { summary: "The deployment's business calendar", tags: ['service'], security: [], response: { 200: ConfigResponse } } }, async () => ({
    calendar: deps.calendarConfig,
  }));

  r.get('/health', { schema: { summary: 'Liveness and store reachability', tags: ['service'], security: [], response: { 200: Health } } }, async () => {
    await deps.db.select({ id: users.id }).from(users).limit(1);
    return { ok: true as const, store: deps.store.kind };
  });

  r.get(
    '/audit/verify',
    {
      onRequest: requireUser(deps.sessions, ['team_lead']),
      schema: { summary: 'Re-verify the audit hash chain', tags: ['audit'], response: { 200: AuditVerifyResponse, 401: ApiError, 403: ApiError } },
    },
    async () => verifyChain(deps),
  );
}
