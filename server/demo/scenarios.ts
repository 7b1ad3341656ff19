// The demo's claims as stories, one per situation a reviewer, lead or partner meets: every status,
// every clock reading (fresh, due today, overdue, waiting, expired...), every PAR reason and every
// rejection reason, with documents that fit the story (a claim asked for a signature carries an
// unsigned acknowledgement). A scenario plans instants and steps only; story.ts plays them through
// shared/domain. Times are planned backwards from the instant that sets the scenario's clock.
import type { ParReason } from '../../shared/domain/checklist.js';
import type { ClockName, ClockReading } from '../../shared/domain/clocks.js';
import type { Instant, ProductId } from '../../shared/domain/model.js';
import type { DocVariant } from './documents.js';
import type { Engagement } from './engagements.js';
import type { Random } from './random.js';
import type { PartnerRequestGround, ReviewerRejectionReason, Step } from './story.js';
import type { Timeline } from './timeline.js';
import * as words from './wording.js';

export interface PlanContext {
  tl: Timeline;
  random: Random;
  engagement: Engagement;
  products: ProductId[];
  /** How many claims of this scenario were planned before this one: cycles through variants. */
  index: number;
  /** Whom the lead assigns the claim to (index into the reviewers, or the lead herself)... */
  reviewer: number | 'lead';
  /** ...and whom to, when it is reassigned. */
  otherReviewer: number | 'lead';
}

export interface Scenario {
  name: string;
  count: number;
  /** The claim names every product of its engagement (needed to leave one out of a document). */
  allProducts?: boolean;
  /** Only engagements that pass (the 300-page log is an endpoint-management export). */
  engagement?: (e: Engagement) => boolean;
  /**
   * Claims of every scenario naming the same group sit on one engagement: they cite one special
   * document (the 300-page workbook, the scan), generated once.
   */
  shareEngagement?: 'workbook' | 'scan';
  plan: (c: PlanContext) => Step[];
}

/** A defect, the PAR reasons it warrants and the document that carries it. */
interface Defect {
  reasons: (products: readonly ProductId[]) => ParReason[];
  doc: (products: readonly ProductId[]) => DocVariant;
}

const last = (products: readonly ProductId[]) => products[products.length - 1]!;

/** In this order PAR scenarios cycle through them, so each reason is in some waiting PAR. */
const DEFECTS: readonly Defect[] = [
  { reasons: () => [{ code: 'customer_acknowledgement_missing' }], doc: () => ({ kind: 'defect', unsigned: true }) },
  { reasons: () => [{ code: 'dates_missing_or_stale' }], doc: () => ({ kind: 'defect', dates: 'stale' }) },
  { reasons: (p) => [{ code: 'products_missing', products: [last(p)] }], doc: (p) => ({ kind: 'defect', omit: last(p) }) },
  { reasons: () => [{ code: 'partner_solution_missing' }], doc: () => ({ kind: 'defect', thin: true }) },
  { reasons: () => [{ code: 'poe_missing' }], doc: () => ({ kind: 'invoice' }) },
  { reasons: () => [{ code: 'dates_missing_or_stale' }], doc: () => ({ kind: 'defect', dates: 'none' }) },
  { reasons: () => [{ code: 'poe_missing' }], doc: () => ({ kind: 'protected' }) },
  { reasons: () => [{ code: 'customer_acknowledgement_missing' }, { code: 'dates_missing_or_stale' }], doc: () => ({ kind: 'defect', unsigned: true, dates: 'stale' }) },
  {
    reasons: (p) => [{ code: 'partner_solution_missing' }, { code: 'products_missing', products: [last(p)] }],
    doc: (p) => ({ kind: 'defect', thin: true, omit: last(p) }),
  },
  { reasons: () => [{ code: 'customer_acknowledgement_missing' }, { code: 'partner_solution_missing' }], doc: () => ({ kind: 'defect', unsigned: true, thin: true }) },
];

