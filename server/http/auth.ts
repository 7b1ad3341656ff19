// Bearer-token authentication for routes: who is calling, and may their role use this route.
import type { FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import type { UserRole } from '../../shared/domain/users.js';
import type { SessionCache } from '../auth/session-cache.js';
import type { SessionUser } from '../auth/sessions.js';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser on routes that need a signed-in user. */
    user: SessionUser | null;
    sessionToken: string | null;
  }
}

const ROLE_NAMES: Record<UserRole, string> = { partner_admin: 'partner admins', reviewer: 'reviewers', team_lead: 'team leads' };

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The guards requireUser made: how `assertGuarded` tells a guarded route from a forgotten one. */
const GUARDS = new WeakSet<object>();

/**
 * An onRequest hook that admits a signed-in user with one of these roles. It runs before the body is
 * parsed and validated, so a request without a valid token learns only that it must sign in (401),
 * never what the schema expects.
 */
export function requireUser(sessions: SessionCache, roles: readonly UserRole[]): onRequestAsyncHookHandler {
  const guard: onRequestAsyncHookHandler = async (request) => {
    const token = bearerToken(request);
    if (!token) throw new HttpError(401, 'not_signed_in', 'Sign in first: POST /auth/login, then send the token as "Authorization: Bearer <token>".');
    const auth = await sessions.authenticate(token);
    if (!auth.ok) {
      throw auth.reason === 'expired'
        ? new HttpError(401, 'session_expired', 'Your session has expired. Sign in again.')
        : new HttpError(401, 'not_signed_in', 'This session is not valid (signed out, or never issued). Sign in again.');
    }
    if (!roles.includes(auth.user.role)) {
      throw new HttpError(403, 'role_not_allowed', `Only ${roles.map((r) => ROLE_NAMES[r]).join(' and ')} can use this. You are signed in as ${auth.user.username}.`);
    }
    request.user = auth.user;
    request.sessionToken = token;
  };
  GUARDS.add(guard);
  return guard;
}

/**
 * Every route either admits signed-in users (requireUser as its onRequest hook) or says in its
 * OpenAPI schema that it needs no token (`security: []`). A route with neither would serve anyone
 * by mistake: the service refuses to start with it.
 */
export function assertGuarded(route: RouteOptions): void {
  const guarded = [route.onRequest ?? []].flat().some((hook) => GUARDS.has(hook));
  const security = (route.schema as { security?: unknown[] } | undefined)?.security;
  const isPublic = Array.isArray(security) && security.length === 0;
  if (guarded === isPublic) {
    throw new Error(
      `${String(route.method)} ${route.url}: ${guarded ? 'has requireUser but its schema says security: []' : 'needs requireUser as onRequest, or security: [] in its schema if it is public'}`,
    );
  }
}

/** The signed-in user of a route guarded by requireUser. */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw new Error('route is missing its requireUser hook');
  return request.user;
}
