// The claims service for server figures: in-process, listening on a free port of 127.0.0.1, over a
// fresh database on the local PostgreSQL (dropped afterwards), with its clock at the real time.
// Large stores are seeded with one set-based INSERT ... SELECT generate_series (never through the
// HTTP API): a million rows in well under a minute.
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { ManualClock } from '../../server/clock.js';
import { type Db, openPostgres } from '../../server/db/connect.js';
import { claimColumns } from '../../server/claims/records.js';
import { standingHolders } from '../../server/sync/scope.js';
import type { Claim } from '../../shared/domain/claim.js';
import { freshDatabase, people, startService, type People, type TestService } from '../../test/integration/server/harness.js';
import { makeClaim } from '../../test/unit/engine/fixtures.js';

export interface BenchServer {
  url: string;
  service: TestService;
  people: People;
  /** The database's connection string, for a raw `pg` client. */
  databaseUrl: string;
  close(): Promise<void>;
}

/** A database for benchmark servers: its people signed in (sessions live in the database, so any service over it takes their tokens). */
export interface BenchDatabase {
  url: string;
  people: People;
}

/**
 * The claims service over a fresh database (dropped when the server closes), or over `on`, a
 * database seeded before and shared (bench/support/million.ts), which outlives the server.
 */
export async function benchServer(options: { poolSize?: number; on?: BenchDatabase } = {}): Promise<BenchServer> {
  const database = options.on ? null : await freshDatabase('postgres');
  const url = options.on?.url ?? database!.url!;
  const store = await openPostgres(url, { max: options.poolSize ?? 5 });
  const service = await startService(store, { clock: new ManualClock(new Date().toISOString()) });
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = service.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    people: options.on?.people ?? (await people(service)),
    databaseUrl: url,
    close: async () => {
      await service.close();
      await store.close();
      await database?.drop();
    },
  };
}

/**
 * `count` claims cloned from one domain-made claim (submitted, assigned to `assignee` when given,
 * in its holders' desk scope),
 * each with its own id, number and tenant, in change-sequence order after what the store holds.
 * Numbers run CL-3000-00001 on (years no other claim uses, five digits per year).
 */
export async function seedClaims(db: Db, count: number, assignee: { id: string; name: string } | null): Promise<void> {
  const template: Claim = makeClaim({ assignee, at: new Date(Date.now() - 3_600_000).toISOString() });
  const columns = claimColumns(template, 0);
  const already = (await db.execute(sql`SELECT count(*)::int AS n FROM claims WHERE number LIKE 'CL-3%'`)) as unknown as { rows: { n: number }[] };
  const first = already.rows[0]!.n;
  await db.execute(sql`
    INSERT INTO claims (id, number, partner_id, tenant_id, status, assignee_id, version, data, change_seq, next_timer_at, created_at, updated_at)
    SELECT u.id, u.number, ${columns.partnerId}, u.tenant, ${columns.status}, ${columns.assigneeId}, ${columns.version},
           jsonb_set(jsonb_set(jsonb_set(${JSON.stringify(columns.data)}::jsonb, '{id}', to_jsonb(u.id::text)), '{number}', to_jsonb(u.number)),
                     '{customer,tenantId}', to_jsonb(u.tenant::text)),
           s.change_seq + u.g, ${columns.nextTimerAt?.toISOString() ?? null}::timestamptz, ${template.createdAt}::timestamptz, ${template.updatedAt}::timestamptz
    FROM (SELECT gen_random_uuid() AS id, gen_random_uuid() AS tenant, g,
                 'CL-' || (3000 + (g + ${first}) / 100000)::text || '-' || lpad(((g + ${first}) % 100000)::text, 5, '0') AS number
          FROM generate_series(1, ${count}::int) AS g) AS u,
         sync_state AS s`);
  await db.execute(sql`UPDATE sync_state SET change_seq = change_seq + ${count}::int`);
  // Who holds the new claims on their desk, by the service's rule (the assignee; leads when unassigned):
  // one scope row per holder and claim, at the claim's place in the change sequence.
  const leads = (await db.execute(sql`SELECT id FROM users WHERE role = 'team_lead'`)) as unknown as { rows: { id: string }[] };
  for (const userId of standingHolders(template, leads.rows.map((r) => r.id))) {
    await db.execute(sql`
      INSERT INTO scope_members (user_id, claim_id, held, acted_at, visible, change_seq)
      SELECT ${userId}, id, true, NULL, true, change_seq FROM claims
      WHERE change_seq > (SELECT change_seq FROM sync_state) - ${count}::int`);
  }
  await db.execute(sql`ANALYZE claims`);
  await db.execute(sql`ANALYZE scope_members`);
}

/** The head of the change sequence: the cookie of a desk that has synced everything. */
export async function headCookie(server: BenchServer): Promise<number> {
  const res = (await server.service.deps.db.execute(sql`SELECT change_seq FROM sync_state`)) as unknown as { rows: { change_seq: string | number }[] };
  return Number(res.rows[0]!.change_seq);
}

/** Claim ids and versions of the store in change-sequence order (the first `limit`). */
export async function claimIds(server: BenchServer, limit: number): Promise<{ id: string; version: number }[]> {
  const res = (await server.service.deps.db.execute(sql`SELECT id, version FROM claims ORDER BY change_seq LIMIT ${limit}`)) as unknown as { rows: { id: string; version: number }[] };
  return res.rows;
}

/** A JSON request to the server over HTTP, as a desktop makes it; throws unless it answers 2xx. */
export async function post<T>(server: { url: string }, url: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
