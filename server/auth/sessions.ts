// Sign-in, sessions and the actor a request acts as. Sessions are bearer tokens stored hashed, with
// an expiry and an explicit logout; the domain's Actor is built from the session's user only.
import { and, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { AuthUser } from '../../shared/contract/server.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connect.js';
import { sessions, users } from '../db/schema.js';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords.js';
import { newToken, tokenHash } from './tokens.js';

export type SessionUser = AuthUser;

type UserRow = typeof users.$inferSelect;

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    partnerId: row.partnerId,
    partnerRole: row.partnerRole,
  };
}

export async function login(
  db: Db,
  clock: Clock,
  ttlMs: number,
  username: string,
  password: string,
): Promise<{ token: string; expiresAt: string; user: AuthUser } | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const ok = await verifyPassword(password, row?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!row || !ok) return null;
  const token = newToken();
  const now = new Date(clock.now());
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: row.id, createdAt: now, expiresAt });
  // Sessions that can no longer be used are only clutter: drop this user's on each sign-in.
  await db.delete(sessions).where(and(eq(sessions.userId, row.id), or(lte(sessions.expiresAt, now), isNotNull(sessions.endedAt))));
  return { token, expiresAt: expiresAt.toISOString(), user: toAuthUser(row) };
}

export type Authentication = { ok: true; user: SessionUser } | { ok: false; reason: 'unknown' | 'expired' };

/** The session with this token hash and its user, as stored (session-cache.ts judges it). */
export async function sessionByHash(db: Db, hash: string): Promise<{ user: AuthUser; expiresAt: Date; endedAt: Date | null } | null> {
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt, endedAt: sessions.endedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hash))
    .limit(1);
  return row ? { user: toAuthUser(row.user), expiresAt: row.expiresAt, endedAt: row.endedAt } : null;
}

/** Ends the session; true when there was an open one. */
export async function logout(db: Db, clock: Clock, token: string): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: new Date(clock.now()) })
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date(clock.now()))))
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length > 0;
}
