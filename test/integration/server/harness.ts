// The claims service in-process for tests, over either backend: an in-memory PGlite, or a fresh
// database on the PostgreSQL at 127.0.0.1:5432 that the run creates and drops. PostgreSQL being
// unreachable fails the tests (CI must not pass without having run them there).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pg from 'pg';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../../server/app.js';
import { anchoredStore, AuditAnchor } from '../../../server/audit/anchor.js';
import { createUser, type NewUser } from '../../../server/auth/users.js';
import { ManualClock } from '../../../server/clock.js';
import { PGlite } from '@electric-sql/pglite';
import { openPostgres, pgliteStore, type Store } from '../../../server/db/connect.js';
import { migrate, migrationFiles } from '../../../server/db/migrate.js';
import type { Deps } from '../../../server/deps.js';
import { BlobStore } from '../../../server/documents/blob-store.js';
import type { PdfLimits } from '../../../server/documents/inspect.js';
import type { MailMessage } from '../../../server/mail.js';
import { PullResponse } from '../../../shared/contract/sync.js';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  backend: Backend;
  /** For PostgreSQL: the connection string of the fresh database (other instances connect to it). */
  url: string | null;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

/** A fresh, empty database of this backend. */
export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    return { backend, url: null, open: openMigratedPglite, drop: async () => undefined };
  }
  const name = `poe_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${ADMIN_URL} is unreachable (${(error as Error).message}); the server tests need it. Start it, or set TEST_DATABASE_URL.`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    backend,
    url: url.toString(),
    open: () => openPostgres(url.toString(), { max: 5 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * An in-memory PGlite, already migrated. Creating one runs initdb (about 5 s of CPU); loading a
 * dump of a migrated one takes about 1 s, so the first test file writes that dump (keyed by the
 * migration files' contents) to the temp directory and the others load it.
 */
async function openMigratedPglite(): Promise<Store> {
  const files = await migrationFiles();
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update(await readFile(new URL(`../../../server/db/migrations/${name}`, import.meta.url)));
  const template = path.join(tmpdir(), `poe-desk-pglite-${hash.digest('hex').slice(0, 16)}.tgz`);
  const dump = await readFile(template).catch(() => null);
  if (dump) return pgliteStore(await PGlite.create({ loadDataDir: new Blob([dump]) }));
  const client = await PGlite.create();
  const store = pgliteStore(client);
  await migrate(store);
  const written = `${template}.${process.pid}`;
  await writeFile(written, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
  await rename(written, template); // atomic: a file loading it never sees half a dump
  return store;
}

export const START = '2026-03-02T08:00:00.000Z'; // a Monday, 09:00 in Prague

export interface TestService {
  app: FastifyInstance;
  /** Every route the service registered. */
  routes: readonly RouteOptions[];
  deps: Deps;
  store: Store;
  clock: ManualClock;
  mail: MailMessage[];
  close(): Promise<void>;
}

/**
 * The service over an open store (migrated here), with a manual clock, a capturing mailer and the
 * audit chain anchored in a file of its own (`auditAnchor.file`).
 */
export async function startService(store: Store, options: { clock?: ManualClock; blobsDir?: string; sessionTtlMs?: number; pdfLimits?: Partial<PdfLimits> } = {}): Promise<TestService> {
  await migrate(store);
  const blobsDir = options.blobsDir ?? (await mkdtemp(path.join(tmpdir(), 'poe-blobs-')));
  const clock = options.clock ?? new ManualClock(START);
  const mail: MailMessage[] = [];
  const anchorDir = await mkdtemp(path.join(tmpdir(), 'poe-anchor-'));
  const auditAnchor = new AuditAnchor(path.join(anchorDir, 'audit-anchor.jsonl'));
  const anchored = anchoredStore(store, auditAnchor);
  const { app, deps, routes } = await buildApp({
    store: anchored,
    auditAnchor,
    blobs: new BlobStore(blobsDir),
    clock,
    mailer: { send: async (m) => void mail.push(m) },
    publicUrl: 'http://desk.test',
    pdfLimits: { maxBytes: 2 * 1024 * 1024, ...options.pdfLimits },
    ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
  });
  return {
    app,
    routes,
    deps,
    store: anchored,
    clock,
    mail,
    close: async () => {
      await app.close();
      await auditAnchor.close();
      await rm(anchorDir, { recursive: true, force: true });
      if (!options.blobsDir) await rm(blobsDir, { recursive: true, force: true });
    },
  };
}

/** One database and one service for a whole test file. */
export async function serviceFor(backend: Backend, options: { sessionTtlMs?: number; pdfLimits?: Partial<PdfLimits> } = {}): Promise<TestService & { database: TestDatabase }> {
  const database = await freshDatabase(backend);
  const store = await database.open();
  const service = await startService(store, options);
  return {
    ...service,
    database,
    close: async () => {
      await service.close();
      await store.close();
      await database.drop();
    },
  };
}

// ---- people ----------------------------------------------------------------------------------

export const PASSWORD = 'correct horse battery';
export const PARTNER_A = '1029001';
export const PARTNER_B = '2048002';

export interface People {
  partnerA: string;
  partnerB: string;
  reviewer1: string;
  reviewer2: string;
  lead: string;
  ids: Record<'partnerA' | 'partnerB' | 'reviewer1' | 'reviewer2' | 'lead', string>;
}

/** Two partners, two reviewers and a lead, signed in: their bearer tokens and user ids. */
export async function people(service: TestService, suffix = ''): Promise<People> {
  const accounts: Record<keyof People['ids'], NewUser> = {
    partnerA: { username: `fabrikam${suffix}`, password: PASSWORD, name: 'Fiona Fabrikam', role: 'partner_admin', partnerId: PARTNER_A, partnerRole: 'incentives_admin' },
    partnerB: { username: `northwind${suffix}`, password: PASSWORD, name: 'Nina Northwind', role: 'partner_admin', partnerId: PARTNER_B, partnerRole: 'global_admin' },
    reviewer1: { username: `jana${suffix}`, password: PASSWORD, name: 'Jana Reviewer', role: 'reviewer' },
    reviewer2: { username: `petr${suffix}`, password: PASSWORD, name: 'Petr Reviewer', role: 'reviewer' },
    lead: { username: `lucie${suffix}`, password: PASSWORD, name: 'Lucie Lead', role: 'team_lead' },
  };
  const ids = {} as People['ids'];
  const tokens = {} as Record<keyof People['ids'], string>;
  for (const [key, account] of Object.entries(accounts) as [keyof People['ids'], NewUser][]) {
    ids[key] = await createUser(service.deps.db, service.clock, account);
    const res = await service.app.inject({ method: 'POST', url: '/auth/login', payload: { username: account.username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login of ${account.username} failed: ${res.body}`);
    tokens[key] = (res.json() as { token: string }).token;
  }
  return { ...tokens, ids };
}

// ---- requests --------------------------------------------------------------------------------

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read what each route answers
  headers: Record<string, unknown>;
  raw: Buffer;
}

export async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD', url: string, token: string | null, payload?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') && res.body ? res.json() : res.body, headers: res.headers, raw: res.rawPayload };
}

export async function uploadPdf(app: FastifyInstance, token: string, claimId: string, bytes: Uint8Array, name = 'poe.pdf'): Promise<Answer> {
  return call(app, 'PUT', `/partner/claims/${claimId}/documents?name=${encodeURIComponent(name)}`, token, Buffer.from(bytes), { 'content-type': 'application/pdf' });
}

// ---- data ------------------------------------------------------------------------------------

export function newClaimBody(partnerId: string, overrides: Record<string, unknown> = {}) {
  return {
    partnerId,
    partnerName: partnerId === PARTNER_A ? 'Fabrikam s.r.o.' : 'Northwind a.s.',
    activity: 'pre_sales',
    customer: { tenantId: randomUUID(), name: 'Contoso Ltd' },
    products: ['d365-sales', 'power-bi'],
    customerContact: { name: 'Carl Customer', email: 'carl@contoso.example' },
    partnerContact: { name: 'Paula Partner', email: 'paula@fabrikam.example' },
    ...overrides,
  };
}

/** A real PDF (pdf-lib) with `pages` pages; `label` makes its bytes, and so its SHA-256, unique. */
export async function makePdf(label: string, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) doc.addPage([595, 842]).drawText(`Proof of execution ${label}, page ${n}`, { x: 50, y: 780, size: 12, font });
  return doc.save();
}

/** A partner's claim taken through create, upload and submit; answers the claim. */
export async function submittedClaim(service: TestService, partnerToken: string, partnerId: string, label = randomUUID()): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const created = await call(service.app, 'POST', '/partner/claims', partnerToken, newClaimBody(partnerId));
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const uploaded = await uploadPdf(service.app, partnerToken, created.body.id, await makePdf(label));
  if (uploaded.status !== 201) throw new Error(`upload failed: ${JSON.stringify(uploaded.body)}`);
  const submitted = await call(service.app, 'POST', `/partner/claims/${created.body.id}/submit`, partnerToken);
  if (submitted.status !== 200) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
  return submitted.body;
}

// ---- the store's state -----------------------------------------------------------------------

/**
 * What a bad request must leave untouched: the change sequence, the audit chain's head, and the
 * number of rows in every table a request could write.
 */
export async function fingerprint(service: Pick<TestService, 'deps'>): Promise<string> {
  const q = async (text: string) => {
    const res = (await service.deps.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
    return JSON.stringify(res.rows);
  };
  return [
    await q('SELECT change_seq FROM sync_state'),
    await q('SELECT seq, hash FROM audit_head'),
    await q(
      `SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM documents) AS documents,
              (SELECT count(*) FROM document_uploads) AS uploads, (SELECT count(*) FROM mutation_results) AS results,
              (SELECT count(*) FROM opt_out_tokens WHERE used_at IS NULL) AS open_tokens, (SELECT max(version) FROM claims) AS max_version`,
    ),
  ].join('|');
}

/** A desktop: a client id and the next mutation id, pushing on behalf of one signed-in user. */
export class Desk {
  readonly clientId = randomUUID();
  private nextId = 1;

  constructor(
    private readonly service: Pick<TestService, 'app' | 'clock'>,
    readonly token: string,
  ) {}

  mutation(claimId: string, name: string, args: unknown, baseVersion: number, decidedAt?: string) {
    return { id: this.nextId++, claimId, name, args, baseVersion, decidedAt: decidedAt ?? this.service.clock.now() };
  }

  push(mutations: unknown[]): Promise<Answer> {
    return call(this.service.app, 'POST', '/sync/push', this.token, { clientId: this.clientId, mutations });
  }

  pull(cookie: number | null, limit?: number): Promise<Answer> {
    return call(this.service.app, 'POST', '/sync/pull', this.token, { clientId: this.clientId, cookie, ...(limit ? { limit } : {}) });
  }
}

export const passedChecklist = (products: string[]) =>
  Object.fromEntries(['poe_present', 'customer_acknowledgement', 'dates', 'partner_solution', ...products.map((p) => `product:${p}`)].map((k) => [k, { state: 'passed', evidence: [] }]));

/** The claim's version as the store holds it now. */
export async function versionOf(service: Pick<TestService, 'deps'>, claimId: string): Promise<number> {
  const res = (await service.deps.db.execute(sql`SELECT version FROM claims WHERE id = ${claimId}`)) as unknown as { rows: { version: number }[] };
  return res.rows[0]!.version;
}

/** Pushes one mutation on the claim's current version; fails the test unless it was processed. */
export async function decide(service: Pick<TestService, 'deps' | 'app' | 'clock'>, desk: Desk, claimId: string, name: string, args: unknown): Promise<void> {
  const mutation = desk.mutation(claimId, name, args, await versionOf(service, claimId));
  const res = await desk.push([mutation]);
  if (res.status !== 200 || res.body.lastMutationId !== mutation.id) throw new Error(`push of ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The outcome the store recorded for a pushed mutation. */
export async function resultOf(service: Pick<TestService, 'deps'>, desk: Desk, mutationId: number): Promise<{ status: string; refusal: { code: string } | null }> {
  const res = (await service.deps.db.execute(
    sql`SELECT status, refusal FROM mutation_results WHERE client_id = ${desk.clientId} AND mutation_id = ${mutationId}`,
  )) as unknown as { rows: { status: string; refusal: { code: string } | null }[] };
  if (!res.rows[0]) throw new Error(`no result for mutation ${mutationId}`);
  return res.rows[0];
}

/** Pulls every page from `cookie` on as `desk`; answers the pages (a pull the service does not answer with 200 fails the test). */
export async function pullAll(desk: Desk, cookie: number | null, limit?: number): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  for (;;) {
    const res = await desk.pull(cookie, limit);
    if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(res.body)}`);
    const page = PullResponse.parse(res.body);
    pages.push(page);
    cookie = page.cookie;
    if (!page.more) return pages;
  }
}

// ---- a service for a describe block ------------------------------------------------------------

export interface ServiceFixture {
  service: Awaited<ReturnType<typeof serviceFor>>;
  who: People;
  /** A desk for each of the two reviewers and the lead. */
  desks: Record<'reviewer1' | 'reviewer2' | 'lead', Desk>;
}

/**
 * For a describe block: a service on `backend` started before its tests, with the usual people and a
 * desk for each reviewer and the lead, and closed after them. Fields are set in beforeAll.
 */
export function serviceFixture(
  backend: Backend,
  hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  options: Parameters<typeof serviceFor>[1] = {},
): ServiceFixture {
  const fixture = {} as ServiceFixture;
  hooks.beforeAll(async () => {
    fixture.service = await serviceFor(backend, options);
    fixture.who = await people(fixture.service);
    const { who, service } = fixture;
    fixture.desks = { reviewer1: new Desk(service, who.reviewer1), reviewer2: new Desk(service, who.reviewer2), lead: new Desk(service, who.lead) };
  });
  hooks.afterAll(async () => fixture.service?.close());
  return fixture;
}
