// The browser host: the desktop contract over HTTP on 127.0.0.1, for the browser build
// (`npm run web`) and the end-to-end tests. Fastify routes, parses and limits; @fastify/static
// serves the renderer build, but for its hashed assets, which are sent from memory.
//   POST /api/<channel>   JSON arguments -> JSON result (the engine parses the arguments, the page the result)
//   GET  /api/events      server-sent events (the contract's EVENTS)
//   GET  /poe/<sha256>    a PoE from the engine's cache, with range requests
//   GET  /export/decisions.csv?query=<JSON>   the lead's filtered decision log as a CSV download
//   GET  /...             the renderer build (dist/renderer)
// Every API and PoE request must carry the per-run token (access-token.ts).
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyRequest } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CHANNEL_NAMES } from '../../shared/contract/desktop.js';
import { contentSecurityPolicy, RENDERER_CONTENT_TYPES } from '../../shared/contract/renderer-policy.js';
import { EngineError, type EngineErrorCode } from '../engine/engine-error.js';
import { serveCachedDocument } from '../engine/serve-document.js';
import { hasToken, isLoopbackHost, newToken } from './access-token.js';
import { streamEvents } from './event-stream.js';
import type { HostedEngine } from './hosted-engine.js';

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

const NO_TOKEN = 'This page has no valid access token. Open the address npm run web printed.';

