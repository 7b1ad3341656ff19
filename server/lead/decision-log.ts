// The decision log: a read model of the audit log, one row per decision (shared/domain
// LOGGED_DECISIONS), written in the transaction of the change, plus one row per decision a desktop
// pushed and the service refused. Derived with set-based SQL from audit_events, so the live path
// (one event), demo seeding and benchmark seeding (millions) run the same statement.
import { sql } from 'drizzle-orm';
import { LOGGED_DECISIONS } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import type { Tx } from '../db/connect.js';
import { rebuildClaimClocks } from './clock-index.js';

const LOGGED = sql.raw(LOGGED_DECISIONS.map((a) => `'${a}'`).join(', '));
const QA_ACTION_NAMES = ['openQaTask', 'recordQaVerdict', 'resolveQaDisagreement'];
const QA_ACTIONS = sql.raw(QA_ACTION_NAMES.map((a) => `'${a}'`).join(', '));
/**
 * A decision counts as made offline when it reached the service more than a minute after it was
 * made: it waited in a desktop's outbox (every pushed decision arrives a little after it was made).
 */
const OFFLINE_LAG = sql.raw(`interval '1 minute'`);

/** Keeps the lead's views current with a transaction's audit events (in that transaction; `seq` their placeholders). */
export async function afterAuditEvents(tx: Tx, events: readonly { claimId: string; action: string; seq: number }[]): Promise<void> {
  const logged = events.filter((e) => (LOGGED_DECISIONS as readonly string[]).includes(e.action) || QA_ACTION_NAMES.includes(e.action));
  if (logged.length === 0) return;
  // The placeholders are this transaction's own: no other transaction's unsealed events are visible in their range.
  const seqs = logged.map((e) => e.seq);
  await logDecisions(tx, Math.min(...seqs), Math.max(...seqs));
  const qa = [...new Set(logged.filter((e) => QA_ACTION_NAMES.includes(e.action)).map((e) => e.claimId))];
  if (qa.length > 0) await indexQaTasks(tx, qa);
}

/**
 * Logs the decisions among the audit events with seq in [from, to], and the QA state they change.
 * The range is of sealed numbers (bulk loads) or of one transaction's placeholders, which count
 * down (-nextval) as events are appended: either way the later event has the larger abs(seq).
 */
