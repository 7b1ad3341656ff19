// The real claims service for engine tests: buildApp over an embedded PGlite, listening on a free
// port of 127.0.0.1, with accounts and claims made through its own HTTP API (partners create,
// upload a real PDF and submit; a lead assigns through sync push, as a lead's desktop would).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { buildApp } from '../../../server/app.js';
import { createUser } from '../../../server/auth/users.js';
import { readClaim } from '../../../server/claims/read.js';
import { systemClock } from '../../../server/clock.js';
import { openPglite, type Store } from '../../../server/db/connect.js';
import { migrate } from '../../../server/db/migrate.js';
import type { Deps } from '../../../server/deps.js';
import { BlobStore } from '../../../server/documents/blob-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { passedChecklist } from '../../unit/engine/checklists.js';

export const PASSWORD = 'correct horse battery';
export const PARTNER_ID = '1029001';

export interface Account {
  id: string;
  username: string;
  name: string;
  password: string;
  token: string;
}

export interface ClaimsService {
  url: string;
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/**
 * The service in this process: over a fresh in-memory PGlite by default, or over a store and blobs
 * folder the caller opened (a scenario that seeds here and then runs server/main.ts on the same data);
 * closing closes the store either way and removes only a blobs folder it made itself.
 */
export async function startClaimsService(on?: { store: Store; blobsDir: string }): Promise<ClaimsService> {
  const store: Store = on?.store ?? (await openPglite(null));
  await migrate(store);
  const blobsDir = on?.blobsDir ?? (await mkdtemp(path.join(tmpdir(), 'poe-engine-blobs-')));
  const { app, deps } = await buildApp({ store, blobs: new BlobStore(blobsDir), clock: systemClock, mailer: { send: async () => undefined } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    deps,
    close: async () => {
      await app.close();
      await store.close();
      if (!on) await rm(blobsDir, { recursive: true, force: true });
    },
  };
}

export async function http(service: ClaimsService, method: string, url: string, token: string | null, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- each route answers its own shape
  const response = await fetch(`${service.url}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : new Blob([body as Uint8Array<ArrayBuffer>]),
  });
  const text = await response.text();
  return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

async function account(service: ClaimsService, input: { username: string; name: string; role: 'reviewer' | 'team_lead' | 'partner_admin' }): Promise<Account> {
  const partner = input.role === 'partner_admin' ? { partnerId: PARTNER_ID, partnerRole: 'global_admin' as const } : {};
  const id = await createUser(service.deps.db, systemClock, { ...input, password: PASSWORD, ...partner });
  const login = await http(service, 'POST', '/auth/login', null, { username: input.username, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login of ${input.username}: ${JSON.stringify(login.body)}`);
  return { id, username: input.username, name: input.name, password: PASSWORD, token: login.body.token };
}

export interface People {
  partner: Account;
  reviewer: Account;
  reviewer2: Account;
  lead: Account;
}

export async function people(service: ClaimsService): Promise<People> {
  return {
    partner: await account(service, { username: 'fabrikam', name: 'Fiona Fabrikam', role: 'partner_admin' }),
    reviewer: await account(service, { username: 'jana', name: 'Jana Dvořáková', role: 'reviewer' }),
    reviewer2: await account(service, { username: 'petr', name: 'Petr Novák', role: 'reviewer' }),
    lead: await account(service, { username: 'lucie', name: 'Lucie Lead', role: 'team_lead' }),
  };
}

export async function makePdf(label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(`Proof of execution ${label}`, { x: 50, y: 780, size: 12, font });
  return doc.save();
}

/** `count` claims created, given a PoE and submitted by the partner; answers their ids. */
export async function submittedClaims(service: ClaimsService, partner: Account, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await http(service, 'POST', '/partner/claims', partner.token, {
      partnerId: PARTNER_ID,
      partnerName: 'Fabrikam s.r.o.',
      activity: 'pre_sales',
      customer: { tenantId: randomUUID(), name: `Contoso ${i}` },
      products: ['d365-sales', 'power-bi'],
      customerContact: { name: 'Carl Customer', email: 'carl@contoso.example' },
      partnerContact: { name: 'Paula Partner', email: 'paula@fabrikam.example' },
    });
    if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    const uploaded = await http(service, 'PUT', `/partner/claims/${id}/documents?name=poe-${i}.pdf`, partner.token, await makePdf(`${id}`), 'application/pdf');
    if (uploaded.status !== 201) throw new Error(`upload: ${JSON.stringify(uploaded.body)}`);
    const submitted = await http(service, 'POST', `/partner/claims/${id}/submit`, partner.token);
    if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
    ids.push(id);
  }
  return ids;
}

/** A lead's (or another reviewer's) desktop talking sync directly: its own client id and mutation ids. */
export class RawDesk {
  readonly clientId = randomUUID();
  private nextId = 1;

  constructor(
    private readonly service: ClaimsService,
    private readonly who: Account,
  ) {}

