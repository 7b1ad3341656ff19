// The two sides of a claim (spec: "Comments and history": history "can be shown from the partner's
// and from the reviewer's side"). Reviewers see everything. The partner sees its claim, the
// reasons and comments addressed to it and every status change, but not the reviewer's working
// notes: checklist notes and pinned evidence, time spent, reviewer identities, internal SLA flags.
import type { Claim, HistoryEntry } from './claim.js';
import type { ActorRef } from './model.js';

/** History actions that are reviewer-side bookkeeping, not news for the partner. */
const INTERNAL_ACTIONS = new Set(['flagOverdue', 'assign', 'openQaTask', 'recordQaVerdict']);
/** A lead's QA resolution is internal unless it reopened the claim (a status change the partner sees). */
const isInternal = (entry: HistoryEntry) => INTERNAL_ACTIONS.has(entry.action) || (entry.action === 'resolveQaDisagreement' && entry.from === entry.to);
/** History details that are the reviewer's working notes. */
const INTERNAL_DETAILS = new Set(['checklist', 'timeSpentMs', 'from', 'to', 'assignee', 'justification', 'taskId', 'resolution']);

function reviewerSide(actor: ActorRef): boolean {
  return actor.kind === 'reviewer' || actor.kind === 'team_lead';
}

function anonymous(actor: ActorRef): ActorRef {
  return reviewerSide(actor) ? { kind: actor.kind, id: '', name: '' } : actor;
}

function partnerEntry(entry: HistoryEntry): HistoryEntry {
  return {
    ...entry,
    actor: anonymous(entry.actor),
    details: Object.fromEntries(Object.entries(entry.details).filter(([k]) => !INTERNAL_DETAILS.has(k))),
  };
}

export function partnerView(claim: Claim): Claim {
  const clocks = Object.fromEntries(
    Object.entries(claim.clocks).map(([name, clock]) => {
      const { overdueAt: _overdueAt, ...rest } = clock!;
      return [name, rest];
    }),
  );
  return {
    ...claim,
    assignee: null,
    clocks,
    review: { checklist: {}, parReasons: claim.review.parReasons },
    comments: claim.comments.map((c) => ({ ...c, author: anonymous(c.author) })),
    qa: [],
    history: claim.history.filter((e) => !isInternal(e)).map(partnerEntry),
  };
}
