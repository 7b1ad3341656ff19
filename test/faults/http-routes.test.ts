// Every HTTP route of the claims service, taken from its OpenAPI document so that a new route
// cannot be left out: a permission matrix (every route x every role x own/foreign claim) and
// fast-check bodies, parameters and query strings. Never a 5xx; a request that is refused changes
// nothing in the store (change sequence, audit head, row counts: harness fingerprint).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, call, fingerprint, PARTNER_A, PARTNER_B, people, type People, serviceFor, submittedClaim } from '../integration/server/harness.js';
import { FULL, reportCounts } from './counts.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  path: string;
  secured: boolean;
  json: boolean;
}

/** Routes anyone may call without signing in; a new public route must be added here on purpose. */
const PUBLIC = ['POST /auth/login', 'GET /config', 'GET /health', 'GET /customer/opt-out/{token}', 'POST /customer/opt-out/{token}'];
/** Routes only a desk (reviewer, lead) uses, and routes only a partner uses. */
const deskOnly = (r: Route) => r.path.startsWith('/sync/') || r.path.startsWith('/desk/') || r.path === '/users/desk';
const partnerOnly = (r: Route) => r.path.startsWith('/partner/');

type Role = 'anonymous' | 'partnerA' | 'partnerB' | 'reviewer1' | 'lead';
const ROLES: Role[] = ['anonymous', 'partnerA', 'partnerB', 'reviewer1', 'lead'];

/**
 * A path part as a hostile client may send it: percent-encoded UTF-8, and a lone surrogate (which
 * encodeURIComponent refuses to encode) as its three WTF-8 bytes, which no UTF-8 decoder accepts.
 */
function encodePathPart(text: string): string {
  const lone = (unit: number) => [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  // for..of walks code points: a well-formed pair comes as one, a lone surrogate alone.
  return [...text].map((point) => (point.length === 1 && /[\uD800-\uDFFF]/u.test(point) ? lone(point.charCodeAt(0)) : encodeURIComponent(point))).join('');
}

describe('every HTTP route', () => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let routes: Route[];
  /** Partner A's submitted claim and its PoE: "own" for partner A, "foreign" for partner B. */
  let claimA: { id: string; documents: { sha256: string }[] };
  let requests = 0;
  let refusedChecked = 0;

  beforeAll(async () => {
    service = await serviceFor('pglite');
    who = await people(service);
    claimA = await submittedClaim(service, who.partnerA, PARTNER_A);
    await submittedClaim(service, who.partnerB, PARTNER_B);
    const doc = (await call(service.app, 'GET', '/openapi.json', null)).body as { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content?: Record<string, unknown> } }>>; security?: unknown[] };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase() as Method,
        path,
        secured: (op.security ?? doc.security ?? []).length > 0,
        json: Boolean(op.requestBody?.content?.['application/json']),
      })),
    );
  });
  afterAll(async () => service?.close());

  const token = (role: Role) => (role === 'anonymous' ? null : who[role]);
  const fill = (path: string, ids: { id: string; sha256: string; token: string }) => path.replace('{id}', ids.id).replace('{sha256}', ids.sha256).replace('{token}', ids.token);

  /** Sends one request; fails on a 5xx, and checks that a refused request changed nothing. */
  const send = async (method: Method, url: string, role: Role, payload?: unknown, headers?: Record<string, string>): Promise<Answer> => {
    const before = await fingerprint(service);
    const res = await call(service.app, method, url, token(role), payload, headers);
    requests++;
    expect(res.status, `${role} ${method} ${url} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(await fingerprint(service), `${role} ${method} ${url} was refused (${res.status}) but changed the store`).toBe(before);
      refusedChecked++;
    }
    return res;
  };

  it('declares every public route on purpose', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.secured).map((r) => `${r.method} ${r.path}`).sort()).toEqual([...PUBLIC].sort());
  });

  it('answers every route x role x own/foreign claim without a 5xx, and only as the role may', { timeout: 180_000 }, async () => {
    const own = { id: claimA.id, sha256: claimA.documents[0]!.sha256, token: 'a'.repeat(43) };
    for (const route of routes) {
      for (const role of ROLES) {
        // Partner A sees its own claim; partner B the same claim as a foreign one. Desk roles see it as a desk does.
        const url = fill(route.path, own);
        const res = await send(route.method, url, role, route.json ? {} : undefined);
        const label = `${role} ${route.method} ${route.path}`;
        const ok = res.status < 300;
        if (route.secured && role === 'anonymous') expect(res.status, label).toBe(401);
        if (role === 'partnerB' && (route.path.includes('{id}') || route.path.includes('{sha256}'))) expect(ok, `${label}: a partner reached another partner's claim`).toBe(false);
        if ((role === 'partnerA' || role === 'partnerB') && deskOnly(route)) expect(ok, `${label}: a partner reached a desk route`).toBe(false);
        if ((role === 'reviewer1' || role === 'lead') && partnerOnly(route)) expect(ok, `${label}: a desk user reached a partner route`).toBe(false);
      }
    }
  });

  it('never answers fast-check bodies, parameters and queries with a 5xx, and a refused one changes nothing', { timeout: 600_000 }, async () => {
    const runs = FULL ? 60 : 8;
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(5000), '\uD800', randomUUID(), claimA.id));
    const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('clientId', 'cookie', 'limit', 'mutations', 'username', 'password', 'products', 'customer', 'comment', 'ground', 'name'), fc.jsonValue()));
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<Role>(...ROLES), text, body, fc.option(fc.dictionary(fc.constantFrom('status', 'offset', 'limit', 'name', 'x'), text)), async (role, param, payload, query) => {
          const path = fill(route.path, { id: encodePathPart(param), sha256: encodePathPart(param), token: encodePathPart(param) });
          const qs = query ? `?${new URLSearchParams(query).toString()}` : '';
          const raw = route.method !== 'GET' && route.method !== 'DELETE';
          await send(route.method, `${path}${qs}`, role, raw ? JSON.stringify(payload) : undefined, raw ? { 'content-type': 'application/json' } : {});
        }),
        { numRuns: runs, seed: Number(process.env.FAULT_SEED ?? 19) },
      );
    }
    reportCounts('HTTP routes (permission matrix + fuzz)', { requestsFuzzed: requests, decisionsChecked: refusedChecked, lost: 0, duplicated: 0 });
  });
});