const NOT_BUILT = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>PoE Desk: the interface is not built</title>
<body style="font: 15px system-ui, sans-serif; padding: 32px; max-width: 640px">
<h1 style="font-size: 20px">The PoE Desk interface has not been built yet</h1>
<p>The engine and the claims service are running, but there is no renderer build in <code>dist/renderer</code>.</p>
<p>Build it with <code>npm run build:renderer</code>, then reload this page (no restart needed).</p>
</body></html>`;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fastify's own refusals of a request, in the host's words. */
const FASTIFY_PROBLEMS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', 'The arguments are larger than 1 MB.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the arguments as JSON (Content-Type: application/json).'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_body', 'The request body does not match its Content-Length.'],
};

function problemOf(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof EngineError) return new HttpProblem(STATUS_OF[error.code], error.code, error.message);
  const known = FASTIFY_PROBLEMS[(error as { code?: string }).code ?? ''];
  if (known) return new HttpProblem(...known);
  console.error('host: a request failed', error);
  return new HttpProblem(500, 'internal', `The PoE Desk host failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** A web stream (the engine's Response bodies) as the Node stream Fastify sends. */
const nodeStream = (body: ReadableStream<Uint8Array>) => Readable.fromWeb(body as WebReadableStream<Uint8Array>);

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const { engine } = options;
  const root = path.resolve(options.rendererDir);
  const app = Fastify({ bodyLimit: MAX_BODY, logger: false });
  let port = 0;

  // An empty body is no arguments; anything else must be JSON.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new HttpProblem(400, 'invalid_json', 'The arguments are not valid JSON.'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
    if (!isLoopbackHost(request.raw, port)) throw new HttpProblem(421, 'wrong_host', `Open PoE Desk at http://127.0.0.1:${port}/ (the address npm run web printed).`);
  });

  app.setErrorHandler((error, _request, reply) => {
    const problem = problemOf(error);
    if (reply.sent || reply.raw.headersSent) return void reply.raw.destroy();
    return reply.code(problem.status).header('cache-control', 'no-store').send({ error: problem.code, message: problem.message });
  });

  /** The token, in the header (API calls) or, where a header cannot be set (EventSource, PoE URLs, downloads), the query. */
  const requireToken = (allowQuery: boolean) => async (request: FastifyRequest) => {
    if (!hasToken(request.raw, new URL(request.url, 'http://127.0.0.1'), token, allowQuery)) throw new HttpProblem(401, 'token_required', NO_TOKEN);
  };

  app.get('/api/events', { onRequest: requireToken(true) }, async (_request, reply) => {
    reply.hijack();
    await streamEvents(engine, reply.raw, { ...SECURITY_HEADERS });
  });

  app.post<{ Params: { channel: string } }>('/api/:channel', { onRequest: requireToken(false) }, async (request, reply) => {
    const { channel } = request.params;
    if (!(CHANNEL_NAMES as string[]).includes(channel)) throw new HttpProblem(404, 'unknown_channel', `There is no channel ${channel}.`);
    if (!request.headers['content-type']?.startsWith('application/json')) throw new HttpProblem(...FASTIFY_PROBLEMS.FST_ERR_CTP_INVALID_MEDIA_TYPE!);
    // The engine parses the arguments (its table); the answer is parsed where it arrives, in the page's client.
    const result = await engine.invoke(channel, request.body ?? {});
    return reply.header('cache-control', 'no-store').send(result);
  });

  app.all('/api/*', async () => {
    throw new HttpProblem(405, 'method_not_allowed', 'Call channels with POST.');
  });

  app.route<{ Params: { sha: string } }>({
    method: ['GET', 'HEAD'],
    url: '/poe/:sha',
    exposeHeadRoute: false,
    onRequest: requireToken(true),
    handler: async (request, reply) => {
      await engine.ensureDocument(request.params.sha).catch(() => false);
      const answer = await serveCachedDocument(engine.documentsDir, request.params.sha, request.headers.range);
      answer.headers.forEach((value, key) => void reply.header(key, value));
      reply.code(answer.status);
      if (request.method === 'HEAD' || !answer.body) {
        await answer.body?.cancel();
        return reply.send();
      }
      return reply.send(nodeStream(answer.body));
    },
  });

  /** The CSV export as a download: the engine streams it from the claims service, this pipes it on. */
  app.get<{ Querystring: { query?: string } }>('/export/decisions.csv', { onRequest: requireToken(true) }, async (request, reply) => {
    let query: unknown;
    try {
      query = JSON.parse(request.query.query ?? '{}');
    } catch {
      throw new HttpProblem(400, 'invalid_json', 'The export filter (query) is not valid JSON.');
    }
    const answer = await engine.decisionsCsv(query);
    return reply
      .header('content-type', answer.headers.get('content-type') ?? 'text/csv; charset=utf-8')
      .header('content-disposition', answer.headers.get('content-disposition') ?? 'attachment; filename="decisions.csv"')
      .header('cache-control', 'no-store')
      .send(nodeStream(answer.body!));
  });

  // The build's assets are named by their content's hash and never change: each is read once and
  // sent from memory in one write. Streamed from disk, the PoE viewer's scripts (pdf.js's 1.2 MB
  // worker, its 570 KB viewer) took a read and an event-loop turn per 64 KB, and a cold start with a
  // claim in the address waits for both before its first page (issue 18.2).
  const assets = new Map<string, Buffer>();
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    let bytes = assets.get(file);
    if (!bytes) {
      // One file name in assets/, nothing else on disk.
      const read = /^[\w.-]+$/.test(file) && !file.startsWith('.') ? await readFile(path.join(root, 'assets', file)).catch(() => null) : null;
      if (!read) return reply.code(404).type('text/plain; charset=utf-8').send('Not found.');
      bytes = read;
      assets.set(file, bytes);
    }
    return reply
      .type(RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(bytes);
  });

  await app.register(fastifyStatic, {
    root,
    // The app routes itself: a path without a file is the app (the not-found handler below).
    wildcard: true,
    index: ['index.html'],
    serveDotFiles: false,
    setHeaders: (reply, file) => {
      const type = RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()];
      if (type) reply.header('content-type', type);
      // Vite names assets by content hash: they never change. index.html must always be fresh.
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpProblem(405, 'method_not_allowed', 'Only GET and HEAD are served here.');
    // A missing asset is a 404; an app route (no extension) is the app.
    if (path.extname(new URL(request.url, 'http://127.0.0.1').pathname) !== '') return reply.code(404).type('text/plain; charset=utf-8').send('Not found.');
    if (!(await stat(path.join(root, 'index.html')).catch(() => null))?.isFile()) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    return reply.sendFile('index.html');
  });

  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      // Event streams stay open until closed: end them so that close() returns.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

