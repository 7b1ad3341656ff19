// Which decisions the reviewer may take now, and why not: asked of the domain (`can`), never
// re-encoded here. Decisions whose guards read the checklist are asked with the draft checklist
// and a stand-in comment, so the answer covers everything but the comment the dialog will ask for.
import type { ActionContext } from '../../shared/domain/actions.js';
import type { Checklist } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { can } from '../../shared/domain/lifecycle.js';
import type { Actor } from '../../shared/domain/model.js';
import type { Refusal } from '../../shared/domain/refusal.js';

const STAND_IN = { comment: 'stand-in', commentId: '00000000-0000-4000-8000-000000000000' };

export interface DecisionGuards {
  startReview: Refusal | null;
  approve: Refusal | null;
  requestPartnerAction: Refusal | null;
  reject: Refusal | null;
  comment: Refusal | null;
}

export function decisionGuards(claim: Claim, actor: Actor, ctx: ActionContext, checklist: Checklist): DecisionGuards {
  return {
    startReview: can(claim, actor, 'startReview', ctx),
    approve: can(claim, actor, 'approve', ctx, { checklist }),
    requestPartnerAction: can(claim, actor, 'requestPartnerAction', ctx, { checklist, ...STAND_IN }),
    reject: can(claim, actor, 'reject', ctx),
    comment: can(claim, actor, 'comment', ctx),
  };
}

/**
 * The checklist is the reviewer's to change while a decision is still theirs to take (they can start
 * the review, or reject). Neither guard reads the checklist, so this is known before the draft is.
 */
export function reviewOpen(claim: Claim, actor: Actor, ctx: ActionContext): boolean {
  return !can(claim, actor, 'startReview', ctx) || !can(claim, actor, 'reject', ctx);
}
