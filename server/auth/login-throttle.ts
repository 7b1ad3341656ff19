// Sign-in throttling: failed sign-ins are counted per account and per address (@fastify/rate-limit's
// in-memory store), and once either count reaches its limit, sign-ins for that account or from that
// address are answered 429 with Retry-After until the window passes. Only failures count, so a
// reviewer who signs in often is never locked out by their own successes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';

export interface LoginLimits {
  /** Failed sign-ins allowed per account, and per address, within the window. */
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

export interface LoginThrottle {
  /** Throws 429 (with Retry-After set on the reply) when this account or address is locked out. */
  check(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a failed sign-in against the account and the address. */
  failed(request: FastifyRequest): Promise<void>;
}

/** Needs @fastify/rate-limit registered on `app`. */
export function loginThrottle(app: FastifyInstance, limits: LoginLimits): LoginThrottle {
  // The login route has parsed its body (LoginRequest) before these run.
  const account = (request: FastifyRequest) => `account:${(request.body as { username: string }).username.trim().toLowerCase()}`;
  const limiters = [
    { what: 'this account', limit: app.createRateLimit({ max: limits.perAccount, timeWindow: limits.windowMs, keyGenerator: account }) },
    { what: 'this address', limit: app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (r) => `address:${r.ip}` }) },
  ];
  return {
    async check(request, reply) {
      for (const { what, limit } of limiters) {
        const status = await limit(request, { increment: false });
        if (!status.isAllowed && status.remaining === 0) {
          const seconds = Math.max(1, status.ttlInSeconds);
          reply.header('Retry-After', String(seconds));
          throw new HttpError(
            429,
            'too_many_sign_ins',
            `Too many failed sign-ins for ${what}. Wait ${Math.ceil(seconds / 60)} minute(s) and try again; if you have forgotten the password, ask your administrator to reset it.`,
          );
        }
      }
    },
    async failed(request) {
      for (const { limit } of limiters) await limit(request);
    },
  };
}
