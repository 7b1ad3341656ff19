// POST /sync/pull: the changes of the user's scope since the client's cookie (claims that changed
// or entered it, as they are now, with history; claims that left it), this client's mutation
// results in the same range, the scope's size (on the pages of a pull that starts over or goes on,
// for a first sync's progress), and the new cookie. The cookie is a value of the
// commit-ordered change sequence. Pages follow the user's own scope rows by (user_id, change_seq)
// (server/sync/scope.ts), so their cost is the changes they carry, not the size of the service.
// A claim on which the user has an open QA task comes blind; when the verdict is recorded the
// claim changes, and the next pull brings it whole.
import { sql } from 'drizzle-orm';
import type { PullRequest, PullResponse, MutationResult } from '../../shared/contract/sync.js';
import type { Instant } from '../../shared/domain/model.js';
import { histories } from '../audit/chain.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db/connect.js';
import type { StoredClaim } from '../db/schema.js';
import { foreignClient } from './clients.js';
import { forDesk } from './desk-claims.js';
import { agedOut, ageOut } from './scope.js';

type ParsedPull = { clientId: string; cookie: number | null; limit: number } & Omit<PullRequest, 'limit'>;

/**
 * The page as JSON text (a PullResponse). A claim's stored JSON goes into it as PostgreSQL prints
 * it, with its history put in front: parsing every claim of a page into objects only to print them
 * again cost most of the service's time in a first sync (20,000 claims: 1.3 s parsing rows, 1.2 s
 * printing the answer, of 2.9 s of CPU). Only a claim the user reviews blind (an open QA task) is
 * parsed, to be shown as the domain's blind view.
 */
export async function pull(db: Db, user: SessionUser, request: ParsedPull, now: Instant): Promise<string> {
  let page = await readPage(db, user, request, now);
  // What aged out of the scope leaves it now, as a change of its own, before the page is read. The
  // page's statement says whether anything has (seldom: a claim ages out once), so most pulls are
  // that one statement.
  if (page.agedOut) {
    await ageOut(db, user.id, now);
    page = await readPage(db, user, request, now);
  }
  if (page.clientUser !== null && page.clientUser !== user.id) throw foreignClient();

  const entered = page.rows.filter((row): row is PageRow & { json: string; version: number } => row.visible && row.json !== null);
  // Read after the page, outside its statement: up to each claim's version as the page holds it
  // (audit events never change once committed), the history agrees with the claim.
  const history = await histories(
    db,
    entered.map((row) => row.claimId),
  );
  const changed = entered.map((row) => {
    const entries = (history.get(row.claimId) ?? []).filter((entry) => entry.version <= row.version);
    if (row.blind) return JSON.stringify(forDesk({ ...(JSON.parse(row.json) as StoredClaim), history: entries }, user.id));
    return `{"history":${JSON.stringify(entries)},${row.json.slice(1)}`;
  });
  const rest: Omit<PullResponse, 'claims'> = {
    reset: page.reset,
    cookie: page.to,
    lastMutationId: page.lastMutationId,
    removed: page.rows.filter((row) => !row.visible).map((row) => row.claimId),
    ...(page.total === null ? {} : { total: page.total }),
    mutationResults: page.results.map(
      (row): MutationResult => ({
        mutationId: row.mutationId,
        claimId: row.claimId,
        status: row.status,
        ...(row.refusal ? { refusal: row.refusal } : {}),
        receivedAt: new Date(Number(row.receivedAt)).toISOString(),
        ...(row.claimNumber ? { claimNumber: row.claimNumber } : {}),
      }),
    ),
    more: page.more,
  };
  return `{"claims":[${changed.join(',')}],${JSON.stringify(rest).slice(1)}`;
}

interface PageRow {
  claimId: string;
  visible: boolean;
  version: number | null;
  json: string | null;
  blind: boolean;
}

interface Page {
  reset: boolean;
  more: boolean;
  /** The new cookie: the last row's sequence value when there is more, else the head. */
  to: number;
  lastMutationId: number;
  /** Whose the client is (null: never seen), checked by the caller. */
  clientUser: string | null;
  /** The scope's size, on the pages of a pull that starts over or goes on; else null. */
  total: number | null;
  agedOut: boolean;
  results: { mutationId: number; claimId: string; status: MutationResult['status']; refusal: MutationResult['refusal'] | null; receivedAt: number | string; claimNumber: string | null }[];
  rows: PageRow[];
}

interface PageRecord {
  reset: boolean;
  more: boolean;
  to_seq: number | string;
  last_mutation_id: number | null;
  client_user: string | null;
  total: number | string | null;
  aged_out: boolean;
  results: Page['results'] | null;
  claim_id: string | null;
  visible: boolean | null;
  version: number | null;
  json: string | null;
  blind: boolean | null;
}

