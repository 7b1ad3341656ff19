// The SLA board's running clocks out of the claims' JSON: claim_clocks holds one row per claim and
// board clock while it runs (outside draft) with the claim's assignee, and clock_tally counts them
// per due hour, clock and assignee as signed deltas (0007_claim_clocks.sql says why). One SELECT
// says which clocks are rows, over either the claim a change writes or the stored claims (bulk loads).
import { type SQL, sql } from 'drizzle-orm';
import type { Claim } from '../../shared/domain/claim.js';
import { type ClockName, SLA_CLOCKS } from '../../shared/domain/clocks.js';
import type { Tx } from '../db/connect.js';

/** The board's clocks: the SLAs and the partner's response window (issue 16 lists them). */
export const BOARD_CLOCKS: ClockName[] = [...SLA_CLOCKS, 'partner_response'];
const BOARD = sql.raw(BOARD_CLOCKS.map((c) => `'${c}'`).join(', '));

/** The running board clocks of the claims in `source` (rows of id, status, assignee_id, clocks). */
const running = (source: SQL) => sql`
  SELECT c.id AS claim_id, e.key AS clock, (e.value->>'dueAt')::timestamptz AS due_at, c.assignee_id
  FROM ${source} CROSS JOIN LATERAL jsonb_each(c.clocks) AS e
  WHERE c.status <> 'draft' AND e.key IN (${BOARD}) AND e.value->>'state' = 'running'`;

/** A clock's tally hour: the start of the hour it is due in, whatever the session's time zone. */
const DUE_HOUR = sql.raw(`date_bin('1 hour', due_at, '2000-01-01T00:00:00Z')`);

/**
 * Brings the claims' rows in line with the claims as this transaction writes them (each once, as it
 * ends the transaction), and appends to the tally the clocks that stopped or moved (-1) and those
 * that started or moved (+1): one statement, no row of the tally updated, so changes to different
 * claims never wait for each other here.
 */
export async function indexClaimClocks(tx: Tx, changed: readonly Claim[]): Promise<void> {
  if (changed.length === 0) return;
  const rows = changed.map((c) => ({ id: c.id, status: c.status, assignee_id: c.assignee?.id ?? null, clocks: c.clocks }));
  const source = sql`(SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, status text, assignee_id text, clocks jsonb)) AS c`;
  const ids = sql`(${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)})`;
  await tx.execute(sql`
    WITH now_running AS (${running(source)}),
    was AS (SELECT claim_id, clock, due_at, assignee_id FROM claim_clocks WHERE claim_id IN ${ids}),
    stopped AS (DELETE FROM claim_clocks k WHERE k.claim_id IN ${ids} AND (k.claim_id, k.clock) NOT IN (SELECT claim_id, clock FROM now_running)),
    written AS (
      INSERT INTO claim_clocks (claim_id, clock, due_at, assignee_id) SELECT * FROM now_running
      ON CONFLICT (claim_id, clock) DO UPDATE SET due_at = EXCLUDED.due_at, assignee_id = EXCLUDED.assignee_id
      WHERE (claim_clocks.due_at, claim_clocks.assignee_id) IS DISTINCT FROM (EXCLUDED.due_at, EXCLUDED.assignee_id)),
    delta AS (
      SELECT clock, due_at, assignee_id, -1 AS n FROM (SELECT * FROM was EXCEPT ALL SELECT * FROM now_running) gone
      UNION ALL
      SELECT clock, due_at, assignee_id, 1 FROM (SELECT * FROM now_running EXCEPT ALL SELECT * FROM was) came)
    INSERT INTO clock_tally (clock, assignee_id, due_hour, n)
    SELECT clock, assignee_id, ${DUE_HOUR}, sum(n) FROM delta GROUP BY 1, 2, 3 HAVING sum(n) <> 0`);
}

/** After bulk loading claims (demo, benchmarks): every claim's rows and the tally again, from the stored claims. */
export async function rebuildClaimClocks(tx: Tx): Promise<void> {
  await tx.execute(sql`DELETE FROM claim_clocks`);
  await tx.execute(sql`DELETE FROM clock_tally`);
  await tx.execute(sql`
    INSERT INTO claim_clocks (claim_id, clock, due_at, assignee_id)
    ${running(sql`(SELECT id, status, assignee_id, data->'clocks' AS clocks FROM claims) AS c`)}`);
  await tx.execute(sql`INSERT INTO clock_tally (clock, assignee_id, due_hour, n) SELECT clock, assignee_id, ${DUE_HOUR}, count(*) FROM claim_clocks GROUP BY 1, 2, 3`);
}

/**
 * Folds each tally key's delta rows into one (dropping keys that sum to nothing), so the board
 * reads about one row per clock, assignee and hour. Changes committed meanwhile only appended rows
 * this does not see; two folds at once delete each row once (the second skips rows the first took).
 */
export async function foldClockTally(tx: Tx): Promise<void> {
  await tx.execute(sql`
    WITH folded AS (
      DELETE FROM clock_tally t
      USING (SELECT clock, assignee_id, due_hour FROM clock_tally GROUP BY 1, 2, 3 HAVING count(*) > 1) m
      WHERE t.clock = m.clock AND t.assignee_id IS NOT DISTINCT FROM m.assignee_id AND t.due_hour = m.due_hour
      RETURNING t.clock, t.assignee_id, t.due_hour, t.n)
    INSERT INTO clock_tally (clock, assignee_id, due_hour, n)
    SELECT clock, assignee_id, due_hour, sum(n) FROM folded GROUP BY 1, 2, 3 HAVING sum(n) <> 0`);
}
