// The two custom schemes. app:// serves the renderer's built files (never file://, security
// checklist #18), each response with the strict CSP header (#7). poe:// serves PoE documents out of
// the engine's cache, with HTTP range requests so pdf.js reads a large PDF a piece at a time.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { Sha256 } from '../../shared/domain/model.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, POE_HOST, POE_SCHEME } from './app-url.js';
import { RENDERER_CONTENT_TYPES } from '../../shared/contract/renderer-policy.js';
import { securityHeaders } from './csp.js';

/**
 * Must run before the app is ready: only schemes registered then get these privileges.
 * - standard: real origins and relative URLs (app://poe-desk/assets/x.js), so CSP 'self' works;
 * - secure: treated like https (no mixed-content downgrade, secure-context APIs);
 * - supportFetchAPI + corsEnabled on poe://: the page fetches documents cross-scheme under CORS;
 * - stream on poe://: large bodies are streamed, not buffered.
 * Neither scheme bypasses CSP.
 */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: POE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
  ]);
}

const notFound = (what: string) => new Response(`${what} is not part of PoE Desk.`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });

/** app://poe-desk/<path>: a file of the renderer's build, never anything outside its folder. */
export function createAppHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return notFound(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD', ...securityHeaders() } });
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return notFound(url.pathname);
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(root, `.${relative}`);
    // The URL parser already folds "..", but an encoded one (%2e%2e, %2f) survives until here.
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(url.pathname);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return notFound(url.pathname);
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(info.size),
        ...securityHeaders(),
      },
    });
  };
}

/** What the engine's cache answers for one document and one Range header. */
export type DocumentReader = (sha256: string, range: string | null) => Promise<Response>;

/** The page (app://) reads poe:// under CORS: only the app's origin, and the headers pdf.js needs. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': APP_ORIGIN,
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length',
  Vary: 'Origin',
};

/** poe://documents/<sha256>: a PoE document from the engine's cache, range requests included. */
export function createPoeHandler(read: DocumentReader): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD', ...CORS_HEADERS } });
    }
    const sha256 = Sha256.safeParse(url.pathname.replace(/^\//, ''));
    if (url.host !== POE_HOST || !sha256.success) {
      return new Response(`${request.url} does not name a PoE document (poe://documents/<sha256>).`, { status: 404, headers: CORS_HEADERS });
    }
    const answer = await read(sha256.data, request.headers.get('Range'));
    const headers = new Headers(answer.headers);
    for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
    // A PoE comes from outside the company: never let it be sniffed into something the page runs.
    headers.set('X-Content-Type-Options', 'nosniff');
    if (request.method === 'HEAD') {
      await answer.body?.cancel(); // closes the file the reader opened
      return new Response(null, { status: answer.status, headers });
    }
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
  };
}
