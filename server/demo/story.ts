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
import { DEFAULT_QA_RULE, QA_DECISIONS, type QaOriginal, type QaOutcome, qaSampling } from '../../shared/domain/qa.js';
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

/** Something the service and the team do to a claim besides its plan: QA second review. */
type Extra = { at: Instant; actor: Actor; command: Command };

export class StoryRunner {
  /** Each reviewer's QA-sampled kinds of decision so far: the ordinal the rule's "first N" reads. */
  private readonly decisions = new Map<string, number>();
  /** Open and answered QA tasks per QA reviewer: a new task goes to the least loaded other one. */
  private readonly qaLoad = new Map<string, number>();

  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly now: Instant,
    private readonly accounts: DemoAccounts,
    private readonly library: DocumentLibrary,
    private readonly random: Random,
    /** QA's own draws, apart from the stories' so that the claims stay as they were without QA. */
    private readonly qaRandom: Random = random.fork('qa'),
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
    let extras: Extra[] = [];
    for (const step of rest) {
      if (step.at <= claim.updatedAt) throw new Error(`${plan.number}: step ${step.do} at ${step.at} is not after ${claim.updatedAt}`);
      [claim, extras] = this.runExtras(claim, extras, step.at);
      claim = this.runTimers(claim, step.at);
      const { actor, command, decidedAt } = await this.translate(claim, plan, step);
      claim = this.check(plan, step, apply(claim, actor, command, { now: step.at, calendar: this.calendar }, decidedAt ? { decidedAt } : {}));
      extras = [...extras, ...this.sampleForQa(claim, actor, step.at)].sort((a, b) => a.at.localeCompare(b.at));
    }
    [claim] = this.runExtras(claim, extras, this.now);
    return this.runTimers(claim, this.now);
  }

  /** The extra acts due before `until` (and those they lead to), each after the timers due before it; the rest are kept. */
  private runExtras(claim: Claim, extras: Extra[], until: Instant): [Claim, Extra[]] {
    const queue = [...extras];
    while (queue.length > 0 && queue[0]!.at < until) {
      const extra = queue.shift()!;
      if (extra.at < claim.updatedAt) continue;
      claim = this.runTimers(claim, extra.at);
      const result = apply(claim, extra.actor, extra.command, { now: extra.at, calendar: this.calendar });
      // A verdict the claim no longer allows (it was reopened meanwhile) is simply not given.
      if (!result.ok) continue;
      claim = result.claim;
      queue.push(...this.followUps(claim, extra).filter((e) => e.at < this.now));
      queue.sort((x, y) => x.at.localeCompare(y.at));
    }
    return [claim, queue];
  }

  /**
   * QA second review as the service does it (server/lead/qa-sampling.ts): the lead's default rule
   * samples the decision by the reviewer's ordinal and the domain's draw; the task goes to another
   * reviewer; most QA reviewers answer within a few business days, mostly agreeing.
   */
  private sampleForQa(claim: Claim, decider: Actor, at: Instant): Extra[] {
    const entry = claim.history.at(-1)!;
    if (!(QA_DECISIONS as readonly string[]).includes(entry.action)) return [];
    const ordinal = (this.decisions.get(decider.id) ?? 0) + 1;
    this.decisions.set(decider.id, ordinal);
    const why = qaSampling(DEFAULT_QA_RULE, { claimId: claim.id, version: entry.version, reviewerId: decider.id, ordinal });
    if (!why) return [];
    const others = this.accounts.reviewers.filter((r) => r.id !== decider.id);
    const qaReviewer = others.reduce((best, r) => ((this.qaLoad.get(r.id) ?? 0) < (this.qaLoad.get(best.id) ?? 0) ? r : best), others[0]!);
    this.qaLoad.set(qaReviewer.id, (this.qaLoad.get(qaReviewer.id) ?? 0) + 1);
    const details = entry.details as { checklist?: QaOriginal['checklist']; reason?: QaOriginal['reason'] };
    const original: QaOriginal = {
      reviewer: { id: decider.id, name: decider.name },
      outcome: entry.action as QaOutcome,
      checklist: details.checklist ?? claim.review.checklist,
      ...(entry.action === 'reject' && details.reason ? { reason: details.reason } : {}),
      decidedAt: entry.decidedAt ?? entry.at,
    };
    const args = { taskId: this.qaRandom.uuid(), decisionVersion: entry.version, qaReviewer: { id: qaReviewer.id, name: qaReviewer.name }, why, original };
    return [{ at, actor: this.accounts.timer, command: { name: 'openQaTask', args } }];
  }

  /** After a QA task opens, its verdict; after a disagreement, sometimes the lead's "upheld". */
  private followUps(claim: Claim, done: Extra): Extra[] {
    const r = this.qaRandom;
    const later = (days: number) => new Date(Date.parse(this.calendar.addBusinessDays(done.at, days)) + r.int(10, 240) * 60_000).toISOString();
    if (done.command.name === 'openQaTask') {
      const task = claim.qa.find((t) => t.id === (done.command.args as { taskId: string }).taskId);
      if (!task || r.chance(0.15)) return [];
      const checklist = Object.fromEntries(Object.entries(task.original.checklist).map(([k, item]) => [k, { state: item!.state, evidence: [] }])) as QaOriginal['checklist'];
      let outcome = task.original.outcome;
      if (r.chance(0.3)) {
        // A disagreement: an item the first reviewer passed is missing for the QA reviewer (or the other way round).
        const keys = Object.keys(checklist) as (keyof typeof checklist)[];
        const key = keys[r.int(0, keys.length - 1)]!;
        const flipped = checklist[key]!.state === 'passed' ? 'missing' : 'passed';
        checklist[key] = { state: flipped, evidence: [] };
        if (outcome === 'approve' && flipped === 'missing') outcome = 'requestPartnerAction';
        else if (outcome !== 'approve' && r.chance(0.5)) outcome = outcome === 'reject' ? 'requestPartnerAction' : 'reject';
      }
      const qaReviewer = this.accounts.assignee(task.qaReviewer.id);
      return [{ at: later(r.int(0, 3)), actor: qaReviewer, command: { name: 'recordQaVerdict', args: { taskId: task.id, outcome, checklist, timeSpentMs: r.int(3, 25) * 60_000 } } }];
    }
    if (done.command.name === 'recordQaVerdict') {
      const task = claim.qa.find((t) => t.id === (done.command.args as { taskId: string }).taskId);
      if (task?.state !== 'disagreed' || r.chance(0.5)) return [];
      return [
        {
          at: later(r.int(1, 2)),
          actor: this.accounts.lead,
          command: { name: 'resolveQaDisagreement', args: { taskId: task.id, resolution: 'upheld', justification: r.pick(words.QA_UPHOLD_JUSTIFICATIONS) } },
        },
      ];
    }
    return [];
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
