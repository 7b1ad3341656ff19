// Builders for the domain tests: the cast (actors), documents, a calendar, and claims brought to a
// given status through the real lifecycle (create, upload, submit, assign, review, decide...), so a
// fixture is always a claim the domain itself could have produced.
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { type ActionContext, type ActionName, type Actor, apply, type ApplyOptions, type Checklist, type ChecklistKey, checklistKeys, type Claim, type ClaimStatus, CLAIM_STATUSES, type Command, create, type Instant, type NewClaim, type PoeDocument, type ProductId, type Refusal, type Result } from '../../../shared/domain/index.js';
import { calendarOf } from '../../../shared/domain/public-holidays.js';

/** The deployment default: Europe/Prague, Czech public holidays. Built once (date-holidays is slow to build). */
export const calendar = calendarOf();
export const ctx = (now: Instant): ActionContext => ({ now, calendar });

/** An instant from a wall-clock time in a zone (Prague by default): `local('2026-03-02T10:00')`. */
export function local(wall: string, zone = 'Europe/Prague'): Instant {
  const t = DateTime.fromISO(wall, { zone });
  if (!t.isValid) throw new Error(`bad local time ${wall}`);
  return t.toUTC().toISO()!;
}
/** The wall-clock time of an instant in a zone, as 'yyyy-MM-ddTHH:mm' (seconds only when not zero). */
export function wall(at: Instant, zone = 'Europe/Prague'): string {
  const t = DateTime.fromISO(at, { zone: 'utc' }).setZone(zone);
  return t.toFormat(t.second || t.millisecond ? "yyyy-MM-dd'T'HH:mm:ss.SSS" : "yyyy-MM-dd'T'HH:mm");
}
export const plusMs = (at: Instant, ms: number): Instant => new Date(Date.parse(at) + ms).toISOString();
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const plusHours = (at: Instant, h: number): Instant => plusMs(at, h * HOUR);

/** Deterministic ids and hashes. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const sha = (n: number): string => n.toString(16).padStart(64, 'a').slice(-64);

export const PARTNER_ID = '1029384';
export const OTHER_PARTNER_ID = '5550001';
export const TENANT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const OTHER_TENANT_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

export const actors = {
  partner: { kind: 'partner', id: 'partner-user-1', name: 'Petra (Fabrikam)', partnerId: PARTNER_ID, role: 'incentives_admin' },
  otherPartner: { kind: 'partner', id: 'partner-user-2', name: 'Olga (Northwind)', partnerId: OTHER_PARTNER_ID, role: 'global_admin' },
  customer: { kind: 'customer', id: 'customer-user-1', name: 'Karel (Contoso)', tenantId: TENANT_ID },
  otherCustomer: { kind: 'customer', id: 'customer-user-2', name: 'Dana (Adatum)', tenantId: OTHER_TENANT_ID },
  reviewer: { kind: 'reviewer', id: 'reviewer-1', name: 'Radka Reviewer' },
  otherReviewer: { kind: 'reviewer', id: 'reviewer-2', name: 'Roman Reviewer' },
  lead: { kind: 'team_lead', id: 'lead-1', name: 'Lenka Lead' },
  timer: { kind: 'timer', id: 'timer', name: 'Timer' },
} as const satisfies Record<string, Actor>;
export type ActorKey = keyof typeof actors;
export const ACTOR_KEYS = Object.keys(actors) as ActorKey[];

export const assigneeOf = (a: { id: string; name: string }) => ({ id: a.id, name: a.name });

export const PRODUCTS: ProductId[] = ['d365-sales', 'power-bi'];

export function newClaimInput(over: Partial<NewClaim> = {}): NewClaim {
  return {
    id: uuid(0xc1a1),
    number: 'CL-2026-00412',
    partnerId: PARTNER_ID,
    partnerName: 'Fabrikam',
    activity: 'pre_sales',
    customer: { tenantId: TENANT_ID, name: 'Contoso Ltd', subscriptionIds: [] },
    products: [...PRODUCTS],
    customerContact: { name: 'Karel Novák', email: 'karel@contoso.example' },
    partnerContact: { name: 'Petra Svobodová', email: 'petra@fabrikam.example' },
    ...over,
  };
}

export function poe(n: number, uploadedAt: Instant = '2026-03-02T08:00:00.000Z'): PoeDocument {
  return { id: uuid(0xd0c000 + n), name: `poe-${n}.pdf`, sha256: sha(0xd0c000 + n), size: 10_000 + n, pages: 3, encrypted: false, uploadedAt };
}

/** A checklist over `products` with every item passed except `missing`. */
export function checklist(products: readonly ProductId[], missing: readonly ChecklistKey[] = []): Checklist {
  return Object.fromEntries(
    checklistKeys(products).map((k) => [k, { state: missing.includes(k) ? 'missing' : 'passed', evidence: [] }]),
  ) as Checklist;
}

