// QA tasks as they sit on a claim: whose task is open, and what the QA reviewer may see (blind).
import type { Claim } from './claim.js';
import { qaAgreement, type QaComparison, type QaTask } from './qa.js';

/** The open QA task of this reviewer on the claim, if any. */
export function openQaTaskOf(claim: Claim, reviewerId: string): QaTask | undefined {
  return claim.qa.find((t) => t.state === 'open' && t.qaReviewer.id === reviewerId);
}

/**
 * The claim as the QA reviewer may see it: as it stood just before the sampled decision, with that
 * decision, everything after it and the first reviewer's flags left out (blind review).
 */
export function qaBlindView(claim: Claim, task: QaTask): Claim {
  const before = claim.history.filter((e) => e.version < task.decisionVersion);
  const last = before.at(-1);
  return {
    ...claim,
    version: last?.version ?? claim.version,
    status: last?.to ?? claim.status,
    documents: claim.documents.filter((d) => d.uploadedAt <= task.original.decidedAt),
    review: { checklist: Object.fromEntries(Object.keys(task.original.checklist).map((k) => [k, { state: 'unchecked', evidence: [] }])), parReasons: [] },
    rejection: null,
    dispute: null,
    comments: claim.comments.filter((c) => !last || c.at <= last.at),
    qa: [],
    history: before,
  };
}

/** What the QA reviewer sees of the first decision once their verdict is recorded; null before (blind). */
export function qaComparison(claim: Claim, task: QaTask): QaComparison | null {
  if (task.state === 'open' || !task.verdict) return null;
  const details = (claim.history.find((e) => e.version === task.decisionVersion)?.details ?? {}) as { reasons?: { code: string }[]; reason?: string; comment?: string };
  return {
    original: task.original,
    reasons: [...(details.reasons ?? []).map((r) => r.code), ...(details.reason ? [details.reason] : [])],
    ...(details.comment ? { comment: details.comment } : {}),
    verdict: task.verdict,
    agreement: task.agreement ?? qaAgreement(task.original, task.verdict),
  };
}
