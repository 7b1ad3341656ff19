// The team lead's desk against PostgreSQL at scale (issue 16, Speed), on the run's million-claim
// database (bench/support/million.ts, seeded once per run), its decision log seeded here with
// set-based SQL (INSERT ... SELECT generate_series; the log's indexes rebuilt after the bulk load,
// as a restore would), never through the HTTP API:
//   lead_log_first_page_p95    the decision log's first page with filters (one reviewer's rejections
//                              of the last 30 days, newest first, 50 rows) over HTTP at 1,000,000
//                              decisions, p95 (goal <= 150 ms); baseline: the same SELECT (the route's
//                              own SQL, log-query.ts decisionPageSql) run by a raw `pg` client, p95
//   lead_log_ratio_1m_vs_100k  that p95 at 1,000,000 over the same at 100,000 (goal <= 1.5);
//                              baseline: the raw SELECT's ratio
//   lead_csv_rows_per_s        GET /lead/decisions.csv of all 100,000 decisions, streamed (goal >=
//                              50,000 rows/s), with the process's RSS growth while it streams (goal
//                              <= 50 MB); baseline: the same rows read by one raw `pg` SELECT
//   lead_sla_board_1m          GET /lead/sla over 1,000,000 claims with running clocks, median of 5
//                              (goal <= 300 ms); baseline: a raw `pg` count(*) over the same claims
// The figures share one measurement (seeding a million rows once): asking for any of them measures all.
// The decisions reference no audit events (what happened later is looked up per row, and finds
// nothing): the log's cost here is its filters, order and paging.
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { decisionPageSql } from '../../server/lead/log-query.js';
import { type Figure, shared } from '../figure.js';
import { elapsed, percentile } from '../measure.js';
import { withoutIndexes } from '../support/bulk-load.js';
import { benchServer, type BenchServer } from '../support/claims-server.js';
import { millionClaims } from '../support/million.js';

/** BENCH_LEAD_SCALE=0.1 runs the same at a tenth of the sizes (a quick check of the set-up). */
const SCALE = Number(process.env.BENCH_LEAD_SCALE ?? 1);
const SMALL = Math.round(100_000 * SCALE);
const LARGE = Math.round(1_000_000 * SCALE);
const REVIEWERS = 20;
const PAGE_SAMPLES = 200;
const DAY = 86_400_000;

type Db = BenchServer['service']['deps']['db'];

