// The claims service over HTTP, every response parsed with the contract's schemas. Failures are
// sorted by what the engine should do about them: retry later (Unreachable), ask the user to sign
// in again (SessionExpired), or stop and show the server's words (ServerRefused).
import { z } from 'zod';
import { ApiError, ConfigResponse, LoginResponse } from '../../shared/contract/server.js';
import { type ClaimSearchQuery, ClaimSearchPage } from '../../shared/contract/desk-search.js';
import { type PullRequest, PullResponse, type PushRequest, PushResponse } from '../../shared/contract/sync.js';
import { Claim } from '../../shared/domain/claim.js';

// Pull pages carry up to 2,000 whole claims, and every one is parsed: the schema compiled once
// (zod's generated fast path, the same checks; an answer it rejects is parsed again by the
// runtime parser for the issues) parses a claim in about a quarter of the runtime parser's time.
const PullPage = z.compile(PullResponse);

/** The server could not be reached or failed (network, timeout, 5xx): try again later. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** The server no longer accepts the session (401): the user must sign in again. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your session on the claims service has ended. Sign in again to sync; your decisions are kept on this computer.');
    this.name = 'SessionExpiredError';
  }
}

/** The server answered but refused the request (4xx): retrying the same request will not help. */
export class ServerRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly params: ApiError['params'] = undefined,
  ) {
    super(message);
    this.name = 'ServerRefusedError';
  }
}

export interface ServerClientOptions {
  baseUrl: string;
  token: string | null;
  timeoutMs?: number;
  /** Aborts every request (the engine shutting down). */
  signal?: AbortSignal;
}

export class ServerClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: ServerClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  login(username: string, password: string): Promise<LoginResponse> {
    return this.json('POST', '/auth/login', LoginResponse, { username, password }, false);
  }

  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout', {}, true);
  }

  config(): Promise<ConfigResponse> {
    return this.json('GET', '/config', ConfigResponse, undefined, true);
  }

  push(body: PushRequest): Promise<PushResponse> {
    return this.json('POST', '/sync/push', PushResponse, body, true);
  }

  pull(body: PullRequest): Promise<PullResponse> {
    return this.json('POST', '/sync/pull', PullPage, body, true);
  }

  /** A GET the desk passes on for the lead's screens (shared/contract/lead.ts), its answer parsed with the schema. */
  get<T>(path: string, query: Record<string, string | number | boolean | undefined>, schema: z.ZodType<T>): Promise<T> {
    return this.json('GET', withQuery(path, query), schema, undefined, true);
  }

  /** A streamed GET (the decision log's CSV), for the caller to pipe on. */
  stream(path: string, query: Record<string, string | number | boolean | undefined>, timeoutMs = 10 * 60_000): Promise<Response> {
    return this.request('GET', withQuery(path, query), undefined, true, timeoutMs);
  }

  /** The "Everyone" search over every claim the user may see, beyond the desk's scope. */
  searchClaims(query: ClaimSearchQuery): Promise<ClaimSearchPage> {
    return this.json('POST', '/desk/claims/search', ClaimSearchPage, query, true);
  }

  /** One claim, opened on demand outside the desk's scope; null when the service has none by this id. */
  async claim(id: string): Promise<Claim | null> {
    try {
      return await this.json('GET', `/desk/claims/${encodeURIComponent(id)}`, Claim, undefined, true);
    } catch (error) {
      if (error instanceof ServerRefusedError && error.status === 404) return null;
      throw error;
    }
  }

  /** A PoE document's bytes as a stream; the caller verifies the hash. */
  async document(sha256: string, timeoutMs = 120_000): Promise<Response> {
    return this.request('GET', `/documents/${sha256}`, undefined, true, timeoutMs);
  }

  private async json<T>(method: string, path: string, schema: z.ZodType<T>, body: unknown, auth: boolean): Promise<T> {
    const response = await this.request(method, path, body, auth);
    let raw: unknown;
    try {
      raw = await response.json();
    } catch {
      throw new UnreachableError(`The claims service sent an unreadable answer to ${method} ${path}.`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      // A response that does not match the contract: a different server version. Retrying may
      // meet an upgraded server; the message says what to check.
      throw new UnreachableError(`The claims service at ${this.options.baseUrl} answered ${method} ${path} in an unexpected form; check that it is a PoE Desk server of this version.`);
    }
    return parsed.data;
  }

  private async request(method: string, path: string, body: unknown, auth: boolean, timeoutMs = this.timeoutMs): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) {
      if (!this.options.token) throw new SessionExpiredError();
      headers.authorization = `Bearer ${this.options.token}`;
    }
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.options.signal ? AbortSignal.any([this.options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : describeNetworkError(error);
      throw new UnreachableError(`Cannot reach the claims service at ${this.options.baseUrl} (${reason}).`);
    }
    if (response.ok) return response;
    const error = await readApiError(response);
    if (response.status === 401 && auth) throw new SessionExpiredError();
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new UnreachableError(`The claims service failed (${response.status}${error ? `: ${error.message}` : ''}); it will be tried again.`);
    }
    throw new ServerRefusedError(error?.message ?? `The claims service refused ${method} ${path} (${response.status}).`, response.status, error?.code ?? `http_${response.status}`, error?.params);
  }
}

function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readApiError(response: Response): Promise<ApiError | null> {
  try {
    const parsed = ApiError.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