let commentSeq = 0;
export const nextCommentId = (): string => uuid(0xc0_0000 + ++commentSeq);

/** Arguments that make each action acceptable on a claim where its status and actor fit. */
export function validArgs(name: ActionName, claim: Claim): Command['args'] {
  switch (name) {
    case 'uploadDocument':
      return { document: poe(90 + claim.documents.length) };
    case 'submit':
    case 'startReview':
    case 'expirePartnerResponse':
    case 'closeConsentWindow':
    case 'closeDisputeWindow':
      return {};
    case 'edit':
      return { changes: { partnerContact: { name: 'Pavel Dvořák', email: 'pavel@fabrikam.example' } } };
    case 'respondToPartnerAction':
      return { commentId: nextCommentId(), comment: 'The signed acknowledgement is uploaded.' };
    case 'requestRejection':
      return { ground: 'wrong_activity' };
    case 'dispute':
      return { justification: 'The PoE shows the deployment on page 3.' };
    case 'comment':
      return { commentId: nextCommentId(), text: 'A question about page 2.' };
    case 'optOut':
      return { comment: 'We do not know this partner.' };
    case 'approve':
      return { checklist: checklist(claim.products) };
    case 'requestPartnerAction':
      return { checklist: checklist(claim.products, ['customer_acknowledgement']), comment: 'Please upload the signed acknowledgement.', commentId: nextCommentId() };
    case 'reject':
      return { reason: 'insufficient_poe', comment: 'The PoE does not describe any work.', commentId: nextCommentId() };
    case 'resolveDispute':
      return { outcome: 'upheld', comment: 'The new PoE does not change the decision.', commentId: nextCommentId() };
    case 'assign':
      return { assignee: assigneeOf(claim.assignee?.id === actors.otherReviewer.id ? actors.reviewer : actors.otherReviewer) };
    case 'reopen':
      return { justification: 'QA sampling found the decision unsupported.' };
    case 'flagOverdue':
      return { clock: 'overall_sla' };
    case 'openQaTask':
      return {
        taskId: QA_TASK_ID,
        decisionVersion: claim.version,
        qaReviewer: assigneeOf(actors.otherReviewer),
        why: { kind: 'first_decisions', ordinal: 1, firstDecisions: 20, revision: 1 },
        original: { reviewer: assigneeOf(actors.reviewer), outcome: 'approve', checklist: checklist(claim.products), decidedAt: claim.updatedAt },
      };
    case 'recordQaVerdict':
      return { taskId: claim.qa.find((t) => t.state === 'open')?.id ?? QA_TASK_ID, outcome: 'approve', checklist: checklist(claim.products) };
    case 'resolveQaDisagreement':
      return { taskId: claim.qa.find((t) => t.state === 'disagreed')?.id ?? QA_TASK_ID, resolution: 'upheld', justification: 'The first decision stands: the PoE shows it.' };
  }
}

export const QA_TASK_ID = uuid(0x9a7a5c);

export function expectOk(result: Result): Claim {
  if (!result.ok) expect.fail(`expected the action to be applied, got refusal ${JSON.stringify(result.refusal)}`);
  return result.claim;
}
export function expectRefused(result: Result, code: Refusal['code']): Refusal {
  if (result.ok) expect.fail(`expected refusal ${code}, but ${result.entry.action} was applied (${result.entry.from} -> ${result.entry.to})`);
  expect(result.refusal.code).toBe(code);
  return result.refusal;
}

/**
 * A claim's story: applies actions one after the other through the lifecycle, each an hour after the
 * previous one unless told when, and fails the test at once if one is refused.
 */
