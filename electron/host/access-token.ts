// The host's per-run token. Anything on this machine can connect to 127.0.0.1, and a web page can
// make the browser send requests there; only the page opened with the printed URL knows the token.
// API calls carry it in a header (a cross-site page cannot set one without a preflight the host
// never grants); EventSource cannot set headers, so the event stream and PoE URLs also accept it
// as a query parameter.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-poe-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function hasToken(request: IncomingMessage, url: URL, token: string, allowQuery: boolean): boolean {
  const header = request.headers[TOKEN_HEADER];
  if (typeof header === 'string' && same(header, token)) return true;
  const query = url.searchParams.get('token');
  return allowQuery && query !== null && same(query, token);
}

/**
 * Only requests addressed to the host by its loopback name: a DNS-rebinding page (evil.example
 * resolving to 127.0.0.1) sends its own name in Host and is turned away.
 */
export function isLoopbackHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