export async function logDecisions(tx: Tx, from: number, to: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO decision_log (id, claim_id, claim_number, partner_id, partner_name, customer_name, products, reviewer_id, reviewer_name,
                              action, reasons, verdict, checklist, comment, decided_at, received_at, offline, time_spent_ms, claim_version, outcome)
    SELECT 'e' || e.seq, e.claim_id, c.number, c.partner_id, c.data->>'partnerName', c.data->'customer'->>'name',
           ARRAY(SELECT jsonb_array_elements_text(c.data->'products')),
           e.actor->>'id', e.actor->>'name', e.action,
           ARRAY(SELECT r->>'code' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.details->'reasons') = 'array' THEN e.details->'reasons' ELSE '[]'::jsonb END) AS r)
             || CASE WHEN e.details ? 'reason' THEN ARRAY[e.details->>'reason'] ELSE ARRAY[]::text[] END,
           COALESCE(e.details->>'outcome', e.details->>'resolution'),
           e.details->'checklist',
           COALESCE(e.details->>'comment', e.details->>'justification'),
           COALESCE(e.decided_at, e.at), e.at, e.decided_at IS NOT NULL AND e.decided_at < e.at - ${OFFLINE_LAG},
           (e.details->>'timeSpentMs')::integer, e.version, 'applied'
    FROM audit_events e JOIN claims c ON c.id = e.claim_id
    WHERE e.seq BETWEEN ${from} AND ${to} AND e.action IN (${LOGGED})
    ON CONFLICT (id) DO NOTHING`);
  // The QA state of a sampled decision follows its task: open, agreed, disagreed, resolved (the last event wins).
  await tx.execute(sql`
    UPDATE decision_log d
    SET qa_state = q.state, qa_disagreed = q.state IN ('disagreed', 'resolved')
    FROM (
      SELECT DISTINCT ON (e.claim_id, (e.details->>'decisionVersion')::integer)
             e.claim_id, (e.details->>'decisionVersion')::integer AS version,
             CASE e.action WHEN 'openQaTask' THEN 'open' WHEN 'recordQaVerdict' THEN e.details->>'state' ELSE 'resolved' END AS state
      FROM audit_events e
      WHERE e.seq BETWEEN ${from} AND ${to} AND e.action IN (${QA_ACTIONS})
      ORDER BY e.claim_id, (e.details->>'decisionVersion')::integer, abs(e.seq) DESC
    ) q
    WHERE d.claim_id = q.claim_id AND d.claim_version = q.version AND d.outcome = 'applied' AND d.action <> 'recordQaVerdict'`);
}

/** Indexes the QA tasks of these claims (all claims when null) from claims.data->'qa'. */
export async function indexQaTasks(tx: Tx, claimIds: readonly string[] | null): Promise<void> {
  const which = claimIds === null ? sql`true` : sql`c.id IN (${sql.join(claimIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
  await tx.execute(sql`
    INSERT INTO qa_tasks (id, claim_id, decision_version, qa_reviewer_id, state, opened_at)
    SELECT (t->>'id')::uuid, c.id, (t->>'decisionVersion')::integer, t->'qaReviewer'->>'id', t->>'state', (t->>'openedAt')::timestamptz
    FROM claims c, jsonb_array_elements(COALESCE(c.data->'qa', '[]'::jsonb)) AS t
    WHERE ${which}
    ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state`);
}

/** After bulk loading (demo, benchmarks): the log, the QA index and each reviewer's decision count from the audit log; the SLA board's clocks from the claims. */
export async function rebuildLeadViews(tx: Tx): Promise<void> {
  await logDecisions(tx, 0, Number.MAX_SAFE_INTEGER);
  await indexQaTasks(tx, null);
  await rebuildClaimClocks(tx);
  await tx.execute(sql`
    INSERT INTO reviewer_decision_counts (reviewer_id, decisions)
    SELECT reviewer_id, count(*) FROM decision_log WHERE outcome = 'applied' AND action IN ('approve', 'requestPartnerAction', 'reject') GROUP BY reviewer_id
    ON CONFLICT (reviewer_id) DO UPDATE SET decisions = EXCLUDED.decisions`);
}

export interface RefusedDecision {
  clientId: string;
  mutationId: number;
  name: string;
  args: unknown;
  reviewer: { id: string; name: string };
  decidedAt: string;
  receivedAt: string;
  refusal: Refusal;
}

/** Decisions a desktop pushed that the service refused: in the log too, marked, with their reasons (one insert). */
export async function logRefusedDecisions(tx: Tx, refused: readonly { claim: Claim; decision: RefusedDecision }[]): Promise<void> {
  const logged = refused.filter(({ decision }) => (LOGGED_DECISIONS as readonly string[]).includes(decision.name));
  if (logged.length === 0) return;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const rows = logged.map(({ claim, decision: d }) => {
    const args = (typeof d.args === 'object' && d.args !== null ? d.args : {}) as Record<string, unknown>;
    const checklist = typeof args.checklist === 'object' && args.checklist !== null ? JSON.stringify(args.checklist) : null;
    const timeSpent = typeof args.timeSpentMs === 'number' && Number.isInteger(args.timeSpentMs) ? args.timeSpentMs : null;
    return sql`(${`r${d.clientId}:${d.mutationId}`}, ${claim.id}::uuid, ${claim.number}, ${claim.partnerId}, ${claim.partnerName}, ${claim.customer.name},
            ${sql`ARRAY[${sql.join(claim.products.map((p) => sql`${p}`), sql`, `)}]::text[]`}, ${d.reviewer.id}, ${d.reviewer.name},
            ${d.name}, ${str(args.reason) ? sql`ARRAY[${str(args.reason)}]::text[]` : sql`ARRAY[]::text[]`}, ${str(args.outcome) ?? str(args.resolution)},
            ${checklist}::jsonb, ${str(args.comment) ?? str(args.justification)}, ${d.decidedAt}::timestamptz, ${d.receivedAt}::timestamptz,
            ${d.decidedAt}::timestamptz < ${d.receivedAt}::timestamptz - ${OFFLINE_LAG},
            ${timeSpent}::integer, ${claim.version}::integer, 'refused', ${JSON.stringify(d.refusal)}::jsonb)`;
  });
  await tx.execute(sql`
    INSERT INTO decision_log (id, claim_id, claim_number, partner_id, partner_name, customer_name, products, reviewer_id, reviewer_name,
                              action, reasons, verdict, checklist, comment, decided_at, received_at, offline, time_spent_ms, claim_version, outcome, refusal)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (id) DO NOTHING`);
}