export class Story {
  claim: Claim;
  now: Instant;

  constructor(start: Instant = T0, input: NewClaim = newClaimInput()) {
    this.now = start;
    this.claim = expectOk(create(input, actors.partner, ctx(start)));
  }

  at(now: Instant): this {
    this.now = now;
    return this;
  }

  /** Apply and require success. `at` defaults to an hour after the previous step. */
  do(actor: Actor | ActorKey, name: ActionName, args?: Command['args'], when: { at?: Instant; options?: ApplyOptions } = {}): this {
    this.now = when.at ?? plusHours(this.now, 1);
    const who = typeof actor === 'string' ? actors[actor] : actor;
    this.claim = expectOk(apply(this.claim, who, { name, args: args ?? validArgs(name, this.claim) } as Command, ctx(this.now), when.options));
    return this;
  }

  /** Try an action without advancing the story (default: an hour after the previous step). */
  try(actor: Actor | ActorKey, name: ActionName, args?: unknown, at: Instant = plusHours(this.now, 1)): Result {
    const who = typeof actor === 'string' ? actors[actor] : actor;
    return apply(this.claim, who, { name, args: args === undefined ? validArgs(name, this.claim) : args } as Command, ctx(at));
  }

  /** Run the timer at `at`: every due command, in the order dueTimerCommands gives. */
  tick(at: Instant, commands: Command[]): this {
    this.now = at;
    for (const command of commands) this.claim = expectOk(apply(this.claim, actors.timer, command, ctx(at)));
    return this;
  }
}

/** Monday 2 March 2026, 09:00 in Prague: an ordinary business week (no holiday until Good Friday, 3 April). */
export const T0 = local('2026-03-02T09:00');

/** The fixtures the status table is tested on; the six statuses plus the variants the spec names. */
export const FIXTURES = [
  'draft',
  'submitted',
  'in_review',
  'partner_action_required',
  'approved',
  'rejected',
  'draft_without_poe',
  'submitted_unassigned',
  'rejected_by_partner_request',
  'rejected_by_customer_opt_out',
  'rejected_no_partner_response',
  'disputed',
  'dispute_upheld',
  'dispute_overturned',
  'sent_to_incentive_evaluation',
] as const;
export type Fixture = (typeof FIXTURES)[number];

/**
 * A claim in the given state, reached through the lifecycle from T0 with a step an hour (so every
 * clock started is still running at `story.now` unless the fixture is about its expiry).
 * Draft: one PoE uploaded. Submitted: assigned to `actors.reviewer`. Rejected: by that reviewer
 * for insufficient PoE, dispute window open.
 */
export function storyIn(fixture: Fixture): Story {
  const s = new Story();
  if (fixture === 'draft_without_poe') return s;
  s.do('partner', 'uploadDocument', { document: poe(1) });
  if (fixture === 'draft') return s;
  s.do('partner', 'submit');
  if (fixture === 'submitted_unassigned') return s;
  s.do('lead', 'assign', { assignee: assigneeOf(actors.reviewer) });
  if (fixture === 'submitted') return s;
  if (fixture === 'rejected_by_partner_request') return s.do('partner', 'requestRejection', { ground: 'wrong_partner_id', comment: 'Created under the wrong partner ID.' });
  s.do('reviewer', 'startReview');
  if (fixture === 'in_review') return s;
  if (fixture === 'partner_action_required' || fixture === 'rejected_no_partner_response') {
    s.do('reviewer', 'requestPartnerAction');
    if (fixture === 'partner_action_required') return s;
    const due = s.claim.clocks.partner_response!.dueAt;
    return s.tick(due, [{ name: 'expirePartnerResponse', args: {} }]);
  }
  if (fixture === 'approved' || fixture === 'rejected_by_customer_opt_out' || fixture === 'sent_to_incentive_evaluation') {
    s.do('reviewer', 'approve');
    if (fixture === 'approved') return s;
    if (fixture === 'rejected_by_customer_opt_out') return s.do('customer', 'optOut');
    return s.tick(s.claim.clocks.customer_consent!.dueAt, [{ name: 'closeConsentWindow', args: {} }]);
  }
  s.do('reviewer', 'reject');
  if (fixture === 'rejected') return s;
  s.do('partner', 'dispute', { justification: 'The signed acknowledgement is on page 4.', documents: [poe(2)] });
  if (fixture === 'disputed') return s;
  return s.do('reviewer', 'resolveDispute', {
    outcome: fixture === 'dispute_upheld' ? 'upheld' : 'overturned',
    comment: 'Checked the new PoE.',
    commentId: nextCommentId(),
  });
}

