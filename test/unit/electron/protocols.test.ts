// app:// serves the renderer's files with the CSP header and nothing outside its folder; poe://
// serves cached PoE documents with ranges, under CORS for the app's origin only.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCachedDocument } from '../../../electron/engine/serve-document.js';
import { createAppHandler, createPoeHandler, registerPrivilegedSchemes } from '../../../electron/main/protocols.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp.js';

let dir: string;
let rendererDir: string;
let cacheDir: string;
const pdf = Buffer.from('%PDF-1.7\n' + 'x'.repeat(1000) + '\n%%EOF\n');
const sha = createHash('sha256').update(pdf).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'poe-protocols-'));
  rendererDir = path.join(dir, 'renderer');
  cacheDir = path.join(dir, 'cache');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await mkdir(cacheDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>PoE Desk</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer');
  await writeFile(path.join(cacheDir, sha), pdf);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scheme registration', () => {
  it('registers app:// and poe:// as standard and secure, and neither bypasses CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerPrivilegedSchemes(protocol);
    const schemes = protocol.registerSchemesAsPrivileged.mock.calls[0]![0] as { scheme: string; privileges: Record<string, boolean> }[];
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'poe']);
    for (const { privileges } of schemes) {
      expect(privileges).toMatchObject({ standard: true, secure: true });
      expect(privileges.bypassCSP).toBeUndefined();
      expect(privileges.allowServiceWorkers).toBeUndefined();
    }
  });
});

describe('app://', () => {
  const get = (url: string, method = 'GET') => createAppHandler(rendererDir)(new Request(url, { method }));

  it('serves index.html for the root with the strict CSP header', async () => {
    const response = await get('app://poe-desk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>PoE Desk</title>');
  });

  it('serves an asset with its type', async () => {
    const response = await get('app://poe-desk/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://poe-desk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('never serves a file outside the renderer folder, encoded or not', async () => {
    for (const url of ['app://poe-desk/%2e%2e/secret.txt', 'app://poe-desk/..%2fsecret.txt', 'app://poe-desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
  });

  it('answers 404 for another host or a missing file, 405 for other methods', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://poe-desk/nope.js')).status).toBe(404);
    expect((await get('app://poe-desk/assets')).status).toBe(404);
    expect((await get('app://poe-desk/index.html', 'POST')).status).toBe(405);
  });
});

describe('poe://', () => {
  const handler = () => createPoeHandler((sha256, range) => serveCachedDocument(cacheDir, sha256, range));
  const get = (url: string, init?: RequestInit) => handler()(new Request(url, init));

  it('serves a whole cached document to the app origin under CORS', async () => {
    const response = await get(`poe://documents/${sha}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://poe-desk');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it('serves a byte range with 206 and exposes the range headers to the page', async () => {
    const response = await get(`poe://documents/${sha}`, { headers: { Range: 'bytes=0-8' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-8/${pdf.length}`);
    expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(await response.text()).toBe('%PDF-1.7\n');
  });

  it('answers 416 for an unsatisfiable range, 404 for an unknown or malformed address', async () => {
    expect((await get(`poe://documents/${sha}`, { headers: { Range: `bytes=${pdf.length + 10}-` } })).status).toBe(416);
    expect((await get(`poe://documents/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('poe://documents/../../etc/passwd')).status).toBe(404);
    expect((await get(`poe://elsewhere/${sha}`)).status).toBe(404);
  });

  it('answers a CORS preflight and HEAD, refuses other methods', async () => {
    const preflight = await get(`poe://documents/${sha}`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Range');
    const head = await get(`poe://documents/${sha}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(pdf.length));
    expect((await get(`poe://documents/${sha}`, { method: 'POST' })).status).toBe(405);
  });
});
