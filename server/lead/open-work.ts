// What counts as a reviewer's open work: a claim waiting on a review or on the partner, or a
// rejection whose dispute is raised and not yet resolved. The assignment pool and the metrics'
// workload read the same predicate.
import { sql } from 'drizzle-orm';

/** A dispute raised and not yet resolved (a claim without one holds JSON null there, which IS NOT NULL in SQL). */
export const OPEN_DISPUTE = sql`(jsonb_typeof(c.data->'dispute') = 'object' AND coalesce(jsonb_typeof(c.data->'dispute'->'resolution'), 'null') = 'null')`;

/** Claim `c` is open work for its assignee. */
export const OPEN_WORK = sql`(c.status IN ('submitted', 'in_review', 'partner_action_required') OR (c.status = 'rejected' AND ${OPEN_DISPUTE}))`;