/** The status each fixture is in. */
export const STATUS_OF: Record<Fixture, ClaimStatus> = {
  draft: 'draft',
  submitted: 'submitted',
  in_review: 'in_review',
  partner_action_required: 'partner_action_required',
  approved: 'approved',
  rejected: 'rejected',
  draft_without_poe: 'draft',
  submitted_unassigned: 'submitted',
  rejected_by_partner_request: 'rejected',
  rejected_by_customer_opt_out: 'rejected',
  rejected_no_partner_response: 'rejected',
  disputed: 'rejected',
  dispute_upheld: 'rejected',
  dispute_overturned: 'approved',
  sent_to_incentive_evaluation: 'approved',
};

/**
 * The spec's transitions, action by action: from which statuses each action may start and where
 * it may lead (spec "Statuses", "Partner request", "Disputes", "Reviewer-side rules"). Actions not
 * listed for a status are not allowed in it. Written from the spec, not from the code.
 */
const ALL: readonly ClaimStatus[] = CLAIM_STATUSES;
const DECIDED: readonly ClaimStatus[] = ['in_review', 'partner_action_required', 'approved', 'rejected'];
const same = (statuses: readonly ClaimStatus[]) => Object.fromEntries(statuses.map((s) => [s, [s]])) as Partial<Record<ClaimStatus, ClaimStatus[]>>;
export const SPEC_TRANSITIONS: Record<ActionName, Partial<Record<ClaimStatus, readonly ClaimStatus[]>>> = {
  // Draft row: the partner uploads PoE and submits (needs at least one PoE).
  uploadDocument: same(['draft', 'submitted', 'partner_action_required']),
  submit: { draft: ['submitted'] },
  // Editing: only while Submitted or Partner action required.
  edit: same(['submitted', 'partner_action_required']),
  // PAR row: the partner responds and re-confirms, back to In review.
  respondToPartnerAction: { partner_action_required: ['in_review'] },
  // Partner request: any status but Rejected.
  requestRejection: Object.fromEntries(ALL.filter((s) => s !== 'rejected').map((s) => [s, ['rejected']])),
  // Rejected row / Disputes: the dispute keeps the claim Rejected until it is resolved.
  dispute: { rejected: ['rejected'] },
  // Comments and history: a comment changes no status.
  comment: same(ALL),
  // Approved row: the customer opts out (reject).
  optOut: { approved: ['rejected'] },
  // Submitted row: the reviewer starts the review.
  startReview: { submitted: ['in_review'] },
  // In review row.
  approve: { in_review: ['approved'] },
  requestPartnerAction: { in_review: ['partner_action_required'] },
  reject: { in_review: ['rejected'] },
  // Disputes: upheld stays Rejected, overturned becomes Approved.
  resolveDispute: { rejected: ['rejected', 'approved'] },
  // Reviewer-side rules: assigning changes no status; reopening a decided claim puts it back in review.
  assign: same(['submitted', 'in_review', 'partner_action_required', 'rejected']),
  reopen: { approved: ['in_review'], rejected: ['in_review'] },
  // Timer: PAR -> Rejected (no partner response); consent window closes (stays Approved); dispute window closes (stays Rejected).
  expirePartnerResponse: { partner_action_required: ['rejected'] },
  closeConsentWindow: { approved: ['approved'] },
  closeDisputeWindow: { rejected: ['rejected'] },
  // SLA clocks only flag the claim overdue.
  flagOverdue: same(ALL),
  // QA second review follows a decision and never changes the status by itself; the lead's
  // resolution may reopen a decided claim (back in review).
  openQaTask: same(DECIDED),
  recordQaVerdict: same(DECIDED),
  resolveQaDisagreement: { ...same(DECIDED), approved: ['approved', 'in_review'], rejected: ['rejected', 'in_review'] },
};
