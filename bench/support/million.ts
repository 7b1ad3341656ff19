// The run's store of a million claims: one PostgreSQL database seeded the first time a figure asks
// (set-based SQL, never the HTTP API; secondary indexes built once after the load) and shared by
// every figure that needs a service holding 1,000,000 claims, each of which starts its own service
// over it with benchServer({ on: await millionClaims() }). Seeding it took minutes per figure before
// (pull_10_changes_1m, the lead's board); now it is paid once per `npm run bench`, and the database
// is dropped when the run ends (releaseMillion, called by bench/run.ts).
//
// What it holds, so figures can rely on it:
//  - the harness's people (partners, reviewer1 "jana", reviewer2, the lead), signed in: `people`;
//  - JANA_CLAIMS submitted claims assigned to jana, in her desk scope (a reviewer's first sync);
//  - the rest submitted claims of a team of TEAM reviewers (ids bench-r0.., no accounts): a third
//    unassigned (in the lead's scope, the pool), the submitted SLA due anywhere from 10 days ago to
//    20 days ahead, numbers CL-5xxx;
//  - the running clocks' rows and tally the lead's board reads (rebuilt after the load);
//  - nothing else: no decisions, no audit events (figures add what they measure, e.g. the lead's
//    decision log; rows a figure adds stay for the figures after it, so none relies on another's).
import { sql } from 'drizzle-orm';
import { claimColumns } from '../../server/claims/records.js';
import { ManualClock } from '../../server/clock.js';
import { type Db, openPostgres } from '../../server/db/connect.js';
import { rebuildClaimClocks } from '../../server/lead/clock-index.js';
import type { Claim } from '../../shared/domain/claim.js';
import { freshDatabase, people, startService, type TestDatabase } from '../../test/integration/server/harness.js';
import { makeClaim } from '../../test/unit/engine/fixtures.js';
import { elapsed } from '../measure.js';
import { withoutIndexes } from './bulk-load.js';
import { type BenchDatabase, seedClaims } from './claims-server.js';

export const MILLION = 1_000_000;
export const JANA_CLAIMS = 500;
export const TEAM = 20;

export interface MillionDatabase extends BenchDatabase {
  claims: number;
  /** How long seeding took, once for the run. */
  seedSeconds: number;
}

let shared: Promise<{ database: TestDatabase; million: MillionDatabase }> | null = null;

/** The run's million-claim database, seeded on first use. */
export async function millionClaims(): Promise<MillionDatabase> {
  shared ??= seed();
  return (await shared).million;
}

/** Drops the database if this run seeded one. */
export async function releaseMillion(): Promise<void> {
  if (!shared) return;
  const { database } = await shared;
  shared = null;
  await database.drop();
}

async function seed(): Promise<{ database: TestDatabase; million: MillionDatabase }> {
  const database = await freshDatabase('postgres');
  const store = await openPostgres(database.url!, { max: 2 });
  try {
    const service = await startService(store, { clock: new ManualClock(new Date().toISOString()) });
    try {
      const who = await people(service);
      const db = service.deps.db;
      const ms = await elapsed(() =>
        withoutIndexes(db, ['claims', 'scope_members', 'claim_clocks', 'clock_tally'], async () => {
          await seedClaims(db, JANA_CLAIMS, { id: who.ids.reviewer1, name: 'Jana Reviewer' });
          await seedTeamClaims(db, MILLION - JANA_CLAIMS);
          // The lead's board reads the running clocks' rows, which a claim change keeps: after a bulk load, rebuilt.
          await rebuildClaimClocks(db);
        }),
      );
      return { database, million: { url: database.url!, people: who, claims: MILLION, seedSeconds: ms / 1000 } };
    } finally {
      await service.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * `count` submitted claims cloned from one domain-made claim, their submitted SLA due anywhere from
 * 10 days ago to 20 days ahead, a third unassigned (held by the leads, as the service's scope rule
 * says) and the rest spread over the team.
 */
async function seedTeamClaims(db: Db, count: number): Promise<void> {
  const template: Claim = makeClaim({ assignee: null, at: new Date(Date.now() - 3_600_000).toISOString() });
  const columns = claimColumns(template, 0);
  await db.execute(sql`
    INSERT INTO claims (id, number, partner_id, tenant_id, status, assignee_id, version, data, change_seq, next_timer_at, created_at, updated_at)
    SELECT u.id, u.number, ${columns.partnerId}, gen_random_uuid(), ${columns.status}, u.assignee, ${columns.version},
           jsonb_set(jsonb_set(jsonb_set(jsonb_set(${JSON.stringify(columns.data)}::jsonb, '{id}', to_jsonb(u.id::text)), '{number}', to_jsonb(u.number)),
                               '{clocks,submitted_sla,dueAt}', to_jsonb(to_char(u.due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
                     '{assignee}', CASE WHEN u.assignee IS NULL THEN 'null'::jsonb ELSE jsonb_build_object('id', u.assignee, 'name', 'Reviewer ' || u.r) END),
           s.change_seq + u.g, NULL, ${template.createdAt}::timestamptz, ${template.updatedAt}::timestamptz
    FROM (SELECT gen_random_uuid() AS id, g, g % ${TEAM} AS r,
                 CASE WHEN g % 3 = 0 THEN NULL ELSE 'bench-r' || (g % ${TEAM}) END AS assignee,
                 now() - interval '10 days' + random() * interval '30 days' AS due,
                 'CL-5' || lpad((g / 100000)::text, 3, '0') || '-' || lpad((g % 100000)::text, 5, '0') AS number
          FROM generate_series(1, ${count}::int) AS g) AS u,
         sync_state AS s`);
  await db.execute(sql`
    INSERT INTO scope_members (user_id, claim_id, held, acted_at, visible, change_seq)
    SELECT l.id, c.id, true, NULL, true, c.change_seq FROM claims c, users l
    WHERE l.role = 'team_lead' AND c.assignee_id IS NULL AND c.change_seq > (SELECT change_seq FROM sync_state)`);
  await db.execute(sql`UPDATE sync_state SET change_seq = change_seq + ${count}::int`);
}