/** Decisions [from, to) of the log, spread over the last year, 20 reviewers, every kind of row. */
export async function seedDecisions(db: Db, from: number, to: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO decision_log (id, claim_id, claim_number, partner_id, partner_name, customer_name, products, reviewer_id, reviewer_name,
                              action, reasons, verdict, checklist, comment, decided_at, received_at, offline, time_spent_ms, claim_version,
                              outcome, refusal, qa_state, qa_disagreed)
    SELECT 'e' || g, gen_random_uuid(), 'CL-4' || lpad((g / 100000)::text, 3, '0') || '-' || lpad((g % 100000)::text, 5, '0'),
           (1000000 + g % 50)::text, 'Partner ' || (g % 50), 'Customer ' || (g % 5000),
           CASE g % 3 WHEN 0 THEN ARRAY['d365-sales', 'power-bi'] WHEN 1 THEN ARRAY['m365-copilot'] ELSE ARRAY['intune', 'teams', 'exchange-online'] END,
           'bench-r' || r.n, 'Reviewer ' || r.n,
           a.action,
           CASE a.action WHEN 'requestPartnerAction' THEN ARRAY['dates_missing_or_stale'] WHEN 'reject' THEN ARRAY['insufficient_poe'] ELSE ARRAY[]::text[] END,
           NULL,
           '{"poe_present":{"state":"passed","evidence":[]},"dates":{"state":"missing","note":"Dated 2019","evidence":[]},"product:power-bi":{"state":"passed","evidence":[]}}'::jsonb,
           CASE WHEN a.action IN ('requestPartnerAction', 'reject') THEN 'Please send the signed acknowledgement, "dated" this year.' END,
           t.decided, t.decided + CASE WHEN t.offline THEN interval '2 hours' ELSE interval '2 seconds' END, t.offline,
           60000 + (random() * 1800000)::int, 5,
           CASE WHEN random() < 0.01 THEN 'refused' ELSE 'applied' END, NULL, NULL, random() < 0.01
    FROM generate_series(${from}::int, ${to - 1}::int) AS g
    -- Each LATERAL names g, or PostgreSQL would draw its random() once for every row.
    CROSS JOIN LATERAL (SELECT floor(random() * ${REVIEWERS} + 0 * g)::int AS n) r
    CROSS JOIN LATERAL (SELECT (ARRAY['approve', 'approve', 'requestPartnerAction', 'reject', 'resolveDispute', 'recordQaVerdict'])[1 + floor(random() * 6 + 0 * g)::int] AS action) a
    CROSS JOIN LATERAL (SELECT now() - (random() + 0 * g) * interval '365 days' AS decided, random() + 0 * g < 0.1 AS offline) t`);
  await db.execute(sql`UPDATE decision_log SET refusal = '{"code":"not_assigned"}'::jsonb WHERE outcome = 'refused' AND refusal IS NULL`);
}

/** Rejections of one reviewer in the last 30 days, newest first: the query string and the filter it is. */
function logQueries(now: number): { qs: string; filter: { from: string; reviewerId: string; action: 'reject' } }[] {
  const from = new Date(now - 30 * DAY).toISOString();
  return Array.from({ length: REVIEWERS }, (_, i) => ({ qs: `from=${from}&reviewerId=bench-r${i}&action=reject&limit=50`, filter: { from, reviewerId: `bench-r${i}`, action: 'reject' as const } }));
}

async function get(server: BenchServer, token: string, url: string): Promise<Response> {
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res;
}

interface LogSample {
  route: number[];
  raw: number[];
  plan: string;
}

/** p95 samples of the first page over HTTP and of the same SELECT by raw pg, alternating queries. */
async function sampleLog(server: BenchServer, raw: pg.Client, token: string): Promise<LogSample> {
  const dialect = new PgDialect();
  const queries = logQueries(Date.now());
  const route: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < PAGE_SAMPLES + 10; i++) {
    const q = queries[i % queries.length]!;
    const t = await elapsed(async () => {
      await (await get(server, token, `/lead/decisions?${q.qs}`)).json();
    });
    const { sql: text, params } = dialect.sqlToQuery(decisionPageSql(q.filter, { sort: 'newest', limit: 50 }));
    const r = await elapsed(() => raw.query(text, params as unknown[]));
    if (i >= 10) {
      route.push(t);
      rawTimes.push(r);
    }
  }
  const q = queries[0]!;
  const { sql: text, params } = dialect.sqlToQuery(decisionPageSql(q.filter, { sort: 'newest', limit: 50 }));
  const explain = await raw.query(`EXPLAIN ${text}`, params as unknown[]);
  const plan = (explain.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN'].trim()).find((l) => /Scan/.test(l)) ?? '';
  return { route, raw: rawTimes, plan: plan.replace(/\s+\(cost.*$/, '') };
}

interface Measured {
  log100k: LogSample;
  log1m: LogSample;
  csv: { rowsPerS: number; rows: number; rssGrowthMb: number; rawRowsPerS: number; seconds: number };
  sla: { ms: number; rawMs: number };
  seedSeconds: { decisions100k: number; decisions900k: number; claims1m: number };
  claims: number;
}

const measure = shared(async (): Promise<Measured> => {
  const million = await millionClaims();
  const server = await benchServer({ poolSize: 5, on: million });
  const raw = new pg.Client({ connectionString: server.databaseUrl });
  await raw.connect();
  try {
    const db = server.service.deps.db;
    const token = server.people.lead;
    const seedSeconds = { decisions100k: 0, decisions900k: 0, claims1m: 0 };
    seedSeconds.decisions100k = (await elapsed(() => withoutIndexes(db, ['decision_log'], () => seedDecisions(db, 1, SMALL + 1)))) / 1000;
    const log100k = await sampleLog(server, raw, token);

    // The CSV export of all 100,000, streamed to a counter; RSS sampled while it streams.
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
    let lines = 0;
    const csvMs = await elapsed(async () => {
      const res = await get(server, token, '/lead/decisions.csv?lang=cs');
      // Records end in CRLF; no field here holds a line break, so each LF ends one record.
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      }
    });
    clearInterval(sampler);
    const csvRows = lines - 1; // the header
    if (csvRows < SMALL) throw new Error(`the CSV export had ${csvRows} rows, not ${SMALL} `);
    const dialect = new PgDialect();
    const all = dialect.sqlToQuery(decisionPageSql({}, { sort: 'newest', limit: SMALL }));
    let rawRows = 0;
    const rawCsvMs = await elapsed(async () => (rawRows = (await raw.query(all.sql, all.params as unknown[])).rowCount ?? 0));

    seedSeconds.decisions900k = (await elapsed(() => withoutIndexes(db, ['decision_log'], () => seedDecisions(db, SMALL + 1, LARGE + 1)))) / 1000;
    const log1m = await sampleLog(server, raw, token);

    seedSeconds.claims1m = million.seedSeconds;
    const slaTimes: number[] = [];
    const rawSla: number[] = [];
    await get(server, token, '/lead/sla');
    for (let i = 0; i < 5; i++) {
      slaTimes.push(await elapsed(async () => (await get(server, token, '/lead/sla')).json()));
      rawSla.push(await elapsed(() => raw.query("SELECT count(*) FROM claims WHERE status <> 'draft'")));
    }
    return {
      log100k,
      log1m,
      csv: { rowsPerS: csvRows / (csvMs / 1000), rows: csvRows, rssGrowthMb: (rssPeak - rssBefore) / 1_048_576, rawRowsPerS: rawRows / (rawCsvMs / 1000), seconds: csvMs / 1000 },
      sla: { ms: percentile(slaTimes, 50), rawMs: percentile(rawSla, 50) },
      seedSeconds,
      claims: million.claims,
    };
  } finally {
    await raw.end();
    await server.close();
  }
});

const round = (v: number) => Math.round(v * 10) / 10;

export const figures: Figure[] = [
  {
    name: 'lead_log_first_page_p95',
    unit: 'ms',
    async run() {
      const m = await measure();
      return {
        value: percentile(m.log1m.route, 95),
        baseline: { name: 'the same SELECT by raw pg p95', value: percentile(m.log1m.raw, 95) },
        extra: { decisions: LARGE, p50: round(percentile(m.log1m.route, 50)), samples: m.log1m.route.length, plan: JSON.stringify(m.log1m.plan), seed_s: round(m.seedSeconds.decisions100k + m.seedSeconds.decisions900k) },
      };
    },
  },
  {
    name: 'lead_log_ratio_1m_vs_100k',
    unit: 'x',
    async run() {
      const m = await measure();
      return {
        value: percentile(m.log1m.route, 95) / percentile(m.log100k.route, 95),
        baseline: { name: 'raw pg SELECT p95 1M / 100k', value: percentile(m.log1m.raw, 95) / percentile(m.log100k.raw, 95) },
        extra: { p95_100k: round(percentile(m.log100k.route, 95)), p95_1m: round(percentile(m.log1m.route, 95)), plan_100k: JSON.stringify(m.log100k.plan) },
      };
    },
  },
  {
    name: 'lead_csv_rows_per_s',
    unit: 'rows/s',
    async run() {
      const m = await measure();
      return {
        value: m.csv.rowsPerS,
        baseline: { name: 'the same rows by one raw pg SELECT, rows/s', value: m.csv.rawRowsPerS },
        extra: { rows: m.csv.rows, seconds: round(m.csv.seconds), rss_growth_mb: round(m.csv.rssGrowthMb) },
      };
    },
  },
  {
    name: 'lead_sla_board_1m',
    unit: 'ms',
    async run() {
      const m = await measure();
      return {
        value: m.sla.ms,
        baseline: { name: "raw pg count(*) of claims WHERE status <> 'draft'", value: m.sla.rawMs },
        extra: { claims: m.claims, seed_s: round(m.seedSeconds.claims1m) },
      };
    },
  },
];