const REVIEWER_REASONS: readonly { reason: ReviewerRejectionReason; doc: (p: readonly ProductId[], index: number) => DocVariant }[] = [
  { reason: 'insufficient_poe', doc: () => ({ kind: 'defect', thin: true }) },
  { reason: 'missing_customer_consent', doc: () => ({ kind: 'defect', unsigned: true }) },
  { reason: 'missing_products', doc: (p) => ({ kind: 'defect', omit: last(p) }) },
  { reason: 'poe_not_available', doc: (_p, i) => (i % 2 === 0 ? { kind: 'protected' } : { kind: 'invoice' }) },
];

const GROUNDS: readonly PartnerRequestGround[] = ['wrong_partner_id', 'wrong_activity', 'no_longer_works_with_customer', 'other'];

/** Documents of a claim that is in order: the main PoE, sometimes with a separate signed acknowledgement. */
function goodDocs(c: PlanContext): DocVariant[] {
  return c.engagement.kind !== 'acknowledgement' && c.random.chance(0.3) ? [{ kind: 'good' }, { kind: 'acknowledgement' }] : [{ kind: 'good' }];
}

/** What a partner submits when nobody has looked yet: mostly fine, sometimes a defect to find. */
function unreviewedDocs(c: PlanContext): DocVariant[] {
  return c.random.chance(0.6) ? goodDocs(c) : [c.random.pick(DEFECTS).doc(c.products)];
}

/** What the partner uploads to answer `reasons`: a signed acknowledgement, or the proper PoE. */
function fixFor(reasons: readonly ParReason[]): DocVariant {
  return reasons.every((r) => r.code === 'customer_acknowledgement_missing') ? { kind: 'acknowledgement' } : { kind: 'good' };
}

/** Create, upload (minutes apart) and submit at `submitAt`. */
function intake(c: PlanContext, submitAt: Instant, docs: readonly DocVariant[]): Step[] {
  const steps: Step[] = [{ at: c.tl.before(submitAt, 0, 3), do: 'create' }];
  for (const doc of docs) steps.push({ at: c.tl.minutesAfter(steps[steps.length - 1]!.at, 2, 40, submitAt), do: 'upload', doc });
  steps.push({ at: submitAt, do: 'submit' });
  return steps;
}

/** Everything up to a review started at `startAt`: intake, the lead's assignment, start. */
function toReview(c: PlanContext, startAt: Instant, docs: readonly DocVariant[]): Step[] {
  const assignAt = c.tl.before(startAt, 0, 1);
  const submitAt = c.tl.before(assignAt, 0, 2);
  return [...intake(c, submitAt, docs), { at: assignAt, do: 'assign', to: c.reviewer }, { at: startAt, do: 'startReview' }];
}

/** Everything up to a reviewer's decision at `decideAt`. */
function toDecision(c: PlanContext, decideAt: Instant, docs: readonly DocVariant[]): Step[] {
  return toReview(c, c.tl.before(decideAt, 0, 2), docs);
}

/** A partner-action round ending with the partner's answer at `respondAt`, starting from `docs`. */
function parRound(c: PlanContext, respondAt: Instant, defect: Defect): { steps: Step[]; parAt: Instant } {
  const fixAt = c.tl.before(respondAt, 0, 1);
  const parAt = c.tl.before(fixAt, 1, 3);
  const reasons = defect.reasons(c.products);
  const removeOnly = reasons.length === 1 && reasons[0]!.code === 'products_missing' && c.random.chance(0.5);
  const answer: Step = removeOnly ? { at: fixAt, do: 'removeProducts', products: [last(c.products)] } : { at: fixAt, do: 'upload', doc: fixFor(reasons) };
  return { parAt, steps: [{ at: parAt, do: 'requestPartnerAction', reasons, offline: c.random.chance(0.15) }, answer, { at: respondAt, do: 'respond' }] };
}

const anchor = (c: PlanContext, clock: ClockName, kinds: readonly ClockReading['kind'][], back: readonly [number, number]) => c.tl.anchor(clock, kinds, back);

