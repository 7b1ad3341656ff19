// Plays one claim's story through shared/domain: `create`, then `apply` for every step, with the
// actor who takes it, at its instant, on a virtual clock. Between steps, and at the end up to the
// dataset's `now`, the timer does what falls due (overdue flags, PAR expiry, windows closing), so
// every claim's history is one the real service could have written.
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import { type Checklist, checklistFromReasons, type ChecklistItem, type ChecklistKey, GENERAL_ITEMS, type GeneralItem, type ParReason } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Command } from '../../shared/domain/actions.js';
import { apply, create, dueTimerCommands, nextTimerAt, type Result } from '../../shared/domain/lifecycle.js';
import type { Activity, Actor, Instant, PoeDocument, ProductId } from '../../shared/domain/model.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import type { PARTNER_REQUEST_GROUNDS, REVIEWER_REJECTION_REASONS } from '../../shared/domain/rejection.js';
import type { DocVariant, DocumentLibrary } from './documents.js';
import type { Engagement } from './engagements.js';
import type { Random } from './random.js';
import type { DemoAccounts } from './users.js';
import * as words from './wording.js';

export type ReviewerRejectionReason = (typeof REVIEWER_REJECTION_REASONS)[number];
export type PartnerRequestGround = (typeof PARTNER_REQUEST_GROUNDS)[number];

/** One thing that happens to a claim. Reviewer steps are taken by whoever the claim is assigned to. */
export type Step = { at: Instant } & (
  | { do: 'create' }
  | { do: 'upload'; doc: DocVariant }
  | { do: 'submit' }
  | { do: 'assign'; to: number | 'lead' }
  | { do: 'startReview' }
  | { do: 'approve'; offline?: boolean }
  | { do: 'requestPartnerAction'; reasons: ParReason[]; offline?: boolean }
  | { do: 'removeProducts'; products: ProductId[] }
  | { do: 'respond' }
  | { do: 'reject'; reason: ReviewerRejectionReason; offline?: boolean }
  | { do: 'requestRejection'; ground: PartnerRequestGround }
  | { do: 'optOut' }
  | { do: 'dispute'; docs: DocVariant[] }
  | { do: 'resolveDispute'; outcome: 'upheld' | 'overturned' }
  | { do: 'reopen'; to?: number | 'lead' }
  | { do: 'comment'; by: 'partner' | 'reviewer' | 'lead'; text: string }
);

export interface ClaimPlan {
  id: string;
  number: string;
  engagement: Engagement;
  products: ProductId[];
  activity: Activity;
  steps: Step[];
}