/**
 * The page, its head and the client's standing, read in one statement (so in one snapshot, without
 * a transaction around several). Its first row carries what the page is (the header); each row
 * carries one row of the page (the row read past the limit only says there is more), or none
 * for a page without rows. Pages follow the user's own
 * scope rows by (user_id, change_seq): the sequence's bounds are single values (InitPlans) so the
 * index is read in order and the LIMIT stops it.
 */
async function readPage(db: Db, user: SessionUser, request: ParsedPull, now: Instant): Promise<Page> {
  const { clientId, cookie, limit } = request;
  // openQaTaskOf's question, asked of the stored JSON: does the user have an open QA task on it?
  const blindProbe = JSON.stringify([{ state: 'open', qaReviewer: { id: user.id } }]);
  const result = (await db.execute(sql`
    WITH s AS MATERIALIZED (
      -- A cookie below the floor is from another store or from before a re-seed; above the head, from the future.
      SELECT change_seq AS head, (${cookie}::bigint IS NULL OR ${cookie}::bigint < floor OR ${cookie}::bigint > change_seq) AS reset, floor
      FROM sync_state WHERE id = 1),
    w AS MATERIALIZED (SELECT head, reset, CASE WHEN reset THEN floor ELSE ${cookie}::bigint END AS from_seq FROM s),
    page AS MATERIALIZED (
      SELECT m.claim_id, m.visible, m.change_seq, c.version,
             -- Without a history of its own (records.ts stores none): the audit log's goes in front.
             (c.data - 'history')::text AS json,
             coalesce(c.data -> 'qa' @> ${blindProbe}::jsonb, false) AS blind
      FROM scope_members m LEFT JOIN claims c ON m.visible AND c.id = m.claim_id
      WHERE m.user_id = ${user.id} AND m.change_seq > (SELECT from_seq FROM w) AND m.change_seq <= (SELECT head FROM w)
        -- A desk starting over holds nothing: what left the scope before is not news to it.
        AND (m.visible OR NOT (SELECT reset FROM w))
      ORDER BY m.change_seq
      LIMIT ${limit + 1}::int),
    h AS MATERIALIZED (
      SELECT w.reset, w.from_seq, n.more,
             CASE WHEN n.more THEN (SELECT change_seq FROM page ORDER BY change_seq OFFSET ${limit - 1}::int LIMIT 1) ELSE w.head END AS to_seq
      FROM w, (SELECT count(*) > ${limit}::int AS more FROM page) n),
    hdr AS MATERIALIZED (
      SELECT h.reset, h.more, h.to_seq, d.last_mutation_id, d.user_id AS client_user,
             -- The scope's size, for a first sync's progress: counting it reads every row of the user's
             -- scope (a lead's pool at 1,000,000 claims: 333,000 rows, 60-180 ms), so only where a
             -- progress is shown, on the pages of a pull that starts over or goes on.
             CASE WHEN h.reset OR h.more THEN (SELECT count(*) FROM scope_members WHERE user_id = ${user.id} AND visible) END AS total,
             EXISTS (SELECT 1 FROM scope_members WHERE ${agedOut(user.id, now)}) AS aged_out,
             (SELECT json_agg(json_build_object('mutationId', r.mutation_id, 'claimId', r.claim_id, 'status', r.status, 'refusal', r.refusal,
                                                'receivedAt', (extract(epoch FROM r.received_at) * 1000)::bigint, 'claimNumber', c.number)
                              ORDER BY r.change_seq)
              FROM mutation_results r LEFT JOIN claims c ON c.id = r.claim_id
              WHERE r.client_id = ${clientId} AND r.change_seq > h.from_seq AND r.change_seq <= h.to_seq) AS results
      FROM h LEFT JOIN desktop_clients d ON d.client_id = ${clientId})
    SELECT hdr.*, page.* FROM hdr LEFT JOIN page ON page.change_seq <= hdr.to_seq ORDER BY page.change_seq`)) as unknown as { rows: PageRecord[] };
  const [first] = result.rows;
  if (!first) throw new Error('sync_state row is missing: the store was not migrated');
  return {
    reset: first.reset,
    more: first.more,
    to: Number(first.to_seq),
    lastMutationId: first.last_mutation_id ?? 0,
    clientUser: first.client_user,
    total: first.total === null ? null : Number(first.total),
    agedOut: first.aged_out,
    results: first.results ?? [],
    rows: result.rows
      .filter((row) => row.claim_id !== null)
      .map((row) => ({ claimId: row.claim_id!, visible: row.visible!, version: row.version, json: row.json, blind: row.blind! })),
  };
}
