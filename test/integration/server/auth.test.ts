// Sign-in, sessions and the service routes (config, health, OpenAPI, user list), on both backends.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../shared/contract/server.js';
import { sessions } from '../../../server/db/schema.js';
import { tokenHash } from '../../../server/auth/tokens.js';
import { createUser } from '../../../server/auth/users.js';
import { BACKENDS, call, fingerprint, PASSWORD, serviceFixture } from './harness.js';

describe.each(BACKENDS)('auth and service routes on %s', (backend) => {
  const fx = serviceFixture(backend, { beforeAll, afterAll });

  it('signs in with the right password and answers the user', async () => {
    const res = await call(fx.service.app, 'POST', '/auth/login', null, { username: 'fabrikam', password: PASSWORD });
    expect(res.status).toBe(200);
    const body = LoginResponse.parse(res.body);
    expect(body.user).toMatchObject({ username: 'fabrikam', role: 'partner_admin', partnerId: '1029001', partnerRole: 'incentives_admin' });
    expect(Date.parse(body.expiresAt) - Date.parse(fx.service.clock.now())).toBe(12 * 3600 * 1000);
    // Stored hashed: the token itself is nowhere in the table.
    const [row] = await fx.service.deps.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(body.token)));
    expect(row?.tokenHash).not.toBe(body.token);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong password and an unknown user alike, with a clear message and no session', async () => {
    const before = await fx.service.deps.db.$count(sessions);
    for (const payload of [
      { username: 'fabrikam', password: 'wrong password' },
      { username: 'nobody', password: PASSWORD },
    ]) {
      const res = await call(fx.service.app, 'POST', '/auth/login', null, payload);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'wrong_credentials', message: expect.stringContaining('Wrong username or password') });
    }
    expect(await fx.service.deps.db.$count(sessions)).toBe(before);
  });

  it('throttles failed sign-ins per account and per address: 429 with Retry-After, and a message', async () => {
    const login = (username: string, password: string, remoteAddress: string) =>
      fx.service.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress });
    await createUser(fx.service.deps.db, fx.service.clock, { username: 'guessed', password: PASSWORD, name: 'Guessed Account', role: 'partner_admin', partnerId: '1029001', partnerRole: 'billing_admin' });
    // Per account: five failures from five addresses lock the account, even for the right password.
    for (let i = 0; i < 5; i++) expect((await login('guessed', 'wrong', `10.0.1.${i}`)).statusCode).toBe(401);
    const locked = await login('Guessed', PASSWORD, '10.0.1.99');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json()).toMatchObject({ code: 'too_many_sign_ins', message: expect.stringMatching(/Too many failed sign-ins for this account\. Wait \d+ minute/) });
    expect((await login('jana', PASSWORD, '10.0.1.99')).statusCode).toBe(200);
    // Per address: twenty failures over many accounts lock the address, not the others.
    for (let i = 0; i < 20; i++) expect((await login(`nobody${i}`, 'wrong', '10.0.2.1')).statusCode).toBe(401);
    const fromThere = await login('petr', PASSWORD, '10.0.2.1');
    expect(fromThere.statusCode).toBe(429);
    expect(fromThere.json().message).toMatch(/for this address/);
    expect((await login('petr', PASSWORD, '10.0.2.2')).statusCode).toBe(200);
  });

  it('answers 400 naming the field for a malformed login body', async () => {
    const res = await call(fx.service.app, 'POST', '/auth/login', null, { username: '' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.message).toMatch(/body\.username/);
    expect(res.body.message).toMatch(/body\.password/);
    const notJson = await call(fx.service.app, 'POST', '/auth/login', null, '{"username":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/not valid JSON/);
  });

  it('knows who a token belongs to, and logs out for good', async () => {
    const login = await call(fx.service.app, 'POST', '/auth/login', null, { username: 'jana', password: PASSWORD });
    const token = login.body.token as string;
    expect((await call(fx.service.app, 'GET', '/auth/me', token)).body).toMatchObject({ username: 'jana', role: 'reviewer', partnerId: null });
    expect((await call(fx.service.app, 'POST', '/auth/logout', token)).status).toBe(200);
    const after = await call(fx.service.app, 'GET', '/auth/me', token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('not_signed_in');
  });

  it('expires sessions after their lifetime', async () => {
    const login = await call(fx.service.app, 'POST', '/auth/login', null, { username: 'petr', password: PASSWORD });
    fx.service.clock.advance(12 * 3600 * 1000 + 1);
    try {
      const res = await call(fx.service.app, 'GET', '/auth/me', login.body.token);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'session_expired', message: expect.stringMatching(/Sign in again/) });
    } finally {
      fx.service.clock.advance(-(12 * 3600 * 1000 + 1));
    }
  });

  it('requires a bearer token, and the right role, before anything else', async () => {
    const state = await fingerprint(fx.service);
    const none = await call(fx.service.app, 'GET', '/partner/claims', null);
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Authorization: Bearer/);
    const garbage = await call(fx.service.app, 'GET', '/partner/claims', 'not-a-token');
    expect(garbage.status).toBe(401);
    const reviewerOnPartnerApi = await call(fx.service.app, 'GET', '/partner/claims', fx.who.reviewer1);
    expect(reviewerOnPartnerApi.status).toBe(403);
    expect(reviewerOnPartnerApi.body).toMatchObject({ code: 'role_not_allowed', message: expect.stringMatching(/Only partner admins/) });
    const partnerOnSync = await call(fx.service.app, 'POST', '/sync/pull', fx.who.partnerA, { clientId: crypto.randomUUID(), cookie: null });
    expect(partnerOnSync.status).toBe(403);
    const reviewerOnAudit = await call(fx.service.app, 'GET', '/audit/verify', fx.who.reviewer1);
    expect(reviewerOnAudit.status).toBe(403);
    expect(await fingerprint(fx.service)).toBe(state);
  });

  it('authenticates before it validates, on every route that needs a user', async () => {
    const guarded = fx.service.routes.filter((route) => (route.schema as { security?: unknown[] } | undefined)?.security?.length !== 0);
    expect(guarded.length).toBeGreaterThan(15);
    const state = await fingerprint(fx.service);
    for (const route of guarded) {
      for (const method of [route.method].flat()) {
        // Path parameters that no schema accepts, a query and a body that none accepts either.
        const url = `${route.url.replace(/:\w+/g, 'not-an-id')}?limit=-1&name=`;
        const res = await fx.service.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'HEAD' ? undefined : '{"clientId": 7, "mutations": "x"' });
        expect({ route: `${method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${method} ${route.url}`, status: 401 });
        if (method !== 'HEAD') expect(res.json()).toMatchObject({ code: 'not_signed_in' });
      }
    }
    expect(await fingerprint(fx.service)).toBe(state);
  });

  it('serves the calendar, health, the desk users and the OpenAPI document', async () => {
    const config = await call(fx.service.app, 'GET', '/config', null);
    expect(config.body).toEqual({ calendar: { zone: 'Europe/Prague', country: 'CZ', extraClosures: [], workedHolidays: [] } });
    expect((await call(fx.service.app, 'GET', '/health', null)).body).toEqual({ ok: true, store: backend });
    const desk = await call(fx.service.app, 'GET', '/users/desk', fx.who.lead);
    expect(desk.body.users.map((u: { username: string }) => u.username)).toEqual(['jana', 'lucie', 'petr']);
    expect((await call(fx.service.app, 'GET', '/users/desk', fx.who.partnerA)).status).toBe(403);
    const openapi = await call(fx.service.app, 'GET', '/openapi.json', null);
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\./);
    for (const route of ['/auth/login', '/partner/claims', '/partner/claims/{id}/documents', '/sync/pull', '/sync/push', '/customer/opt-out/{token}', '/documents/{sha256}', '/audit/verify']) {
      expect(Object.keys(openapi.body.paths)).toContain(route);
    }
    expect(openapi.body.paths['/openapi.json']).toBeUndefined();
    expect(openapi.body.paths['/auth/login'].post.security).toEqual([]);
    expect(openapi.body.paths['/customer/opt-out/{token}'].post.security).toEqual([]);
    expect(openapi.body.security).toEqual([{ bearer: [] }]);

    // Issue 14, item 14: what integrators need. Each pushed action's arguments, by name.
    const mutation = openapi.body.paths['/sync/push'].post.requestBody.content['application/json'].schema.properties.mutations.items;
    expect(mutation.discriminator).toEqual({ propertyName: 'name' });
    const branch = (name: string) => mutation.oneOf.find((b: { properties: { name: { enum: string[] } } }) => b.properties.name.enum[0] === name);
    expect(mutation.oneOf.map((b: { title: string }) => b.title)).toEqual(mutation.properties.name.enum);
    expect(branch('reject').properties.args).toMatchObject({ type: 'object', properties: { reason: { type: 'string' }, comment: { type: 'string' } } });
    expect(branch('comment').properties.args.required).toEqual(expect.arrayContaining(['commentId', 'text']));
    expect(mutation.properties.decidedAt).toMatchObject({ type: 'string', format: 'date-time' });
    // The PDF upload bodies, as the routes take them: raw bytes.
    for (const [path, method] of [['/partner/claims/{id}/documents', 'put'], ['/partner/documents', 'post']] as const) {
      const body = openapi.body.paths[path][method].requestBody;
      expect(Object.keys(body.content)).toEqual(['application/pdf', 'application/octet-stream']);
      expect(body.content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
    }
    // The document route's answers.
    const answers = openapi.body.paths['/documents/{sha256}'].get.responses;
    expect(Object.keys(answers)).toEqual(expect.arrayContaining(['200', '206', '404', '416']));
    expect(answers['206'].content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(answers['416'].description).toMatch(/Content-Range/);
  });

  it('answers unknown routes with a pointer to the API description', async () => {
    const res = await call(fx.service.app, 'GET', '/nope', null);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'no_such_route', message: expect.stringMatching(/openapi\.json/) });
  });
});
