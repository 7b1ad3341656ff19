// POST /sync/pull: the changes of the user's scope since the client's cookie (claims that changed
// or entered it, as they are now, with history; claims that left it), this client's mutation
// results in the same range, the scope's size (on the pages of a pull that starts over or goes on,
// for a first sync's progress), and the new cookie. The cookie is a value of the
// commit-ordered change sequence. Pages follow the user's own scope rows by (user_id, change_seq)
// (server/sync/scope.ts), so their cost is the changes they carry, not the size of the service.
// A claim on which the user has an open QA task comes blind; when the verdict is recorded the
// claim changes, and the next pull brings it whole.
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import type { PullRequest, PullResponse, MutationResult } from '../../shared/contract/sync.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Instant } from '../../shared/domain/model.js';
import { histories } from '../audit/chain.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db/connect.js';
import { claims, mutationResults, scopeMembers, syncState } from '../db/schema.js';
import { lastMutationIdOf } from './clients.js';
import { forDesk } from './desk-claims.js';
import { ageOut } from './scope.js';

type ParsedPull = { clientId: string; cookie: number | null; limit: number } & Omit<PullRequest, 'limit'>;

export async function pull(db: Db, user: SessionUser, request: ParsedPull, now: Instant): Promise<PullResponse> {
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
        .select({ claimId: scopeMembers.claimId, visible: scopeMembers.visible, changeSeq: scopeMembers.changeSeq, data: claims.data })
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

      const entered = page.filter((row) => row.visible && row.data);
      const history = await histories(
        tx,
        entered.map((row) => row.claimId),
      );
      const changed: Claim[] = entered.map((row) => forDesk({ ...row.data!, history: history.get(row.claimId) ?? [] }, user.id));
      // The scope's size, for a first sync's progress: counting it reads every row of the user's
      // scope (a lead's pool at 1,000,000 claims: 333,000 rows, 60-180 ms), so only where a
      // progress is shown, on the pages of a pull that starts over or goes on.
      const total = reset || more ? await scopeSize(tx, user.id) : undefined;
      return {
        reset,
        cookie: to,
        lastMutationId,
        claims: changed,
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
