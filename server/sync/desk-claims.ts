// A desk's reach beyond its scope (issue 17): the "Everyone" search over every claim a desk user
// may see (all but drafts), read-only and paged, matched on the claims_search GIN index; and one
// such claim as the desk may hold it, for opening it on demand. The claim a desk receives is
// blind while its user has an open QA task on it, here as in the pull.
import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ClaimSearchPage, ClaimSearchQuery } from '../../shared/contract/desk-search.js';
import type { Claim } from '../../shared/domain/claim.js';
import { claimHeadline } from '../../shared/domain/claim-headline.js';
import { hasExpired, nextRunningClock } from '../../shared/domain/clocks.js';
import type { Instant } from '../../shared/domain/model.js';
import { openQaTaskOf, qaBlindView } from '../../shared/domain/qa-claim.js';
import { readClaim } from '../claims/read.js';
import type { Db } from '../db/connect.js';
import { claims, claimSearchVector } from '../db/schema.js';

/**
 * The claim as this user's desk may hold it: blind while they have an open QA task on it (the
 * domain's qaBlindView), at the claim's current version, so that what the desk pushes on it is
 * judged against the claim as it is rather than refused as based on an old one.
 */
export function forDesk(claim: Claim, userId: string): Claim {
  const task = openQaTaskOf(claim, userId);
  return task ? { ...qaBlindView(claim, task), version: claim.version } : claim;
}

/** One claim for a desk user (not a draft), as their desk may hold it; null when there is none. */
export async function deskClaim(db: Db, userId: string, id: string): Promise<Claim | null> {
  const claim = await readClaim(db, id);
  return claim && claim.status !== 'draft' ? forDesk(claim, userId) : null;
}

/**
 * The search's words as a text-search query: each the start of a word, all of them required. Only
 * letters, digits and hyphens are kept (the rest is tsquery syntax), folded as the index folds.
 */
function prefixQuery(search: string | undefined): string | null {
  const words = (search ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .split(' ')
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length > 0 ? words.map((w) => `${w.replace(/^-+|-+$/g, '')}:*`).join(' & ') : null;
}

export async function searchClaims(db: Db, query: z.output<typeof ClaimSearchQuery>, now: Instant): Promise<ClaimSearchPage> {
  const words = prefixQuery(query.search);
  const conditions: (SQL | undefined)[] = [
    ne(claims.status, 'draft'),
    words ? sql`${claimSearchVector} @@ to_tsquery('simple'::regconfig, ${words})` : undefined,
    query.statuses && query.statuses.length > 0 ? sql`${claims.status} IN (${sql.join(query.statuses.map((s) => sql`${s}`), sql`, `)})` : undefined,
    query.partnerId ? eq(claims.partnerId, query.partnerId) : undefined,
    query.product ? sql`${claims.data}->'products' ? ${query.product}` : undefined,
  ];
  const where = and(...conditions);
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .select({ data: claims.data })
        .from(claims)
        .where(where)
        .orderBy(query.dir === 'desc' ? desc(claims.number) : asc(claims.number))
        .limit(query.limit)
        .offset(query.offset);
      const [total] = await tx.select({ n: count() }).from(claims).where(where);
      return {
        total: total?.n ?? 0,
        rows: rows.map(({ data }) => {
          const due = nextRunningClock(data.clocks);
          return {
            ...claimHeadline(data),
            nextDeadline: due ? { clock: due.clock, dueAt: due.state.dueAt, overdue: hasExpired(due.state, now) } : null,
          };
        }),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
