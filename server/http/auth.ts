// Bearer-token authentication for routes: who is calling, and may their role use this route.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { UserRole } from '../../shared/contract/server.js';
import { authenticate, type SessionUser } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connect.js';
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

/** A preHandler that admits a signed-in user with one of these roles. */
export function requireUser(db: Db, clock: Clock, roles: readonly UserRole[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const token = bearerToken(request);
    if (!token) throw new HttpError(401, 'not_signed_in', 'Sign in first: POST /auth/login, then send the token as "Authorization: Bearer <token>".');
    const auth = await authenticate(db, clock, token);
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
}

/** The signed-in user of a route guarded by requireUser. */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw new Error('route is missing its requireUser preHandler');
  return request.user;
}
