// The browser host: the desktop contract over HTTP on 127.0.0.1, for the browser build
// (`npm run web`) and the end-to-end tests.
//   POST /api/<channel>   JSON arguments -> JSON result (parsed with the channel's schemas)
//   GET  /api/events      server-sent events (the contract's EVENTS)
//   GET  /poe/<sha256>    a PoE from the engine's cache, with range requests
//   GET  /export/decisions.csv?query=<JSON>   the lead's filtered decision log as a CSV download
//   GET  /...             the renderer build (dist/renderer)
// Every API and PoE request must carry the per-run token (access-token.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CHANNEL_NAMES, CHANNELS, type ChannelName } from '../../shared/contract/desktop.js';
import { EngineError, type EngineErrorCode } from '../engine/engine-error.js';
import { serveCachedDocument } from '../engine/serve-document.js';
import { hasToken, isLoopbackHost, newToken } from './access-token.js';
import { streamEvents } from './event-stream.js';
import type { HostedEngine } from './hosted-engine.js';
import { serveStatic } from './static-files.js';
import { contentSecurityPolicy } from '../../shared/contract/renderer-policy.js';

export interface HostOptions {
  engine: HostedEngine;
  /** The renderer build to serve. */
  rendererDir: string;
  /** 0 (default) for any free port. */
  port?: number;
  /** Normally generated per run; tests may fix it. */
  token?: string;
}

export interface RunningHost {
  /** The address to open: includes the token, which the page keeps and removes from the address bar. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

const STATUS_OF: Record<EngineErrorCode, number> = {
  invalid_arguments: 400,
  unknown_channel: 404,
  not_signed_in: 401,
  not_found: 404,
  refused: 409,
  unreachable: 503,
  closed: 503,
  write_failed: 503,
};

const SECURITY_HEADERS: Record<string, string> = {
  // The same policy as Electron's app:// (documents come from this origin here, /poe/...).
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

function sendProblem(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { error: code, message });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new HttpProblem(415, 'unsupported_media_type', 'Send the arguments as JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpProblem(413, 'too_large', 'The arguments are larger than 1 MB.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The arguments are not valid JSON.');
  }
}

async function callChannel(engine: HostedEngine, channel: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!(CHANNEL_NAMES as string[]).includes(channel)) throw new HttpProblem(404, 'unknown_channel', `There is no channel ${channel}.`);
  const args = await readJson(request);
  let result: unknown;
  try {
    result = await engine.invoke(channel, args);
  } catch (error) {
    if (error instanceof EngineError) throw new HttpProblem(STATUS_OF[error.code], error.code, error.message);
    throw error;
  }
  // What leaves the host is what the contract says, whatever engine sits behind it.
  const parsed = CHANNELS[channel as ChannelName].result.safeParse(result);
  if (!parsed.success) throw new HttpProblem(500, 'invalid_result', `The engine answered ${channel} outside the contract; this is a bug in PoE Desk.`);
  sendJson(response, 200, parsed.data);
}

async function servePoe(engine: HostedEngine, sha: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  await engine.ensureDocument(sha).catch(() => false);
  const answer = await serveCachedDocument(engine.documentsDir, sha, request.headers.range);
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  answer.headers.forEach((value, key) => (headers[key] = value));
  response.writeHead(answer.status, headers);
  if (request.method === 'HEAD' || !answer.body) {
    await answer.body?.cancel();
    response.end();
    return;
  }
  Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(response);
}

/** The CSV export as a download: the engine streams it from the claims service, this pipes it on. */
async function serveDecisionsCsv(engine: HostedEngine, url: URL, response: ServerResponse): Promise<void> {
  let query: unknown;
  try {
    query = JSON.parse(url.searchParams.get('query') ?? '{}');
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The export filter (query) is not valid JSON.');
  }
  let answer: Response;
  try {
    answer = await engine.decisionsCsv(query);
  } catch (error) {
    if (error instanceof EngineError) throw new HttpProblem(STATUS_OF[error.code], error.code, error.message);
    throw error;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': answer.headers.get('content-type') ?? 'text/csv; charset=utf-8',
    'content-disposition': answer.headers.get('content-disposition') ?? 'attachment; filename="decisions.csv"',
    'cache-control': 'no-store',
  });
  Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(response);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  let port = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request, port)) {
      sendProblem(response, 421, 'wrong_host', `Open PoE Desk at http://127.0.0.1:${port}/ (the address npm run web printed).`);
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      if (name === 'events' && method === 'GET') {
        if (!hasToken(request, url, token, true)) throw new HttpProblem(401, 'token_required', 'This page has no valid access token. Open the address npm run web printed.');
        await streamEvents(options.engine, response, SECURITY_HEADERS);
        return;
      }
      if (method !== 'POST') throw new HttpProblem(405, 'method_not_allowed', 'Call channels with POST.');
      if (!hasToken(request, url, token, false)) throw new HttpProblem(401, 'token_required', 'This page has no valid access token. Open the address npm run web printed.');
      await callChannel(options.engine, name, request, response);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpProblem(405, 'method_not_allowed', 'Only GET and HEAD are served here.');
    if (url.pathname === '/export/decisions.csv') {
      if (!hasToken(request, url, token, true)) throw new HttpProblem(401, 'token_required', 'This page has no valid access token. Open the address npm run web printed.');
      await serveDecisionsCsv(options.engine, url, response);
      return;
    }
    const poe = /^\/poe\/([^/]+)$/.exec(url.pathname);
    if (poe) {
      if (!hasToken(request, url, token, true)) throw new HttpProblem(401, 'token_required', 'This page has no valid access token. Open the address npm run web printed.');
      await servePoe(options.engine, poe[1]!, request, response);
      return;
    }
    await serveStatic(options.rendererDir, url.pathname, response, method === 'HEAD', SECURITY_HEADERS);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpProblem) sendProblem(response, error.status, error.code, error.message);
      else {
        console.error('host: a request failed', error);
        sendProblem(response, 500, 'internal', `The PoE Desk host failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams stay open until closed: end them so that close() returns.
        server.closeAllConnections();
      }),
  };
}