export class StoryRunner {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly now: Instant,
    private readonly accounts: DemoAccounts,
    private readonly library: DocumentLibrary,
    private readonly random: Random,
  ) {}

  async run(plan: ClaimPlan): Promise<Claim> {
    const [first, ...rest] = plan.steps;
    if (first?.do !== 'create') throw new Error(`${plan.number}: a story starts with the claim's creation`);
    const e = plan.engagement;
    const partner = this.accounts.partner(e.partner.id);
    let claim = this.check(
      plan,
      first,
      create(
        {
          id: plan.id,
          number: plan.number,
          partnerId: e.partner.id,
          partnerName: e.partner.name,
          activity: plan.activity,
          customer: { tenantId: e.customer.tenantId, name: e.customer.name, subscriptionIds: e.customer.subscriptionIds },
          products: plan.products,
          customerContact: { name: e.customerContact.name, email: e.customerContact.email, phone: e.customerContact.phone },
          partnerContact: { name: e.partnerContact.name, email: e.partnerContact.email, phone: e.partnerContact.phone },
        },
        partner,
        { now: first.at, calendar: this.calendar },
      ),
    );
    for (const step of rest) {
      if (step.at <= claim.updatedAt) throw new Error(`${plan.number}: step ${step.do} at ${step.at} is not after ${claim.updatedAt}`);
      claim = this.runTimers(claim, step.at);
      const { actor, command, decidedAt } = await this.translate(claim, plan, step);
      claim = this.check(plan, step, apply(claim, actor, command, { now: step.at, calendar: this.calendar }, decidedAt ? { decidedAt } : {}));
    }
    return this.runTimers(claim, this.now);
  }

  /** Applies whatever the timer has due up to `until`, each at the instant it fell due. */
  private runTimers(claim: Claim, until: Instant): Claim {
    for (let due = nextTimerAt(claim); due !== null && due <= until; due = nextTimerAt(claim)) {
      const commands = dueTimerCommands(claim, due);
      if (commands.length === 0) throw new Error(`${claim.number}: the timer is due at ${due} but has nothing to do`);
      for (const command of commands) claim = this.check(claim, { do: command.name, at: due }, apply(claim, this.accounts.timer, command, { now: due, calendar: this.calendar }));
    }
    return claim;
  }

  private check(plan: { number: string }, step: { do: string; at: Instant }, result: Result): Claim {
    if (!result.ok) throw new Error(`${plan.number}: ${step.do} at ${step.at} refused: ${JSON.stringify(result.refusal)}`);
    return result.claim;
  }

  private async translate(claim: Claim, plan: ClaimPlan, step: Step): Promise<{ actor: Actor; command: Command; decidedAt?: Instant }> {
    const r = this.random;
    const partner = this.accounts.partner(plan.engagement.partner.id);
    const reviewer = () => {
      if (!claim.assignee) throw new Error(`${plan.number}: ${step.do} needs an assigned reviewer`);
      return this.accounts.assignee(claim.assignee.id);
    };
    const assignee = (to: number | 'lead') => {
      const a = to === 'lead' ? this.accounts.lead : this.accounts.reviewers[to % this.accounts.reviewers.length]!;
      return { id: a.id, name: a.name };
    };
    const timeSpentMs = () => r.int(4, 35) * 60_000 + r.int(0, 59_000);
    // A decision made offline arrives later than it was made: up to a few hours, never before the previous step.
    const decided = (offline?: boolean) =>
      offline ? new Date(Math.max(Date.parse(claim.updatedAt) + 60_000, Date.parse(step.at) - r.int(20, 240) * 60_000)).toISOString() : undefined;

    switch (step.do) {
      case 'create':
        throw new Error(`${plan.number}: a claim is created once`);
      case 'upload':
        return { actor: partner, command: { name: 'uploadDocument', args: { document: await this.document(plan.engagement, step.doc, step.at) } } };
      case 'submit':
        return { actor: partner, command: { name: 'submit', args: {} } };
      case 'assign':
        return { actor: this.accounts.lead, command: { name: 'assign', args: { assignee: assignee(step.to) } } };
      case 'startReview':
        return { actor: reviewer(), command: { name: 'startReview', args: {} } };
      case 'approve':
        return {
          actor: reviewer(),
          command: { name: 'approve', args: { checklist: this.passedChecklist(claim), timeSpentMs: timeSpentMs() } },
          ...optional('decidedAt', decided(step.offline)),
        };
      case 'requestPartnerAction':
        return {
          actor: reviewer(),
          command: {
            name: 'requestPartnerAction',
            args: { checklist: this.flaggedChecklist(claim, step.reasons), comment: words.parComment(step.reasons, r), commentId: r.uuid(), timeSpentMs: timeSpentMs() },
          },
          ...optional('decidedAt', decided(step.offline)),
        };
      case 'removeProducts':
        return { actor: partner, command: { name: 'edit', args: { changes: { products: claim.products.filter((p) => !step.products.includes(p)) } } } };
      case 'respond':
        return {
          actor: partner,
          command: { name: 'respondToPartnerAction', args: { commentId: r.uuid(), comment: words.partnerResponse(claim.review.parReasons, plan.engagement.customerContact.name, r) } },
        };
      case 'reject':
        return {
          actor: reviewer(),
          command: {
            name: 'reject',
            args: {
              reason: step.reason,
              comment: words.rejectionComment(step.reason, r),
              commentId: r.uuid(),
              checklist: this.flaggedChecklist(claim, REJECTION_FLAGS[step.reason](claim)),
              timeSpentMs: timeSpentMs(),
            },
          },
          ...optional('decidedAt', decided(step.offline)),
        };
      case 'requestRejection':
        return { actor: partner, command: { name: 'requestRejection', args: { ground: step.ground, comment: words.PARTNER_REQUEST_COMMENTS[step.ground] } } };
      case 'optOut': {
        const customer: Actor = { kind: 'customer', id: `customer:${plan.engagement.customer.tenantId}`, name: plan.engagement.customerContact.name, tenantId: plan.engagement.customer.tenantId };
        return { actor: customer, command: { name: 'optOut', args: { comment: r.pick(words.OPT_OUT_COMMENTS) } } };
      }
      case 'dispute': {
        const documents = await Promise.all(step.docs.map((d) => this.document(plan.engagement, d, step.at)));
        return { actor: partner, command: { name: 'dispute', args: { justification: words.disputeJustification(claim.rejection!.reason, r), documents } } };
      }
      case 'resolveDispute':
        return {
          actor: reviewer(),
          command: { name: 'resolveDispute', args: { outcome: step.outcome, comment: words.resolutionComment(step.outcome, r), commentId: r.uuid(), timeSpentMs: timeSpentMs() } },
        };
      case 'reopen':
        return {
          actor: this.accounts.lead,
          command: { name: 'reopen', args: { justification: r.pick(words.REOPEN_JUSTIFICATIONS), ...(step.to === undefined ? {} : { assignee: assignee(step.to) }) } },
        };
      case 'comment': {
        const actor = step.by === 'partner' ? partner : step.by === 'lead' ? this.accounts.lead : reviewer();
        return { actor, command: { name: 'comment', args: { commentId: r.uuid(), text: step.text } } };
      }
    }
  }

  private async document(e: Engagement, variant: DocVariant, at: Instant): Promise<PoeDocument> {
    const file = await this.library.file(e, variant);
    return { id: this.random.uuid(), ...file, uploadedAt: at };
  }

  /** Every item checked and passed; for some, the page the reviewer found the evidence on. */
  private passedChecklist(claim: Claim): Checklist {
    const doc = [...claim.documents].reverse().find((d) => d.pages !== null);
    const checklist: Checklist = {};
    for (const item of GENERAL_ITEMS) checklist[item] = { state: 'passed', evidence: [] };
    for (const p of claim.products) {
      checklist[`product:${p}`] = {
        state: 'passed',
        evidence: doc && this.random.chance(0.6) ? [{ documentSha256: doc.sha256, page: 1, text: PRODUCTS[p].name }] : [],
      };
    }
    if (doc && this.random.chance(0.6)) {
      // The acknowledgement and its signatures, pinned as a region as a reviewer outlines them: the
      // block flows onto the top of the last page of a longer PoE, and ends a one-page PoE.
      const region = doc.pages === 1 ? { x: 0.06, y: 0.5, width: 0.88, height: 0.4 } : { x: 0.06, y: 0.04, width: 0.88, height: 0.4 };
      checklist.customer_acknowledgement = { state: 'passed', evidence: [{ documentSha256: doc.sha256, page: doc.pages!, text: 'I confirm that', region }] };
    }
    return checklist;
  }

  /** The items behind `reasons` flagged missing, with a note; everything else checked and passed. */
  private flaggedChecklist(claim: Claim, reasons: readonly ParReason[]): Checklist {
    const checklist: Checklist = {};
    for (const [key, item] of Object.entries(checklistFromReasons(reasons, claim.products)) as [ChecklistKey, ChecklistItem][]) {
      const reason = key.startsWith('product:') ? 'products_missing' : ITEM_REASON[key as GeneralItem];
      checklist[key] = item.state === 'missing' ? { ...item, note: words.parItemNote(reason) } : { state: 'passed', evidence: [] };
    }
    return checklist;
  }
}

const ITEM_REASON: Record<GeneralItem, ParReason['code']> = {
  poe_present: 'poe_missing',
  customer_acknowledgement: 'customer_acknowledgement_missing',
  dates: 'dates_missing_or_stale',
  partner_solution: 'partner_solution_missing',
};

/** Which checklist items a reviewer flags when rejecting for a reason. */
const REJECTION_FLAGS: Record<ReviewerRejectionReason, (claim: Claim) => ParReason[]> = {
  insufficient_poe: () => [{ code: 'partner_solution_missing' }],
  missing_customer_consent: () => [{ code: 'customer_acknowledgement_missing' }],
  missing_products: (claim) => [{ code: 'products_missing', products: [claim.products[claim.products.length - 1]!] }],
  poe_not_available: () => [{ code: 'poe_missing' }],
};

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
