// QA sampling of decisions, in the decisions' transaction: the reviewer's ordinal (for "all of the
// first N"), the lead's rule, the domain's deterministic draw, and a QA reviewer who is not the one
// who decided (the least loaded with open QA tasks). The task is the domain's openQaTask, applied by
// the service as the timer, so it is in the claim's history with why it was sampled.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { ActionContext } from '../../shared/domain/actions.js';
import { type ReviewerLoad, suggestAssignee } from '../../shared/domain/assignment.js';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { apply } from '../../shared/domain/lifecycle.js';
import type { Actor } from '../../shared/domain/model.js';
import { DEFAULT_QA_RULE, QA_DECISIONS, type QaOriginal, qaSampling, QaSamplingRule } from '../../shared/domain/qa.js';
import type { Change } from '../claims/records.js';
import type { Tx } from '../db/connect.js';
import { qaRule } from '../db/schema.js';

const SAMPLER: Actor = { kind: 'timer', id: 'timer', name: 'Timer' };

export async function currentQaRule(tx: Tx): Promise<QaSamplingRule> {
  const [row] = await tx.select({ rule: qaRule.rule }).from(qaRule).where(eq(qaRule.id, 1));
  const parsed = QaSamplingRule.safeParse(row?.rule);
  return parsed.success ? parsed.data : DEFAULT_QA_RULE;
}

export interface QaSampler {
  /** For an applied decision of the decider: the claim with its QA task opened when the rule samples it, else null. */
  sample(claim: Claim, entry: HistoryEntry, ctx: ActionContext): Promise<Change | null>;
  /** Counts the decisions sampled from in the decider's total; once, after the last. */
  finish(): Promise<void>;
}

/**
 * Samples one decider's decisions of one transaction (a batch of pushed decisions), in order. The
 * decider's count row is locked and read at the first decision (concurrent pushes of one reviewer
 * number their decisions one after the other), counted on in memory and written once at the end;
 * the QA reviewers' loads are read once, at the first sampled decision, and each task opened here
 * adds to its reviewer's load.
 */
export function qaSampler(tx: Tx, decider: Actor): QaSampler {
  let counted: { before: number; rule: QaSamplingRule } | null = null;
  let added = 0;
  let loads: ReviewerLoad[] | null = null;
  return {
    async sample(claim, entry, ctx) {
      if (!(QA_DECISIONS as readonly string[]).includes(entry.action)) return null;
      counted ??= await countedSoFar(tx, decider);
      const ordinal = counted.before + ++added;
      const why = qaSampling(counted.rule, { claimId: claim.id, version: entry.version, reviewerId: decider.id, ordinal });
      if (!why) return null;
      loads ??= await qaReviewerLoads(tx, decider);
      const qaReviewer = suggestAssignee(loads);
      if (!qaReviewer) return null; // a team of one: nobody else can review it
      qaReviewer.openClaims++;
      const details = entry.details as { checklist?: QaOriginal['checklist']; reason?: QaOriginal['reason'] };
      const original: QaOriginal = {
        reviewer: { id: decider.id, name: decider.name },
        outcome: entry.action as QaOriginal['outcome'],
        checklist: details.checklist ?? claim.review.checklist,
        ...(entry.action === 'reject' && details.reason ? { reason: details.reason } : {}),
        decidedAt: entry.decidedAt ?? entry.at,
      };
      const args = { taskId: randomUUID(), decisionVersion: entry.version, qaReviewer: { id: qaReviewer.id, name: qaReviewer.name }, why, original };
      const opened = apply(claim, SAMPLER, { name: 'openQaTask', args }, ctx);
      if (!opened.ok) throw new Error(`QA sampling of ${claim.number} v${entry.version} was refused: ${JSON.stringify(opened.refusal)}`);
      return { claim: opened.claim, entry: opened.entry };
    },
    async finish() {
      if (added > 0) await tx.execute(sql`UPDATE reviewer_decision_counts SET decisions = decisions + ${added}::int WHERE reviewer_id = ${decider.id}`);
    },
  };
}

/** The decider's decisions counted before this transaction (its row locked, created at 0 for a first decision), and the rule. */
async function countedSoFar(tx: Tx, decider: Actor): Promise<{ before: number; rule: QaSamplingRule }> {
  const counted = (await tx.execute(sql`
    INSERT INTO reviewer_decision_counts (reviewer_id, decisions) VALUES (${decider.id}, 0)
    ON CONFLICT (reviewer_id) DO UPDATE SET decisions = reviewer_decision_counts.decisions
    RETURNING decisions`)) as unknown as { rows: { decisions: number }[] };
  return { before: Number(counted.rows[0]!.decisions), rule: await currentQaRule(tx) };
}

/** The reviewers who may QA the decider's decisions, with their open QA tasks. */
async function qaReviewerLoads(tx: Tx, decider: Actor): Promise<ReviewerLoad[]> {
  const candidates = (await tx.execute(sql`
    SELECT u.id, u.name, count(t.id)::integer AS open
    FROM users u LEFT JOIN qa_tasks t ON t.qa_reviewer_id = u.id AND t.state = 'open'
    WHERE u.role = 'reviewer' AND u.id <> ${decider.id}
    GROUP BY u.id, u.name`)) as unknown as { rows: { id: string; name: string; open: number }[] };
  return candidates.rows.map((r) => ({ id: r.id, name: r.name, openClaims: Number(r.open) }));
}
