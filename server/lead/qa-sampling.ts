// QA sampling of a decision, in the decision's transaction: the reviewer's ordinal (for "all of
// the first N"), the lead's rule, the domain's deterministic draw, and a QA reviewer who is not the
// one who decided (the least loaded with open QA tasks). The task is the domain's openQaTask,
// applied by the service as the timer, so it is in the claim's history with why it was sampled.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { ActionContext } from '../../shared/domain/actions.js';
import { suggestAssignee } from '../../shared/domain/assignment.js';
import type { Actor } from '../../shared/domain/model.js';
import { DEFAULT_QA_RULE, QA_DECISIONS, type QaOriginal, qaSampling, QaSamplingRule } from '../../shared/domain/qa.js';
import type { Applied } from '../claims/apply.js';
import { applyToClaim } from '../claims/apply.js';
import type { Tx } from '../db/connect.js';
import { qaRule } from '../db/schema.js';

const SAMPLER: Actor = { kind: 'timer', id: 'timer', name: 'Timer' };

export async function currentQaRule(tx: Tx): Promise<QaSamplingRule> {
  const [row] = await tx.select({ rule: qaRule.rule }).from(qaRule).where(eq(qaRule.id, 1));
  const parsed = QaSamplingRule.safeParse(row?.rule);
  return parsed.success ? parsed.data : DEFAULT_QA_RULE;
}

/** Samples an applied decision for QA (approve, request partner action, reject); opens the task if sampled. */
export async function sampleForQa(tx: Tx, ctx: ActionContext, applied: Applied, decider: Actor): Promise<void> {
  const { entry, claim } = applied;
  if (!(QA_DECISIONS as readonly string[]).includes(entry.action)) return;
  const counted = (await tx.execute(sql`
    INSERT INTO reviewer_decision_counts (reviewer_id, decisions) VALUES (${decider.id}, 1)
    ON CONFLICT (reviewer_id) DO UPDATE SET decisions = reviewer_decision_counts.decisions + 1
    RETURNING decisions`)) as unknown as { rows: { decisions: number }[] };
  const ordinal = Number(counted.rows[0]!.decisions);
  const why = qaSampling(await currentQaRule(tx), { claimId: claim.id, version: entry.version, reviewerId: decider.id, ordinal });
  if (!why) return;
  const candidates = (await tx.execute(sql`
    SELECT u.id, u.name, count(t.id)::integer AS open
    FROM users u LEFT JOIN qa_tasks t ON t.qa_reviewer_id = u.id AND t.state = 'open'
    WHERE u.role = 'reviewer' AND u.id <> ${decider.id}
    GROUP BY u.id, u.name`)) as unknown as { rows: { id: string; name: string; open: number }[] };
  const qaReviewer = suggestAssignee(candidates.rows.map((r) => ({ id: r.id, name: r.name, openClaims: Number(r.open) })));
  if (!qaReviewer) return; // a team of one: nobody else can review it
  const details = entry.details as { checklist?: QaOriginal['checklist']; reason?: QaOriginal['reason'] };
  const original: QaOriginal = {
    reviewer: { id: decider.id, name: decider.name },
    outcome: entry.action as QaOriginal['outcome'],
    checklist: details.checklist ?? claim.review.checklist,
    ...(entry.action === 'reject' && details.reason ? { reason: details.reason } : {}),
    decidedAt: entry.decidedAt ?? entry.at,
  };
  const args = { taskId: randomUUID(), decisionVersion: entry.version, qaReviewer: { id: qaReviewer.id, name: qaReviewer.name }, why, original };
  const outcome = await applyToClaim(tx, ctx, claim.id, SAMPLER, { name: 'openQaTask', args });
  if (outcome.kind !== 'applied') throw new Error(`QA sampling of ${claim.number} v${entry.version} was refused: ${JSON.stringify(outcome)}`);
}
