// The claims service as the tests run it: `server/demo/main.ts` (demo data) with its own data directory and port
// (stoppable and restartable on the same data), the demo accounts it printed, and a small client
// that acts as the other people of the scenario (a team lead, another reviewer) over its HTTP API.
import { randomUUID } from 'node:crypto';
import { LoginResponse } from '../../../shared/contract/server.js';
import { PullResponse, PushResponse } from '../../../shared/contract/sync.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { start, type Started } from './processes.js';

export interface Account {
  username: string;
  password: string;
  role: string;
}

export class ClaimsService {
  private process: Started | null = null;
  accounts = new Map<string, Account>();

  constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the service (seeding the demo data the first time) and waits until it listens. */
  async start(): Promise<void> {
    const p = start(process.execPath, ['--import', 'tsx', 'server/demo/main.ts'], { PORT: String(this.port), DATA_DIR: this.dataDir, LOG_LEVEL: 'warn' }, 'the claims service');
    this.process = p;
    await p.waitFor(/listening on http/, 240_000);
    for (const line of p.output) {
      const m = /^\s+(\S+)\s+(\S+)\s+(partner_admin|reviewer|team_lead)\b/.exec(line);
      if (m) this.accounts.set(m[1]!, { username: m[1]!, password: m[2]!, role: m[3]! });
    }
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = null;
  }

  account(role: 'reviewer' | 'team_lead', except: string[] = []): Account {
    const found = [...this.accounts.values()].find((a) => a.role === role && !except.includes(a.username));
    if (!found) throw new Error(`The demo data printed no ${role} account (besides ${except.join(', ')}).`);
    return found;
  }

  /** Signs in as someone and acts through the sync API, as their own desk would. */
  async as(account: Account): Promise<Actor> {
    const response = await fetch(`${this.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
    if (!response.ok) throw new Error(`Signing in as ${account.username} failed: ${response.status} ${await response.text()}`);
    return new Actor(this.url, LoginResponse.parse(await response.json()));
  }
}

export class Actor {
  private readonly clientId = randomUUID();
  private nextMutation = 1;

  constructor(
    private readonly url: string,
    readonly session: LoginResponse,
  ) {}

  private async post(path: string, body: unknown): Promise<unknown> {
    return this.call('POST', path, body);
  }

  /** Any route of the service as this user (a lead's query, the QA rule); the parsed JSON answer. */
  async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${this.session.token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} as ${this.session.user.username}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** Everything this user sees, and the outcomes of this client's mutations, from the start. */
  private async pullAll(): Promise<{ claims: Claim[]; results: PullResponse['mutationResults'] }> {
    const claims: Claim[] = [];
    const results: PullResponse['mutationResults'] = [];
    let cookie: number | null = null;
    for (;;) {
      const page = PullResponse.parse(await this.post('/sync/pull', { clientId: this.clientId, cookie, limit: 2000 }));
      claims.push(...page.claims);
      results.push(...page.mutationResults);
      if (!page.more) return { claims, results };
      cookie = page.cookie;
    }
  }

  /** Every claim this user sees, as the service has it now. */
  async claims(): Promise<Claim[]> {
    return (await this.pullAll()).claims;
  }

  async claim(number: string): Promise<Claim> {
    const found = (await this.claims()).find((c) => c.number === number);
    if (!found) throw new Error(`${this.session.user.username} cannot see claim ${number}.`);
    return found;
  }

  /** One mutation on the claim as it is now; resolves with the server's outcome for it. */
  async act(number: string, name: string, args: unknown): Promise<'applied' | 'refused'> {
    return this.actOn(await this.claim(number), name, args);
  }

  /**
   * The same on a claim found elsewhere (a lead may act on a claim outside the lead's desk scope);
   * `decidedAt` earlier than now is a decision made offline that arrives only now.
   */
  async actOn(claim: Claim, name: string, args: unknown, decidedAt = new Date().toISOString()): Promise<'applied' | 'refused'> {
    const id = this.nextMutation++;
    PushResponse.parse(await this.post('/sync/push', { clientId: this.clientId, mutations: [{ id, claimId: claim.id, name, args, baseVersion: claim.version, decidedAt }] }));
    const result = (await this.pullAll()).results.find((r) => r.mutationId === id);
    if (!result) throw new Error(`The server did not report the outcome of ${name} on ${claim.number}.`);
    return result.status;
  }
}
