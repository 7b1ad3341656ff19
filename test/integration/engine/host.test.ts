// The browser host over a real engine and the real claims service: the contract over HTTP, the
// token on every call, events as SSE, PoE with ranges, and the renderer build.
import http from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { assignAll, type ClaimsService, people, type People, serverClaim, startClaimsService, submittedClaims } from './claims-service.js';

describe('browser host', () => {
  let service: ClaimsService;
  let who: People;
  let claimIds: string[];
  let engine: Engine;
  let host: RunningHost;
  let rendererDir: string;

  beforeAll(async () => {
    service = await startClaimsService();
    who = await people(service);
    claimIds = await submittedClaims(service, who.partner, 2);
    await assignAll(service, who.lead, [claimIds[0]!], who.reviewer);
    engine = await Engine.open({ dataDir: await tempDir('host'), serverUrl: service.url, autoSync: false, documentUrl: (sha) => `/poe/${sha}` });
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await engine['sync.now']({});
    rendererDir = await tempDir('renderer');
    await mkdir(path.join(rendererDir, 'assets'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>PoE Desk</title><div id="root"></div>');
    await writeFile(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log("app")');
    host = await startHost({ engine, rendererDir });
  });
  afterAll(async () => {
    await host?.close();
    await engine?.close();
    await service?.close();
  });

  const api = (channel: string, args: unknown, headers: Record<string, string> = { 'x-poe-token': host.token }) =>
    fetch(`${host.origin}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });

  it('requires the per-run token on API calls, events and PoE, and the loopback host name', async () => {
    for (const response of [
      await api('session.current', {}, {}),
      await api('session.current', {}, { 'x-poe-token': 'guess' }),
      await fetch(`${host.origin}/api/session.current?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${host.origin}/api/events`),
      await fetch(`${host.origin}/poe/${'a'.repeat(64)}`),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'token_required', message: expect.stringMatching(/npm run web printed/) });
    }
    // A page of another site that got 127.0.0.1 through DNS rebinding sends its own Host.
    const port = new URL(host.origin).port;
    const rebound = await new Promise<number>((resolve, reject) => {
      http
        .request({ host: '127.0.0.1', port, path: '/api/session.current', method: 'POST', headers: { host: `evil.example:${port}`, 'x-poe-token': host.token, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
        .on('error', reject)
        .end('{}');
    });
    expect(rebound).toBe(421);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
  });

  it('answers every channel as the contract says, and says what is wrong with a call', async () => {
    const session = await api('session.current', {});
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { id: who.reviewer.id } });
    const queue = await (await api('queue.query', { assignee: 'me' })).json();
    expect(queue).toMatchObject({ total: 1, rows: [{ id: claimIds[0] }] });

    const bad = await api('claims.get', { id: 'CL-1' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_arguments', message: expect.stringMatching(/id: Invalid UUID/) });
    expect((await api('claims.shred', {})).status).toBe(404);
    expect((await fetch(`${host.origin}/api/queue.query`, { headers: { 'x-poe-token': host.token } })).status).toBe(405);
    const notJson = await fetch(`${host.origin}/api/queue.query`, { method: 'POST', headers: { 'x-poe-token': host.token, 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('streams events: the sync status first, then the claims a decision changed', async () => {
    const abort = new AbortController();
    const response = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const nextEvent = async (name: string) => {
      for (;;) {
        const match = new RegExp(`event: ${name.replace('.', '\\.')}\\ndata: (.*)\\n\\n`).exec(text);
        if (match) {
          text = text.slice(match.index + match[0].length);
          return JSON.parse(match[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${name}`);
        text += value;
      }
    };
    expect(await nextEvent('sync.status')).toMatchObject({ connection: 'online', pending: 0 });
    const decided = await (await api('claims.mutate', { claimId: claimIds[0], name: 'startReview', args: {} })).json();
    expect(decided).toEqual({ ok: true, mutationId: expect.any(Number) });
    expect(await (await api('claims.get', { id: claimIds[0] })).json()).toMatchObject({ claim: { status: 'in_review' }, pending: [{ name: 'startReview' }] });
    expect(await nextEvent('claims.changed')).toEqual({ ids: [claimIds[0]], all: false });
    expect(await nextEvent('sync.status')).toMatchObject({ pending: 1 });
    abort.abort();
  });

  it('finds a claim outside the desk through the service, opens it on demand and serves its PoE with range requests, fetching it on first use', async () => {
    // Claim 2 is not assigned to her: not on her desk, so not prefetched; "Everyone" finds it.
    expect(await (await api('claims.get', { id: claimIds[1] })).json()).toBeNull();
    const number = (await serverClaim(service, claimIds[1]!)).number;
    const everyone = await (await api('claims.search', { search: number })).json();
    expect(everyone).toMatchObject({ online: true, total: 1, rows: [{ id: claimIds[1], number, pending: false, conflict: false }] });
    const opened = await (await api('claims.open', { id: claimIds[1] })).json();
    expect(opened).toMatchObject({ claim: { id: claimIds[1], number }, pending: [], conflicts: [] });
    // Opened, not held: the desk's queue still does not list it.
    expect((await (await api('queue.query', { search: number })).json()).total).toBe(0);
    const [doc] = (await (await api('documents.list', { claimId: claimIds[1] })).json()) as { sha256: string; url: string; cached: boolean }[];
    expect(doc).toMatchObject({ cached: false, url: `/poe/${doc!.sha256}` });
    const original = Buffer.from(await (await fetch(`${service.url}/documents/${doc!.sha256}`, { headers: { authorization: `Bearer ${who.reviewer.token}` } })).arrayBuffer());
    const part = await fetch(`${host.origin}${doc!.url}`, { headers: { 'x-poe-token': host.token, range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${original.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(original.subarray(0, 100))).toBe(true);
    expect((await (await api('documents.list', { claimId: claimIds[1] })).json())[0].cached).toBe(true);
    const whole = await fetch(`${host.origin}${doc!.url}?token=${host.token}`);
    // What pdf.js reads on its first, plain request before it switches to ranges.
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe(String(original.length));
    expect(whole.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await whole.arrayBuffer()).equals(original)).toBe(true);
    expect((await serverClaim(service, claimIds[1]!)).documents[0]?.sha256).toBe(doc!.sha256);
  });

  it('serves the renderer build, app routes as the app, and says how to build a missing one', async () => {
    const index = await fetch(`${host.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await index.text()).toContain('<div id="root">');
    const script = await fetch(`${host.origin}/assets/app-1234.js`);
    expect(script.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    expect(script.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await script.text()).toBe('console.log("app")');
    // Served from memory once read: a second request is the same file.
    expect(await (await fetch(`${host.origin}/assets/app-1234.js`)).text()).toBe('console.log("app")');
    expect(await (await fetch(`${host.origin}/claims/123`)).text()).toContain('<div id="root">');
    expect((await fetch(`${host.origin}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${host.origin}/assets/..%2f..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:');
    expect(await (await fetch(`${host.origin}/..%2f..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:');

    const bare = await startHost({ engine, rendererDir: await tempDir('no-build') });
    try {
      const page = await fetch(`${bare.origin}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run build:renderer');
    } finally {
      await bare.close();
    }
  });
});
