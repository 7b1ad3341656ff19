// POST /sync/pull: the changes of the user's scope since the client's cookie (claims that changed
// or entered it, as they are now, with history; claims that left it), this client's mutation
// results in the same range, the scope's size (on the pages of a pull that starts over or goes on,
// for a first sync's progress), and the new cookie. The cookie is a value of the
// commit-ordered change sequence. Pages follow the user's own scope rows by (user_id, change_seq)
// (server/sync/scope.ts), so their cost is the changes they carry, not the size of the service.
// A claim on which the user has an open QA task comes blind; when the verdict is recorded the
// claim changes, and the next pull brings it whole.
import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import type { PullRequest, PullResponse, MutationResult } from '../../shared/contract/sync.js';
import type { Instant } from '../../shared/domain/model.js';
import { histories } from '../audit/chain.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db/connect.js';
import { claims, mutationResults, scopeMembers, type StoredClaim, syncState } from '../db/schema.js';
import { lastMutationIdOf } from './clients.js';
import { forDesk } from './desk-claims.js';
import { ageOut } from './scope.js';

type ParsedPull = { clientId: string; cookie: number | null; limit: number } & Omit<PullRequest, 'limit'>;

/**
 * The page as JSON text (a PullResponse). A claim's stored JSON goes into it as PostgreSQL prints
 * it, with its history put in front: parsing every claim of a page into objects only to print them
 * again cost most of the service's time in a first sync (20,000 claims: 1.3 s parsing rows, 1.2 s
 * printing the answer, of 2.9 s of CPU). Only a claim the user reviews blind (an open QA task) is
 * parsed, to be shown as the domain's blind view.
 */
export async function pull(db: Db, user: SessionUser, request: ParsedPull, now: Instant): Promise<string> {
  // What aged out of the scope leaves it now, as a change of its own, before the page is read.
  await ageOut(db, user.id, now);
  // One snapshot for the whole page: the head of the sequence, the claims and their histories agree.
  return db.transaction(
    async (tx) => {
      const lastMutationId = await lastMutationIdOf(tx, request.clientId, user);
      const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1));
      if (!state) throw new Error('sync_state row is missing: the store was not migrated');
      const { cookie, limit } = request;
      // A cookie below the floor is from another store or from before a re-seed; above the head, from the future.
      const reset = cookie === null || cookie < state.floor || cookie > state.changeSeq;
      const from = reset ? state.floor : cookie;

      const rows = await tx
        .select({
          claimId: scopeMembers.claimId,
          visible: scopeMembers.visible,
          changeSeq: scopeMembers.changeSeq,
          // Without a history of its own (records.ts stores none): the audit log's goes in front.
          json: sql<string | null>`(${claims.data} - 'history')::text`,
          // openQaTaskOf's question, asked of the stored JSON: does the user have an open QA task on it?
          blind: sql<boolean>`coalesce(${claims.data} -> 'qa' @> ${JSON.stringify([{ state: 'open', qaReviewer: { id: user.id } }])}::jsonb, false)`,
        })
        .from(scopeMembers)
        .leftJoin(claims, and(eq(scopeMembers.visible, true), eq(claims.id, scopeMembers.claimId)))
        .where(
          and(
            eq(scopeMembers.userId, user.id),
            gt(scopeMembers.changeSeq, from),
            lte(scopeMembers.changeSeq, state.changeSeq),
            // A desk starting over holds nothing: what left the scope before is not news to it.
            reset ? eq(scopeMembers.visible, true) : undefined,
          ),
        )
        .orderBy(asc(scopeMembers.changeSeq))
        .limit(limit + 1);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const to = more ? page[page.length - 1]!.changeSeq : state.changeSeq;

      const results = await tx
        .select({ result: mutationResults, number: claims.number })
        .from(mutationResults)
        .leftJoin(claims, eq(claims.id, mutationResults.claimId))
        .where(and(eq(mutationResults.clientId, request.clientId), gt(mutationResults.changeSeq, from), lte(mutationResults.changeSeq, to)))
        .orderBy(asc(mutationResults.changeSeq));

      const entered = page.filter((row): row is typeof row & { json: string } => row.visible && row.json !== null);
      const history = await histories(
        tx,
        entered.map((row) => row.claimId),
      );
      const changed = entered.map((row) => {
        const entries = history.get(row.claimId) ?? [];
        if (row.blind) return JSON.stringify(forDesk({ ...(JSON.parse(row.json) as StoredClaim), history: entries }, user.id));
        return `{"history":${JSON.stringify(entries)},${row.json.slice(1)}`;
      });
      // The scope's size, for a first sync's progress: counting it reads every row of the user's
      // scope (a lead's pool at 1,000,000 claims: 333,000 rows, 60-180 ms), so only where a
      // progress is shown, on the pages of a pull that starts over or goes on.
      const total = reset || more ? await scopeSize(tx, user.id) : undefined;
      const rest: Omit<PullResponse, 'claims'> = {
        reset,
        cookie: to,
        lastMutationId,
        removed: page.filter((row) => !row.visible).map((row) => row.claimId),
        ...(total === undefined ? {} : { total }),
        mutationResults: results.map(
          ({ result: row, number }): MutationResult => ({
            mutationId: row.mutationId,
            claimId: row.claimId,
            status: row.status,
            ...(row.refusal ? { refusal: row.refusal as MutationResult['refusal'] } : {}),
            receivedAt: row.receivedAt.toISOString(),
            ...(number ? { claimNumber: number } : {}),
          }),
        ),
        more,
      };
      return `{"claims":[${changed.join(',')}],${JSON.stringify(rest).slice(1)}`;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function scopeSize(tx: Db, userId: string): Promise<number> {
  const [size] = await tx
    .select({ n: count() })
    .from(scopeMembers)
    .where(and(eq(scopeMembers.userId, userId), eq(scopeMembers.visible, true)));
  return size?.n ?? 0;
}
