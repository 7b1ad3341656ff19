// Who a bearer token belongs to, asked on every request: the sessions this service has validated,
// kept in memory, so a request costs no round trip to the database for it. A cached session still
// expires on time (its expiry is checked against the clock on every request), and leaves the cache
// when anything changes it or its user, in any service on this database: the store's triggers
// notify session_changes at commit (0008_session_changes.sql), every service listens. While the
// listening connection is down, nothing is served from the cache, and it starts empty again.
import type { AuthUser } from '../../shared/contract/server.js';
import type { Clock } from '../clock.js';
import type { Db, Store, Subscription } from '../db/connect.js';
import { type Authentication, sessionByHash } from './sessions.js';
import { tokenHash } from './tokens.js';

export const SESSION_CHANGES = 'session_changes';
/** Sessions kept (the least recently used go first): far more than a team signs in with. */
const MAX_SESSIONS = 10_000;
/** However well notices arrive, a cached session is read again after this long (real time). */
const MAX_AGE_MS = 5 * 60_000;

interface Cached {
  user: AuthUser;
  expiresAt: number;
  cachedAt: number;
}

export class SessionCache {
  /** By token hash; a Map keeps insertion order, so the first key is the least recently used. */
  private readonly sessions = new Map<string, Cached>();
  /**
   * Counts what may have made a session read from the database stale: every notice and every loss
   * of the listening connection. A session read while it moved is not cached (its notice may have
   * come before it was stored).
   */
  private changes = 0;
  private subscription: Subscription | null = null;

  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<SessionCache> {
    const cache = new SessionCache(store.db, clock);
    cache.subscription = await store.listen(
      SESSION_CHANGES,
      (payload) => cache.changed(payload),
      () => cache.changed('*'),
    );
    return cache;
  }

  async authenticate(token: string): Promise<Authentication> {
    const hash = tokenHash(token);
    const now = Date.parse(this.clock.now());
    const live = this.subscription?.live === true;
    const hit = live ? this.sessions.get(hash) : undefined;
    if (hit && performance.now() - hit.cachedAt < MAX_AGE_MS) {
      if (hit.expiresAt <= now) {
        this.sessions.delete(hash);
        return { ok: false, reason: 'expired' };
      }
      this.sessions.delete(hash);
      this.sessions.set(hash, hit);
      return { ok: true, user: hit.user };
    }
    const changes = this.changes;
    const row = await sessionByHash(this.db, hash);
    if (!row || row.endedAt) return { ok: false, reason: 'unknown' };
    const expiresAt = row.expiresAt.getTime();
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    if (live && this.subscription?.live && changes === this.changes) {
      this.sessions.delete(hash);
      this.sessions.set(hash, { user: row.user, expiresAt, cachedAt: performance.now() });
      if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    }
    return { ok: true, user: row.user };
  }

  /** A session this service ended: refused here at once (the others hear of it by its notice). */
  forget(token: string): void {
    this.changed(`s:${tokenHash(token)}`);
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.sessions.clear();
  }

  /** A notice: 's:<token hash>' (the session ended or was deleted), 'u:<user id>' (the user changed or is gone), else all. */
  private changed(payload: string): void {
    this.changes++;
    if (payload.startsWith('s:')) this.sessions.delete(payload.slice(2));
    else if (payload.startsWith('u:')) {
      const userId = payload.slice(2);
      for (const [hash, cached] of this.sessions) if (cached.user.id === userId) this.sessions.delete(hash);
    } else this.sessions.clear();
  }
}
