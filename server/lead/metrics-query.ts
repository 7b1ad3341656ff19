// Reviewer metrics over a period (issue 16.5), computed by the database over the decision log and
// the QA index: decisions per local day and action, median and p90 time spent (percentile_cont),
// each PAR reason's share, what became of approvals and rejections, QA agreement on the outcome and
// per checklist item, and the open workload now. Nothing is loaded row by row into Node: each
// query answers aggregates only.
import { sql } from 'drizzle-orm';
import type { MetricsQuery, ReviewerMetrics } from '../../shared/contract/lead.js';
import { PAR_REASONS } from '../../shared/domain/checklist.js';
import { QA_DECISIONS } from '../../shared/domain/qa.js';
import type { Tx } from '../db/connect.js';
import { HttpError } from '../http/errors.js';
import { OPEN_WORK } from './open-work.js';

const list = (names: readonly string[]) => sql.raw(names.map((n) => `'${n}'`).join(', '));
const REVIEWED = list(QA_DECISIONS);
/** The decisions that end a decision's "later": what happens after the next one is the next one's. */
const NEXT_DECISIONS = list([...QA_DECISIONS, 'reopen']);

type Rows<T> = { rows: T[] };
const num = (v: unknown) => Number(v ?? 0);
/** A duration in whole milliseconds (percentile_cont interpolates in floating point). */
const msOrNull = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** `a` (an audit event on d's claim) came after decision d and before the claim's next decision. */
const BEFORE_NEXT = sql`a.claim_id = d.claim_id AND a.version > d.claim_version
  AND NOT EXISTS (SELECT 1 FROM decision_log n WHERE n.claim_id = d.claim_id AND n.outcome = 'applied' AND n.action IN (${NEXT_DECISIONS})
                  AND n.claim_version > d.claim_version AND n.claim_version < a.version)`;

export async function reviewerMetrics(db: Tx, query: MetricsQuery, zone: string): Promise<ReviewerMetrics> {
  const { from, to, reviewerId } = query;
  let reviewer: ReviewerMetrics['reviewer'] = null;
  if (reviewerId) {
    const found = (await db.execute(sql`SELECT id, name FROM users WHERE id = ${reviewerId} AND role IN ('reviewer', 'team_lead')`)) as unknown as Rows<{ id: string; name: string }>;
    if (!found.rows[0]) throw new HttpError(400, 'unknown_reviewer', `querystring.reviewerId: there is no reviewer ${reviewerId}. Choose one from the list.`);
    reviewer = found.rows[0];
  }
  const base = sql`d.outcome = 'applied' AND d.decided_at >= ${from}::timestamptz AND d.decided_at < ${to}::timestamptz ${reviewerId ? sql`AND d.reviewer_id = ${reviewerId}` : sql``}`;

  const perDay = (await db.execute(sql`
    SELECT to_char((d.decided_at AT TIME ZONE ${zone})::date, 'YYYY-MM-DD') AS day, d.action, count(*)::integer AS n
    FROM decision_log d WHERE ${base}
    GROUP BY 1, 2 ORDER BY 1, 2`)) as unknown as Rows<{ day: string; action: ReviewerMetrics['perDay'][number]['action']; n: number }>;

  const timeSpent = (await db.execute(sql`
    SELECT d.reviewer_id, max(d.reviewer_name) AS reviewer_name, grouping(d.reviewer_id) AS total, count(*)::integer AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY d.time_spent_ms) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY d.time_spent_ms) AS p90
    FROM decision_log d WHERE ${base} AND d.action IN (${REVIEWED})
    GROUP BY GROUPING SETS ((d.reviewer_id), ())
    ORDER BY 3 DESC, 2`)) as unknown as Rows<{ reviewer_id: string | null; reviewer_name: string | null; total: number; n: number; median: number | null; p90: number | null }>;

  const par = (await db.execute(sql`
    SELECT r.reason, count(*)::integer AS n
    FROM decision_log d CROSS JOIN LATERAL (SELECT unnest(d.reasons) AS reason UNION ALL SELECT NULL) r
    WHERE ${base} AND d.action = 'requestPartnerAction'
    GROUP BY r.reason`)) as unknown as Rows<{ reason: string | null; n: number }>;
  const requests = num(par.rows.find((r) => r.reason === null)?.n);
  const parCount = new Map(par.rows.filter((r) => r.reason !== null).map((r) => [r.reason!, num(r.n)]));

  const [outcomes] = ((await db.execute(sql`
    SELECT count(*) FILTER (WHERE d.action = 'approve')::integer AS approvals,
           count(*) FILTER (WHERE d.action = 'approve' AND EXISTS (SELECT 1 FROM audit_events a WHERE ${BEFORE_NEXT} AND a.action = 'optOut'))::integer AS opted_out,
           count(*) FILTER (WHERE d.action = 'reject')::integer AS rejections,
           count(*) FILTER (WHERE d.action = 'reject' AND EXISTS (SELECT 1 FROM audit_events a WHERE ${BEFORE_NEXT} AND a.action = 'dispute'))::integer AS disputed,
           count(*) FILTER (WHERE d.action = 'reject' AND EXISTS (SELECT 1 FROM audit_events a WHERE ${BEFORE_NEXT} AND a.action = 'resolveDispute' AND a.details->>'outcome' = 'overturned'))::integer AS overturned
    FROM decision_log d WHERE ${base} AND d.action IN ('approve', 'reject')`)) as unknown as Rows<Record<string, number>>).rows;

  // The QA tasks on the period's decisions, with the verdict's agreement from the claim (the domain's truth).
  const tasks = sql`
    FROM decision_log d
    JOIN qa_tasks q ON q.claim_id = d.claim_id AND q.decision_version = d.claim_version
    JOIN claims c ON c.id = q.claim_id
    CROSS JOIN LATERAL (SELECT t FROM jsonb_array_elements(c.data->'qa') AS t WHERE t->>'id' = q.id::text) task
    WHERE ${base} AND d.action IN (${REVIEWED})`;
  const [qa] = ((await db.execute(sql`
    SELECT count(*)::integer AS sampled,
           count(*) FILTER (WHERE jsonb_typeof(task.t->'agreement') = 'object')::integer AS reviewed,
           count(*) FILTER (WHERE (task.t->'agreement'->>'outcome')::boolean)::integer AS agreed
    ${tasks}`)) as unknown as Rows<{ sampled: number; reviewed: number; agreed: number }>).rows;
  const items = (await db.execute(sql`
    SELECT i.key AS item, count(*)::integer AS reviewed, count(*) FILTER (WHERE i.value = 'true')::integer AS agreed
    FROM decision_log d
    JOIN qa_tasks q ON q.claim_id = d.claim_id AND q.decision_version = d.claim_version
    JOIN claims c ON c.id = q.claim_id
    CROSS JOIN LATERAL (SELECT t FROM jsonb_array_elements(c.data->'qa') AS t WHERE t->>'id' = q.id::text) task
    CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(task.t->'agreement'->'items') = 'object' THEN task.t->'agreement'->'items' ELSE '{}'::jsonb END) AS i
    WHERE ${base} AND d.action IN (${REVIEWED})
    GROUP BY i.key ORDER BY i.key`)) as unknown as Rows<{ item: string; reviewed: number; agreed: number }>;

  const workload = (await db.execute(sql`
    SELECT u.id, u.name,
           (SELECT count(*) FROM claims c WHERE c.assignee_id = u.id AND ${OPEN_WORK})::integer AS open_claims,
           (SELECT count(*) FROM qa_tasks q WHERE q.qa_reviewer_id = u.id AND q.state = 'open')::integer AS open_qa
    FROM users u
    WHERE ${reviewerId ? sql`u.id = ${reviewerId}` : sql`u.role = 'reviewer'`}
    ORDER BY u.name`)) as unknown as Rows<{ id: string; name: string; open_claims: number; open_qa: number }>;

  const sampled = num(qa?.sampled);
  const reviewed = num(qa?.reviewed);
  const agreed = num(qa?.agreed);
  return {
    from,
    to,
    zone,
    reviewer,
    perDay: perDay.rows.map((r) => ({ day: r.day, action: r.action, count: num(r.n) })),
    timeSpent: timeSpent.rows.map((r) => ({
      reviewer: Number(r.total) === 1 ? null : { id: r.reviewer_id!, name: r.reviewer_name ?? '' },
      decisions: num(r.n),
      medianMs: msOrNull(r.median),
      p90Ms: msOrNull(r.p90),
    })),
    parReasons: {
      requests,
      reasons: PAR_REASONS.map((reason) => ({ reason, count: parCount.get(reason) ?? 0, share: share(parCount.get(reason) ?? 0, requests) })),
    },
    outcomes: {
      approvals: num(outcomes?.approvals),
      approvalsOptedOut: num(outcomes?.opted_out),
      rejections: num(outcomes?.rejections),
      rejectionsDisputed: num(outcomes?.disputed),
      rejectionsOverturned: num(outcomes?.overturned),
    },
    qa: {
      sampled,
      reviewed,
      outcomeAgreed: agreed,
      outcomeAgreement: share(agreed, reviewed),
      items: items.rows.map((r) => ({ item: r.item, reviewed: num(r.reviewed), agreed: num(r.agreed), agreement: share(num(r.agreed), num(r.reviewed)) })),
    },
    workload: workload.rows.map((r) => ({ reviewer: { id: r.id, name: r.name }, openClaims: num(r.open_claims), openQaTasks: num(r.open_qa) })),
  };
}
