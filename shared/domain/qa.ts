// QA second review (spec: "Reviewer-side rules", QA second review). A share of each reviewer's
// decisions is sampled by a rule that is data; a sampled decision becomes a QA task on the claim for
// another reviewer, who reviews the claim as it stood before the decision, blind; agreement is
// measured on the outcome and per checklist item; a disagreement goes to a lead. QA never changes a
// claim's status by itself: only the lead's resolution may reopen it.
import { z } from 'zod';
import { Checklist, type ChecklistKey } from './checklist.js';
import { Assignee, Instant } from './model.js';
import { ReviewerRejectionReason } from './rejection.js';
import { MAX_COMMENT_LENGTH } from './limits.js';

/** The decisions QA samples: a reviewer's first decision on a claim in review. */
export const QA_DECISIONS = ['approve', 'requestPartnerAction', 'reject'] as const;
export const QaOutcome = z.enum(QA_DECISIONS);
export type QaOutcome = z.infer<typeof QaOutcome>;

/**
 * The sampling rule, as data a lead may change. `revision` goes up with each change, and every
 * sampling records the revision it used, so the history can say why a decision was (not) sampled.
 */
export const QaSamplingRule = z.strictObject({
  revision: z.number().int().positive(),
  /** Share of a reviewer's decisions sampled after their first ones (0..1). */
  defaultShare: z.number().min(0).max(1),
  /** All of a reviewer's first N decisions are sampled. */
  firstDecisions: z.number().int().min(0).max(10_000),
  /** Per-reviewer share, by user id, overriding defaultShare. */
  perReviewer: z.record(z.string().min(1), z.number().min(0).max(1)),
});
export type QaSamplingRule = z.infer<typeof QaSamplingRule>;

export const DEFAULT_QA_RULE: QaSamplingRule = { revision: 1, defaultShare: 0.1, firstDecisions: 20, perReviewer: {} };

/** Why a decision is in the sample: what the history records. */
export const QaSamplingReason = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('first_decisions'), ordinal: z.number().int().positive(), firstDecisions: z.number().int(), revision: z.number().int() }),
  z.strictObject({ kind: z.literal('share'), ordinal: z.number().int().positive(), draw: z.number().min(0).max(1), share: z.number(), revision: z.number().int() }),
]);
export type QaSamplingReason = z.infer<typeof QaSamplingReason>;

export interface SampledDecision {
  claimId: string;
  /** The claim version the decision produced. */
  version: number;
  reviewerId: string;
  /** 1 for the reviewer's first decision, 2 for the second, ... */
  ordinal: number;
}

/**
 * A number in [0, 1) that depends only on the decision (claim and version): FNV-1a over them. The
 * same decision always draws the same number, so for the same rule it is always in or out.
 */
export function qaDraw(claimId: string, version: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${claimId}#${version}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

/** Whether the rule samples this decision, and why (null: not sampled). */
export function qaSampling(rule: QaSamplingRule, decision: SampledDecision): QaSamplingReason | null {
  if (decision.ordinal <= rule.firstDecisions) {
    return { kind: 'first_decisions', ordinal: decision.ordinal, firstDecisions: rule.firstDecisions, revision: rule.revision };
  }
  const share = rule.perReviewer[decision.reviewerId] ?? rule.defaultShare;
  const draw = qaDraw(decision.claimId, decision.version);
  return draw < share ? { kind: 'share', ordinal: decision.ordinal, draw, share, revision: rule.revision } : null;
}

/** What the first decision was; hidden from the QA reviewer until their verdict is recorded. */
export const QaOriginal = z.strictObject({
  reviewer: Assignee,
  outcome: QaOutcome,
  checklist: Checklist,
  reason: ReviewerRejectionReason.optional(),
  decidedAt: Instant,
});
export type QaOriginal = z.infer<typeof QaOriginal>;

export const QaVerdict = z.strictObject({
  outcome: QaOutcome,
  checklist: Checklist,
  comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
  at: Instant,
});

export const QaAgreement = z.strictObject({
  outcome: z.boolean(),
  /** Per checklist item of the first decision: did the QA reviewer mark it the same? */
  items: z.record(z.string(), z.boolean()),
});
export type QaAgreement = z.infer<typeof QaAgreement>;

export const QA_TASK_STATES = ['open', 'agreed', 'disagreed', 'resolved'] as const;

export const QaTask = z.strictObject({
  id: z.uuid(),
  /** The claim version the sampled decision produced. */
  decisionVersion: z.number().int().positive(),
  state: z.enum(QA_TASK_STATES),
  openedAt: Instant,
  qaReviewer: Assignee,
  why: QaSamplingReason,
  original: QaOriginal,
  verdict: QaVerdict.optional(),
  agreement: QaAgreement.optional(),
  resolution: z.strictObject({ outcome: z.enum(['upheld', 'reopened']), at: Instant, by: Assignee, justification: z.string() }).optional(),
});
export type QaTask = z.infer<typeof QaTask>;

/** Agreement on the outcome and on each checklist item the first decision named. */
export function qaAgreement(original: QaOriginal, verdict: { outcome: QaOutcome; checklist: Checklist }): QaAgreement {
  const state = (c: Checklist, k: ChecklistKey) => c[k]?.state ?? 'unchecked';
  const keys = Object.keys(original.checklist) as ChecklistKey[];
  return {
    outcome: original.outcome === verdict.outcome,
    items: Object.fromEntries(keys.map((k) => [k, state(original.checklist, k) === state(verdict.checklist, k)])),
  };
}

/**
 * The first decision beside the QA reviewer's verdict, as the QA reviewer compares them once the
 * verdict is recorded: outcome, reasons, each item's state, note and pins, comment.
 */
export const QaComparison = z.strictObject({
  original: QaOriginal,
  /** The first decision's reason codes: the rejection reason or the partner-action reasons. */
  reasons: z.array(z.string()),
  comment: z.string().optional(),
  verdict: QaVerdict,
  agreement: QaAgreement,
});
export type QaComparison = z.infer<typeof QaComparison>;

export function isQaDisagreement(agreement: QaAgreement): boolean {
  return !agreement.outcome || Object.values(agreement.items).some((same) => !same);
}
