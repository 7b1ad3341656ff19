// Sessions are validated once and kept in each service's memory (server/auth/session-cache.ts).
// What ends a session or changes its user must reach every service on the database, not only the
// one that made the change: two services over one store here, each with its own cache.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../../server/auth/users.js';
import type { Store } from '../../../server/db/connect.js';
import { BACKENDS, call, freshDatabase, PASSWORD, startService, type TestDatabase, type TestService } from './harness.js';

const TTL_MS = 60 * 60 * 1000;

describe.each(BACKENDS)('cached sessions on %s', (backend) => {
  let database: TestDatabase;
  const stores: Store[] = [];
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    stores.push(await database.open());
    // PGlite is one process's: both services share it. PostgreSQL: each service has its own connections, as separate processes would.
    stores.push(backend === 'pglite' ? stores[0]! : await database.open());
    a = await startService(stores[0]!, { sessionTtlMs: TTL_MS });
    b = await startService(stores[1]!, { sessionTtlMs: TTL_MS, clock: a.clock });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const store of new Set(stores)) await store.close();
    await database?.drop();
  });

  const signIn = async (username: string, role: 'reviewer' | 'team_lead' = 'reviewer') => {
    const id = await createUser(a.deps.db, a.clock, { username, password: PASSWORD, name: `User ${username}`, role });
    const res = await call(a.app, 'POST', '/auth/login', null, { username, password: PASSWORD });
    expect(res.status).toBe(200);
    return { id, token: res.body.token as string };
  };
  // Another service hears of a change as its notice arrives (at once in-process; a moment over a PostgreSQL connection).
  const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 5000, interval: 20 });

  it('refuses a token in every service once it signed out in one', async () => {
    const { token } = await signIn('out');
    expect((await call(b.app, 'GET', '/auth/me', token)).status).toBe(200);
    expect((await call(a.app, 'GET', '/auth/me', token)).status).toBe(200);
    expect((await call(a.app, 'POST', '/auth/logout', token)).status).toBe(200);
    // The service that signed out knows at once, whatever the backend.
    expect((await call(a.app, 'GET', '/auth/me', token)).body.code).toBe('not_signed_in');
    await eventually(async () => expect((await call(b.app, 'GET', '/auth/me', token)).body.code).toBe('not_signed_in'));
  });

  it('ends a cached session on time by the clock', async () => {
    const { token } = await signIn('late');
    expect((await call(b.app, 'GET', '/auth/me', token)).status).toBe(200);
    a.clock.advance(TTL_MS - 1);
    expect((await call(b.app, 'GET', '/auth/me', token)).status).toBe(200);
    a.clock.advance(1);
    const res = await call(b.app, 'GET', '/auth/me', token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('admits a user as their role is now, not as it was cached', async () => {
    const { id, token } = await signIn('promoted');
    expect((await call(b.app, 'GET', '/auth/me', token)).body.role).toBe('reviewer');
    expect((await call(b.app, 'GET', '/lead/sla', token)).status).toBe(403);
    await a.deps.db.execute(sql`UPDATE users SET role = 'team_lead' WHERE id = ${id}`);
    await eventually(async () => expect((await call(b.app, 'GET', '/auth/me', token)).body.role).toBe('team_lead'));
    await a.deps.db.execute(sql`UPDATE users SET role = 'reviewer' WHERE id = ${id}`);
    await eventually(async () => expect((await call(b.app, 'GET', '/lead/sla', token)).status).toBe(403));
  });

  it('refuses the sessions of a deleted account', async () => {
    const { id, token } = await signIn('gone');
    expect((await call(b.app, 'GET', '/auth/me', token)).status).toBe(200);
    await a.deps.db.execute(sql`DELETE FROM users WHERE id = ${id}`);
    await eventually(async () => expect((await call(b.app, 'GET', '/auth/me', token)).body.code).toBe('not_signed_in'));
  });
});