export const SCENARIOS: readonly Scenario[] = [
  // ---- drafts ------------------------------------------------------------------------------
  { name: 'draft, nothing uploaded', count: 6, plan: (c) => [{ at: c.tl.before(c.tl.now, 0, 25), do: 'create' }] },
  {
    name: 'draft with documents',
    count: 10,
    plan: (c) => {
      const created = c.tl.before(c.tl.now, 0, 20);
      const steps: Step[] = [{ at: created, do: 'create' }];
      for (const doc of unreviewedDocs(c)) steps.push({ at: c.tl.minutesAfter(steps[steps.length - 1]!.at, 2, 50), do: 'upload', doc });
      return steps;
    },
  },

  // ---- submitted -----------------------------------------------------------------------------
  { name: 'submitted, fresh, unassigned', count: 16, plan: (c) => intake(c, anchor(c, 'submitted_sla', ['running'], [0, 3]), unreviewedDocs(c)) },
  {
    name: 'submitted, fresh, assigned',
    count: 10,
    plan: (c) => {
      const submitAt = anchor(c, 'submitted_sla', ['running'], [0, 3]);
      return [...intake(c, submitAt, unreviewedDocs(c)), { at: c.tl.after(submitAt, 0, 1), do: 'assign', to: c.reviewer }];
    },
  },
  {
    name: 'submitted, due today',
    count: 6,
    plan: (c) => {
      const submitAt = anchor(c, 'submitted_sla', ['due_today', 'running'], [4, 6]);
      const steps = intake(c, submitAt, unreviewedDocs(c));
      return c.index % 2 === 0 ? [...steps, { at: c.tl.after(submitAt, 0, 2), do: 'assign', to: c.reviewer }] : steps;
    },
  },
  {
    name: 'submitted, overdue',
    count: 14,
    plan: (c) => {
      const submitAt = anchor(c, 'submitted_sla', ['overdue'], [6, 16]);
      const steps = intake(c, submitAt, unreviewedDocs(c));
      if (c.index % 5 < 3) {
        const assignAt = c.tl.after(submitAt, 1, 3);
        steps.push({ at: assignAt, do: 'assign', to: c.reviewer });
        if (c.index % 5 === 0) steps.push({ at: c.tl.after(assignAt, 1, 3), do: 'assign', to: c.otherReviewer });
      }
      if (c.index % 3 === 0) steps.push({ at: c.tl.after(steps[steps.length - 1]!.at, 1, 3), do: 'comment', by: 'partner', text: c.random.pick(words.PARTNER_NUDGES) });
      return steps;
    },
  },

  // ---- in review -----------------------------------------------------------------------------
  {
    name: 'in review, days left',
    count: 22,
    plan: (c) => {
      const startAt = anchor(c, 'review_sla', ['running'], [0, 3]);
      const steps = toReview(c, startAt, unreviewedDocs(c));
      return c.index % 4 === 0 ? [...steps, { at: c.tl.after(startAt, 0, 1), do: 'comment', by: 'reviewer', text: c.random.pick(words.REVIEWER_NOTES) }] : steps;
    },
  },
  { name: 'in review, due today', count: 5, plan: (c) => toReview(c, anchor(c, 'review_sla', ['due_today', 'running'], [4, 6]), unreviewedDocs(c)) },
  { name: 'in review, overdue', count: 10, plan: (c) => toReview(c, anchor(c, 'review_sla', ['overdue'], [6, 14]), unreviewedDocs(c)) },
  {
    name: 'in review, overall SLA due today',
    count: 3,
    plan: (c) => {
      const submitAt = anchor(c, 'overall_sla', ['due_today', 'overdue'], [9, 11]);
      const assignAt = c.tl.after(submitAt, 0, 1);
      return [...intake(c, submitAt, unreviewedDocs(c)), { at: assignAt, do: 'assign', to: c.reviewer }, { at: c.tl.after(assignAt, 1, 3), do: 'startReview' }];
    },
  },
  {
    name: 'in review again after the partner answered',
    count: 8,
    plan: (c) => {
      const defect = DEFECTS[c.index % DEFECTS.length]!;
      const round = parRound(c, anchor(c, 'review_sla', ['running', 'due_today'], [0, 3]), defect);
      return [...toDecision(c, round.parAt, [defect.doc(c.products)]), ...round.steps];
    },
    allProducts: true,
  },
  {
    name: 'in review, reopened by the lead',
    count: 2,
    plan: (c) => {
      // Reopening needs the consent window still open: anchor the approval on it, not on the calendar.
      const approveAt = anchor(c, 'customer_consent', ['running'], [1, 3]);
      return [...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve' }, { at: c.tl.after(approveAt, 0, 1), do: 'reopen', to: c.otherReviewer }];
    },
  },
  {
    name: 'in review, the 300-page document',
    count: 1,
    engagement: (e) => e.products.includes('m365-intune'),
    shareEngagement: 'workbook',
    plan: (c) => {
      const startAt = anchor(c, 'review_sla', ['running'], [0, 2]);
      return [...toReview(c, startAt, [{ kind: 'workbook' }]), { at: c.tl.after(startAt, 0, 1), do: 'comment', by: 'reviewer', text: words.REVIEWER_NOTES[1]! }];
    },
  },
  {
    name: 'in review, scanned acknowledgement',
    count: 1,
    shareEngagement: 'scan',
    engagement: (e) => e.kind !== 'acknowledgement',
    plan: (c) => toReview(c, anchor(c, 'review_sla', ['running'], [0, 3]), [{ kind: 'good' }, { kind: 'scan' }]),
  },

  // ---- partner action required -----------------------------------------------------------------
  {
    name: 'partner action required, waiting',
    count: 26,
    allProducts: true,
    plan: (c) => {
      const defect = DEFECTS[c.index % DEFECTS.length]!;
      const parAt = anchor(c, 'partner_response', ['running'], [0, 3]);
      const steps = [...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products), offline: c.index % 6 === 0 } as Step];
      return c.index % 5 === 0 ? [...steps, { at: c.tl.after(parAt, 0, 1), do: 'comment', by: 'partner', text: 'We are collecting the documents from the customer and will upload them this week.' }] : steps;
    },
  },
  {
    name: 'partner action required, about to expire',
    count: 6,
    allProducts: true,
    plan: (c) => {
      const defect = DEFECTS[(c.index * 3) % DEFECTS.length]!;
      const parAt = anchor(c, 'partner_response', ['due_today', 'running'], [4, 6]);
      return [...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products) }];
    },
  },
  {
    name: 'partner action required, second round',
    count: 2,
    plan: (c) => {
      // Round one: the wrong file; the partner then uploads the acknowledgement, still unsigned.
      const par2At = anchor(c, 'partner_response', ['running'], [0, 2]);
      const respondAt = c.tl.before(par2At, 1, 2);
      const fixAt = c.tl.before(respondAt, 0, 1);
      const par1At = c.tl.before(fixAt, 1, 2);
      return [
        ...toDecision(c, par1At, [{ kind: 'invoice' }]),
        { at: par1At, do: 'requestPartnerAction', reasons: [{ code: 'poe_missing' }] },
        { at: fixAt, do: 'upload', doc: { kind: 'defect', unsigned: true } },
        { at: respondAt, do: 'respond' },
        { at: par2At, do: 'requestPartnerAction', reasons: [{ code: 'customer_acknowledgement_missing' }] },
      ];
    },
  },

  // ---- approved ------------------------------------------------------------------------------
  {
    name: 'approved, consent window open',
    count: 17,
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['running'], [0, 4]);
      return [...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve', offline: c.index % 5 === 0 }];
    },
  },
  {
    name: 'approved, consent window closes today',
    count: 3,
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['due_today', 'running'], [2, 6]);
      return [...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve' }];
    },
  },
  {
    name: 'approved, sent to incentive evaluation',
    count: 50,
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['overdue'], [6, 38]);
      return [...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve', offline: c.index % 7 === 0 }];
    },
  },
  {
    name: 'approved after a partner-action round',
    count: 6,
    allProducts: true,
    plan: (c) => {
      const approveAt = c.index % 2 === 0 ? anchor(c, 'customer_consent', ['running'], [0, 3]) : anchor(c, 'customer_consent', ['overdue'], [8, 25]);
      const defect = DEFECTS[(c.index * 7) % DEFECTS.length]!;
      const round = parRound(c, c.tl.before(approveAt, 0, 2), defect);
      return [...toDecision(c, round.parAt, [defect.doc(c.products)]), ...round.steps, { at: approveAt, do: 'approve' }];
    },
  },
  {
    name: 'approved on the 300-page document',
    count: 1,
    engagement: (e) => e.products.includes('m365-intune'),
    shareEngagement: 'workbook',
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['overdue'], [10, 20]);
      return [...toDecision(c, approveAt, [{ kind: 'workbook' }]), { at: approveAt, do: 'approve' }];
    },
  },
  {
    name: 'approved with a scanned acknowledgement',
    count: 1,
    shareEngagement: 'scan',
    engagement: (e) => e.kind !== 'acknowledgement',
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['overdue'], [8, 20]);
      return [...toDecision(c, approveAt, [{ kind: 'good' }, { kind: 'scan' }]), { at: approveAt, do: 'approve' }];
    },
  },

  // ---- rejected ------------------------------------------------------------------------------
  {
    name: 'rejected by the reviewer, dispute possible',
    count: 18,
    allProducts: true,
    plan: (c) => {
      const { reason, doc } = REVIEWER_REASONS[c.index % REVIEWER_REASONS.length]!;
      const rejectAt = anchor(c, 'dispute_window', ['running'], [0, 18]);
      return [...toDecision(c, rejectAt, [doc(c.products, c.index)]), { at: rejectAt, do: 'reject', reason, offline: c.index % 6 === 0 }];
    },
  },
  {
    name: 'rejected, dispute window closes today',
    count: 2,
    allProducts: true,
    plan: (c) => {
      const { reason, doc } = REVIEWER_REASONS[(c.index + 1) % REVIEWER_REASONS.length]!;
      const rejectAt = anchor(c, 'dispute_window', ['due_today', 'running'], [15, 23]);
      return [...toDecision(c, rejectAt, [doc(c.products, c.index)]), { at: rejectAt, do: 'reject', reason }];
    },
  },
  {
    name: 'rejected, dispute window closed',
    count: 16,
    allProducts: true,
    plan: (c) => {
      const { reason, doc } = REVIEWER_REASONS[(c.index + 2) % REVIEWER_REASONS.length]!;
      const rejectAt = anchor(c, 'dispute_window', ['overdue'], [23, 34]);
      return [...toDecision(c, rejectAt, [doc(c.products, c.index)]), { at: rejectAt, do: 'reject', reason }];
    },
  },
  {
    name: 'rejected, no partner response, dispute possible',
    count: 5,
    allProducts: true,
    plan: (c) => {
      const defect = DEFECTS[(c.index * 2) % DEFECTS.length]!;
      const parAt = anchor(c, 'partner_response', ['overdue'], [6, 17]);
      return [...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products) }];
    },
  },
  {
    name: 'rejected, no partner response, dispute window closed',
    count: 3,
    allProducts: true,
    plan: (c) => {
      const defect = DEFECTS[(c.index * 3 + 1) % DEFECTS.length]!;
      const parAt = anchor(c, 'partner_response', ['overdue'], [30, 36]);
      return [...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products) }];
    },
  },
  {
    name: 'rejected at the partner’s request',
    count: 7,
    plan: (c) => {
      const ground = GROUNDS[c.index % GROUNDS.length]!;
      const end = (steps: Step[]): Step[] => [...steps, { at: c.tl.after(steps[steps.length - 1]!.at, 0, 2), do: 'requestRejection', ground }];
      switch (c.index % 4) {
        case 0: {
          const created = c.tl.before(c.tl.now, 3, 20);
          return end([{ at: created, do: 'create' }, { at: c.tl.minutesAfter(created, 3, 30), do: 'upload', doc: { kind: 'good' } }]);
        }
        case 1: {
          const submitAt = c.tl.before(c.tl.now, 2, 15);
          return end(intake(c, submitAt, goodDocs(c)));
        }
        case 2: {
          const defect = DEFECTS[c.index % DEFECTS.length]!;
          const parAt = anchor(c, 'partner_response', ['running'], [2, 4]);
          return end([...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products) }]);
        }
        default: {
          const approveAt = anchor(c, 'customer_consent', ['running'], [1, 4]);
          return end([...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve' }]);
        }
      }
    },
    allProducts: true,
  },
  {
    name: 'rejected, customer opted out',
    count: 5,
    plan: (c) => {
      const approveAt = anchor(c, 'customer_consent', ['running'], [1, 4]);
      return [...toDecision(c, approveAt, goodDocs(c)), { at: approveAt, do: 'approve' }, { at: c.tl.after(approveAt, 0, 2), do: 'optOut' }];
    },
  },
  {
    name: 'rejected, disputed, dispute open',
    count: 8,
    allProducts: true,
    plan: (c) => {
      const kinds: readonly [ClockReading['kind'][], [number, number]][] = [
        [['running'], [0, 3]],
        [['running'], [0, 3]],
        [['due_today', 'running'], [4, 6]],
        [['overdue'], [6, 10]],
      ];
      const [want, back] = kinds[c.index % kinds.length]!;
      const disputeAt = anchor(c, 'dispute_sla', want, back);
      const steps = rejectedBefore(c, disputeAt);
      steps.push({ at: disputeAt, do: 'dispute', docs: [{ kind: 'good' }] });
      // A dispute often goes to a second pair of eyes.
      if (c.index % 2 === 1) steps.push({ at: c.tl.after(disputeAt, 0, 1), do: 'assign', to: c.otherReviewer });
      return steps;
    },
  },
  {
    name: 'rejected, dispute upheld',
    count: 5,
    allProducts: true,
    plan: (c) => {
      const resolveAt = c.tl.before(c.tl.now, 0, 12);
      const disputeAt = c.tl.before(resolveAt, 1, 4);
      return [...rejectedBefore(c, disputeAt), { at: disputeAt, do: 'dispute', docs: [] }, { at: resolveAt, do: 'resolveDispute', outcome: 'upheld' }];
    },
  },
  {
    name: 'approved, dispute overturned',
    count: 5,
    allProducts: true,
    plan: (c) => {
      const resolveAt = c.index % 2 === 0 ? anchor(c, 'customer_consent', ['running'], [0, 3]) : anchor(c, 'customer_consent', ['overdue'], [6, 12]);
      const disputeAt = c.tl.before(resolveAt, 1, 4);
      return [...rejectedBefore(c, disputeAt), { at: disputeAt, do: 'dispute', docs: [{ kind: 'good' }] }, { at: resolveAt, do: 'resolveDispute', outcome: 'overturned' }];
    },
  },
];

/**
 * A rejection that can still be disputed at `disputeAt`: by the reviewer, or (every third claim) by
 * the timer after the partner did not answer.
 */
function rejectedBefore(c: PlanContext, disputeAt: Instant): Step[] {
  if (c.index % 3 === 2) {
    const defect = DEFECTS[c.index % DEFECTS.length]!;
    const parAt = c.tl.before(disputeAt, 7, 12);
    return [...toDecision(c, parAt, [defect.doc(c.products)]), { at: parAt, do: 'requestPartnerAction', reasons: defect.reasons(c.products) }];
  }
  const { reason, doc } = REVIEWER_REASONS[c.index % REVIEWER_REASONS.length]!;
  const rejectAt = c.tl.before(disputeAt, 1, 12);
  return [...toDecision(c, rejectAt, [doc(c.products, c.index)]), { at: rejectAt, do: 'reject', reason }];
}
