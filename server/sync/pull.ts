// POST /sync/pull: the claims changed since the client's cookie (as they are now, with history),
// this client's mutation results in the same range, and the new cookie. The cookie is a value of
// the commit-ordered change sequence; pages follow the sequence, so their cost is the number of
// changes they carry, not the size of the store (index on claims.change_seq).
import { and, asc, eq, gt, lte, ne } from 'drizzle-orm';
import type { PullRequest, PullResponse, MutationResult } from '../../shared/contract/sync.js';
import type { Claim } from '../../shared/domain/claim.js';
import { histories } from '../audit/chain.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Db } from '../db/connect.js';
import { claims, mutationResults, syncState } from '../db/schema.js';
import { lastMutationIdOf } from './clients.js';

type ParsedPull = { clientId: string; cookie: number | null; limit: number } & Omit<PullRequest, 'limit'>;

export async function pull(db: Db, user: SessionUser, request: ParsedPull): Promise<PullResponse> {
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

      // Reviewers and leads see every claim that is not a draft.
      const rows = await tx
        .select({ data: claims.data, changeSeq: claims.changeSeq })
        .from(claims)
        .where(and(gt(claims.changeSeq, from), lte(claims.changeSeq, state.changeSeq), ne(claims.status, 'draft')))
        .orderBy(asc(claims.changeSeq))
        .limit(limit + 1);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const to = more ? page[page.length - 1]!.changeSeq : state.changeSeq;

      const results = await tx
        .select()
        .from(mutationResults)
        .where(and(eq(mutationResults.clientId, request.clientId), gt(mutationResults.changeSeq, from), lte(mutationResults.changeSeq, to)))
        .orderBy(asc(mutationResults.changeSeq));

      const history = await histories(
        tx,
        page.map((row) => row.data.id),
      );
      const changed: Claim[] = page.map((row) => ({ ...row.data, history: history.get(row.data.id) ?? [] }));
      return {
        reset,
        cookie: to,
        lastMutationId,
        claims: changed,
        // A claim never goes back to draft and is never deleted: nothing leaves a desk user's view.
        removed: [],
        mutationResults: results.map(
          (row): MutationResult => ({
            mutationId: row.mutationId,
            claimId: row.claimId,
            status: row.status,
            ...(row.refusal ? { refusal: row.refusal as MutationResult['refusal'] } : {}),
            receivedAt: row.receivedAt.toISOString(),
          }),
        ),
        more,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