  /** Pushes one decision on the claim's current version; fails unless the server applied it. */
  async decide(claimId: string, name: string, args: unknown): Promise<void> {
    const claim = await serverClaim(this.service, claimId);
    const mutation = { id: this.nextId++, claimId, name, args, baseVersion: claim.version, decidedAt: new Date().toISOString() };
    const res = await http(this.service, 'POST', '/sync/push', this.who.token, { clientId: this.clientId, mutations: [mutation] });
    if (res.status !== 200 || res.body.lastMutationId !== mutation.id) throw new Error(`push ${name}: ${JSON.stringify(res.body)}`);
    const [result] = await mutationResults(this.service, this.clientId, mutation.id);
    if (result?.status !== 'applied') throw new Error(`${name} on ${claimId} was refused: ${JSON.stringify(result?.refusal)}`);
  }
}

export async function assignAll(service: ClaimsService, lead: Account, claimIds: string[], to: Account): Promise<void> {
  const desk = new RawDesk(service, lead);
  for (const id of claimIds) await desk.decide(id, 'assign', { assignee: { id: to.id, name: to.name } });
}

export async function serverClaim(service: ClaimsService, id: string): Promise<Claim> {
  const claim = await readClaim(service.deps.db, id);
  if (!claim) throw new Error(`no claim ${id} on the server`);
  return claim;
}

export interface StoredResult {
  mutationId: number;
  claimId: string;
  name: string;
  status: 'applied' | 'refused';
  refusal: { code: string } | null;
}

/** The outcomes the server recorded for a client, by (clientId, mutationId): its idempotency key. */
export async function mutationResults(service: { deps: Pick<Deps, 'db'> }, clientId: string, mutationId?: number): Promise<StoredResult[]> {
  const rows = (await service.deps.db.execute(
    mutationId === undefined
      ? sql`SELECT mutation_id, claim_id, name, status, refusal FROM mutation_results WHERE client_id = ${clientId} ORDER BY mutation_id`
      : sql`SELECT mutation_id, claim_id, name, status, refusal FROM mutation_results WHERE client_id = ${clientId} AND mutation_id = ${mutationId}`,
  )) as unknown as { rows: { mutation_id: number; claim_id: string; name: string; status: 'applied' | 'refused'; refusal: { code: string } | null }[] };
  return rows.rows.map((r) => ({ mutationId: r.mutation_id, claimId: r.claim_id, name: r.name, status: r.status, refusal: r.refusal }));
}

/** The desktop client ids a user has synced with. */
export async function clientIdsOf(service: { deps: Pick<Deps, 'db'> }, user: Account): Promise<string[]> {
  const rows = (await service.deps.db.execute(sql`SELECT client_id FROM desktop_clients WHERE user_id = ${user.id}`)) as unknown as { rows: { client_id: string }[] };
  return rows.rows.map((r) => r.client_id);
}

export interface ServiceFixture {
  service: ClaimsService;
  who: People;
  claimIds: string[];
}

/**
 * For a describe block: a claims service started before its tests and closed after them, with the
 * usual people and `count` submitted claims assigned to the reviewer (the first `assigned` of them).
 * Fields are set in beforeAll.
 */
export function claimsServiceFixture(
  count: number,
  hooks: { beforeAll(fn: () => Promise<void>, timeout?: number): void; afterAll(fn: () => Promise<void>): void },
  /** How many of the claims (the first ones) are assigned to the reviewer; all by default. */
  assigned = count,
): ServiceFixture {
  const fixture = {} as ServiceFixture;
  hooks.beforeAll(async () => {
    fixture.service = await startClaimsService();
    fixture.who = await people(fixture.service);
    fixture.claimIds = await submittedClaims(fixture.service, fixture.who.partner, count);
    await assignAll(fixture.service, fixture.who.lead, fixture.claimIds.slice(0, assigned), fixture.who.reviewer);
    // Beyond the default hook timeout: on a loaded machine, starting a service and making claims is slow.
  }, 300_000);
  hooks.afterAll(async () => fixture.service?.close());
  return fixture;
}

/**
 * Samples every decision of the fixture's reviewer for QA, has them decide the claim (reject: no
 * customer acknowledgement; approve: every item passed) and answers the QA task that opened, which
 * goes to the other reviewer.
 */
export async function sampledDecision(fx: ServiceFixture, id: string, outcome: 'approve' | 'reject'): Promise<Claim['qa'][number]> {
  const { service, who } = fx;
  const rule = await http(service, 'PUT', '/lead/qa/rule', who.lead.token, { defaultShare: 0.1, firstDecisions: 20, perReviewer: { [who.reviewer.id]: 1 } });
  if (rule.status !== 200) throw new Error(`the QA rule was refused (${rule.status}): ${JSON.stringify(rule.body)}`);
  const reviewer = new RawDesk(service, who.reviewer);
  await reviewer.decide(id, 'startReview', {});
  const passed = passedChecklist(['d365-sales', 'power-bi']);
  if (outcome === 'approve') await reviewer.decide(id, 'approve', { checklist: passed, timeSpentMs: 60_000 });
  else {
    const checklist = { ...passed, customer_acknowledgement: { state: 'missing', evidence: [] } };
    await reviewer.decide(id, 'reject', { reason: 'insufficient_poe', comment: 'No acknowledgement by the customer.', commentId: randomUUID(), checklist, timeSpentMs: 60_000 });
  }
  const task = (await serverClaim(service, id)).qa.find((t) => t.state === 'open');
  if (!task) throw new Error(`the ${outcome} of claim ${id} opened no QA task`);
  return task;
}
