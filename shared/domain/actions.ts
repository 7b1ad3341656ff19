// Every action of the lifecycle, as one table: who may do it, in which statuses, its guards and its
// effect on status, clocks, review state and comments. The server, the desktop engine and the
// renderer all run these same definitions (spec: "Statuses", "Clocks", "Editing", "Disputes",
// "Reviewer-side rules").
import { z } from 'zod';
import { wellFormedText } from './text.js';
import type { BusinessCalendar } from './calendar.js';
import { alignChecklist, Checklist, missingKeys, notPassedKeys, reasonsFromChecklist } from './checklist.js';
import { type Claim, EDITABLE_FIELDS, EDITABLE_STATUSES, Products, UPLOAD_STATUSES } from './claim.js';
import { type ClockName, type Clocks, expireClock, hasExpired, isRunning, pauseClock, resumeClock, SLA_CLOCKS, startClock, stopClock } from './clocks.js';
import { type Actor, Assignee, type ClaimStatus, CLAIM_STATUSES, Contact, type Instant, PartnerId, PoeDocument } from './model.js';
import { isQaDisagreement, qaAgreement, QaOriginal, QaOutcome, QaSamplingReason } from './qa.js';
import { refuse, type Refusal } from './refusal.js';
import { PartnerRequestGround, REVIEWER_REJECTION_REASONS, UNDISPUTABLE_REASONS } from './rejection.js';
import { MAX_COMMENT_LENGTH, MAX_DOCUMENTS, MAX_TIME_SPENT_MS } from './limits.js';

export interface ActionContext {
  now: Instant;
  calendar: BusinessCalendar;
}

/**
 * Who may act: the claim's own partner, the customer of its tenant, the reviewer it is assigned to
 * (a team lead assigned to it counts), the QA reviewer of one of its open QA tasks, any team lead,
 * or the timer.
 */
export type Role = 'partner' | 'customer' | 'assigned_reviewer' | 'qa_reviewer' | 'team_lead' | 'timer';

interface Effect {
  claim: Claim;
  /** What the history entry records besides who, when and the status change. */
  details?: Record<string, unknown>;
}

export interface ActionDef<S extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  statuses: readonly ClaimStatus[];
  /**
   * A material change makes a decision based on an earlier version stale (sync refuses it). Only
   * the timer's bookkeeping (overdue flags, windows closing) is not material.
   */
  material: boolean;
  args: S;
  /** Guards that do not depend on the arguments: the UI can ask them before the user fills anything. */
  when?: (claim: Claim, actor: Actor, ctx: ActionContext) => Refusal | null;
  /** Guards on the arguments. */
  check?: (claim: Claim, args: z.output<S>, actor: Actor, ctx: ActionContext) => Refusal | null;
  apply: (claim: Claim, args: z.output<S>, actor: Actor, ctx: ActionContext) => Effect;
}

const define = <S extends z.ZodType>(def: ActionDef<S>): ActionDef<S> => def;

const CommentText = wellFormedText().trim().max(MAX_COMMENT_LENGTH);
/**
 * The zod messages of a required argument the user has not given yet. `can` reports each as its own
 * refusal (the user is asked to write the comment or choose the reason, and a dialog shows that
 * sentence beside its disabled button), not as malformed input.
 */
export const REQUIRED_ARGUMENT_REFUSALS = ['comment_required', 'reason_required'] as const;
const RequiredComment = wellFormedText({ error: (issue) => (issue.input === undefined ? 'comment_required' : undefined) })
  .trim()
  .min(1, { error: 'comment_required' })
  .max(MAX_COMMENT_LENGTH);
/** A reviewer's rejection reason; none chosen yet (absent or the empty choice) is `reason_required`. */
const RequiredRejectionReason = z.enum(REVIEWER_REJECTION_REASONS, {
  error: (issue) => (issue.input === undefined || issue.input === '' ? 'reason_required' : undefined),
});
/** How long the reviewer had the claim open before deciding; the lead's audit shows it. */
const TimeSpentMs = z.number().int().nonnegative().max(MAX_TIME_SPENT_MS).optional();
const NO_ARGS = z.strictObject({});

function clocks(claim: Claim, ctx: ActionContext, change: Partial<Record<ClockName, 'start' | 'stop' | 'pause' | 'resume' | 'expire'>>): Clocks {
  const next: Clocks = { ...claim.clocks };
  for (const [name, op] of Object.entries(change) as [ClockName, string][]) {
    const current = next[name];
    const updated =
      op === 'start'
        ? startClock(ctx.calendar, name, ctx.now)
        : op === 'stop'
          ? stopClock(current, ctx.now)
          : op === 'pause'
            ? pauseClock(current, ctx.now)
            : op === 'resume'
              ? resumeClock(ctx.calendar, current, ctx.now)
              : expireClock(current, ctx.now);
    if (updated) next[name] = updated;
  }
  return next;
}

/** Stops every clock still running or paused: the claim reached a decision nobody waits on. */
function stopAll(claim: Claim, ctx: ActionContext): Clocks {
  const names = Object.keys(claim.clocks) as ClockName[];
  return clocks(claim, ctx, Object.fromEntries(names.map((n) => [n, 'stop'])));
}

function comment(claim: Claim, actor: Actor, id: string, text: string, at: Instant): Claim['comments'] {
  return [...claim.comments, { id, at, author: { kind: actor.kind, id: actor.id, name: actor.name }, text }];
}

const DecisionChecklist = Checklist;

function checklistFor(claim: Claim, checklist: Checklist): Checklist {
  return alignChecklist(checklist, claim.products);
}

const ALL_BUT_REJECTED = CLAIM_STATUSES.filter((s) => s !== 'rejected');
/** Where a claim can be once a reviewer has decided on it (QA follows a decision wherever it went). */
const DECIDED_OR_LATER = CLAIM_STATUSES.filter((s) => s !== 'draft' && s !== 'submitted');
const OPEN_FOR_REVIEW: readonly ClaimStatus[] = ['submitted', 'in_review', 'partner_action_required'];

export const ACTIONS = {
  // ---- partner -------------------------------------------------------------------------------
  uploadDocument: define({
    roles: ['partner'],
    statuses: UPLOAD_STATUSES,
    material: true,
    args: z.strictObject({ document: PoeDocument }),
    check: (claim, { document }) =>
      claim.documents.some((d) => d.sha256 === document.sha256 || d.id === document.id)
        ? refuse('duplicate_document', { name: document.name })
        : claim.documents.length >= MAX_DOCUMENTS
          ? refuse('too_many_documents', { max: MAX_DOCUMENTS })
          : null,
    apply: (claim, { document }) => ({
      claim: { ...claim, documents: [...claim.documents, document] },
      details: { document: { name: document.name, sha256: document.sha256, pages: document.pages } },
    }),
  }),

  submit: define({
    roles: ['partner'],
    statuses: ['draft'],
    material: true,
    args: NO_ARGS,
    when: (claim) => (claim.documents.length === 0 ? refuse('poe_required') : null),
    apply: (claim, _args, _actor, ctx) => ({
      claim: { ...claim, status: 'submitted', submittedAt: ctx.now, clocks: clocks(claim, ctx, { submitted_sla: 'start', overall_sla: 'start' }) },
    }),
  }),

  edit: define({
    roles: ['partner'],
    statuses: EDITABLE_STATUSES,
    material: true,
    args: z.strictObject({
      changes: z.record(z.string(), z.unknown()),
    }),
    check: (claim, { changes }, actor) => {
      const fields = Object.keys(changes);
      const fixed = fields.find((f) => !(EDITABLE_FIELDS as readonly string[]).includes(f));
      if (fixed) return refuse('field_not_editable', { field: fixed });
      const parsed = EditChanges.safeParse(changes);
      if (!parsed.success) return refuse('invalid_arguments', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      // A partner may move its claim only to a partner ID its organisation holds (the one its
      // account acts for); any other would hand the claim and its PoE to another partner.
      const partnerId = parsed.data.partnerId;
      if (partnerId !== undefined && actor.kind === 'partner' && partnerId !== actor.partnerId) return refuse('partner_id_not_held', { partnerId });
      const changed = fields.filter((f) => JSON.stringify(claim[f as keyof Claim]) !== JSON.stringify(parsed.data[f as keyof EditChanges]));
      return changed.length === 0 ? refuse('nothing_to_change') : null;
    },
    apply: (claim, { changes }) => {
      const parsed = EditChanges.parse(changes);
      const next = { ...claim, ...parsed };
      const changed = Object.keys(parsed).filter((f) => JSON.stringify(claim[f as keyof Claim]) !== JSON.stringify(parsed[f as keyof EditChanges]));
      const before = Object.fromEntries(changed.map((f) => [f, claim[f as keyof Claim]]));
      const after = Object.fromEntries(changed.map((f) => [f, parsed[f as keyof EditChanges]]));
      return {
        claim: { ...next, review: { ...claim.review, checklist: alignChecklist(claim.review.checklist, next.products) } },
        details: { fields: changed, before, after },
      };
    },
  }),

  respondToPartnerAction: define({
    roles: ['partner'],
    statuses: ['partner_action_required'],
    material: true,
    args: z.strictObject({ commentId: z.uuid(), comment: RequiredComment }),
    // The 5 business days are the partner's whole window: a late answer is refused even if the
    // timer has not yet rejected the claim.
    when: (claim, _actor, ctx) =>
      hasExpired(claim.clocks.partner_response, ctx.now) ? refuse('response_window_closed', { closedAt: claim.clocks.partner_response!.dueAt }) : null,
    apply: (claim, args, actor, ctx) => ({
      claim: {
        ...claim,
        status: 'in_review',
        clocks: clocks(claim, ctx, { partner_response: 'stop', review_sla: 'start', overall_sla: 'resume' }),
        comments: comment(claim, actor, args.commentId, args.comment, ctx.now),
      },
      details: { comment: args.comment },
    }),
  }),

  requestRejection: define({
    roles: ['partner'],
    statuses: ALL_BUT_REJECTED,
    material: true,
    args: z.strictObject({ ground: PartnerRequestGround, comment: CommentText.optional() }),
    apply: (claim, args, _actor, ctx) => ({
      claim: {
        ...claim,
        status: 'rejected',
        clocks: stopAll(claim, ctx),
        rejection: { reason: 'partner_request', at: ctx.now, ground: args.ground, ...(args.comment ? { comment: args.comment } : {}) },
      },
      details: { reason: 'partner_request', ground: args.ground, comment: args.comment },
    }),
  }),

  dispute: define({
    roles: ['partner'],
    statuses: ['rejected'],
    material: true,
    args: z.strictObject({ justification: CommentText.optional(), documents: z.array(PoeDocument).max(MAX_DOCUMENTS).default([]) }),
    when: (claim, _actor, ctx) => {
      if (claim.dispute) return refuse('already_disputed');
      if (claim.rejection && UNDISPUTABLE_REASONS.includes(claim.rejection.reason)) return refuse('dispute_not_allowed_for_reason', { reason: claim.rejection.reason });
      const window = claim.clocks.dispute_window;
      if (!window || !isRunning(window) || window.dueAt <= ctx.now) return refuse('dispute_window_closed', { closedAt: window?.dueAt ?? '' });
      return null;
    },
    check: (claim, args) => {
      if (!args.justification && args.documents.length === 0) return refuse('dispute_evidence_required');
      // As for uploadDocument: no file already attached (by content or by id), and none twice here.
      const shas = new Set(claim.documents.map((d) => d.sha256));
      const ids = new Set(claim.documents.map((d) => d.id));
      for (const d of args.documents) {
        if (shas.has(d.sha256) || ids.has(d.id)) return refuse('duplicate_document', { name: d.name });
        shas.add(d.sha256);
        ids.add(d.id);
      }
      return claim.documents.length + args.documents.length > MAX_DOCUMENTS ? refuse('too_many_documents', { max: MAX_DOCUMENTS }) : null;
    },
    apply: (claim, args, _actor, ctx) => ({
      claim: {
        ...claim,
        documents: [...claim.documents, ...args.documents],
        clocks: clocks(claim, ctx, { dispute_window: 'stop', dispute_sla: 'start' }),
        dispute: {
          filedAt: ctx.now,
          ...(args.justification ? { justification: args.justification } : {}),
          documentSha256s: args.documents.map((d) => d.sha256),
        },
      },
      details: { justification: args.justification, documents: args.documents.map((d) => d.name) },
    }),
  }),

  // ---- anyone on the claim -------------------------------------------------------------------
  comment: define({
    roles: ['partner', 'assigned_reviewer', 'team_lead'],
    statuses: CLAIM_STATUSES,
    material: true,
    args: z.strictObject({ commentId: z.uuid(), text: RequiredComment }),
    // spec "Editing": comments are among what the partner may edit, and the partner edits only while
    // the claim is Submitted or Partner action required. Reviewers and leads comment in any status.
    when: (claim, actor) => (actor.kind === 'partner' && !EDITABLE_STATUSES.includes(claim.status) ? refuse('wrong_status', { status: claim.status }) : null),
    apply: (claim, args, actor, ctx) => ({
      claim: { ...claim, comments: comment(claim, actor, args.commentId, args.text, ctx.now) },
      details: { text: args.text },
    }),
  }),

  // ---- customer ------------------------------------------------------------------------------
  optOut: define({
    roles: ['customer'],
    statuses: ['approved'],
    material: true,
    args: z.strictObject({ comment: CommentText.optional() }),
    when: (claim, _actor, ctx) => {
      const consent = claim.clocks.customer_consent;
      return !isRunning(consent) || consent.dueAt <= ctx.now ? refuse('consent_window_closed', { closedAt: consent?.dueAt ?? '' }) : null;
    },
    apply: (claim, args, _actor, ctx) => ({
      claim: {
        ...claim,
        status: 'rejected',
        clocks: stopAll(claim, ctx),
        rejection: { reason: 'customer_opt_out', at: ctx.now, ...(args.comment ? { comment: args.comment } : {}) },
      },
      details: { reason: 'customer_opt_out', comment: args.comment },
    }),
  }),

  // ---- reviewer ------------------------------------------------------------------------------
  startReview: define({
    roles: ['assigned_reviewer'],
    statuses: ['submitted'],
    material: true,
    args: NO_ARGS,
    apply: (claim, _args, _actor, ctx) => ({
      claim: {
        ...claim,
        status: 'in_review',
        clocks: clocks(claim, ctx, { submitted_sla: 'stop', review_sla: 'start' }),
        review: { ...claim.review, checklist: alignChecklist(claim.review.checklist, claim.products) },
      },
    }),
  }),

  approve: define({
    roles: ['assigned_reviewer'],
    statuses: ['in_review'],
    material: true,
    args: z.strictObject({ checklist: DecisionChecklist, comment: CommentText.optional(), commentId: z.uuid().optional(), timeSpentMs: TimeSpentMs }),
    // Our rule: an approval vouches for every item, each reason and each claimed product, so
    // each must be marked passed; an unchecked item is as open as a missing one.
    check: (claim, args) => {
      const open = notPassedKeys(checklistFor(claim, args.checklist));
      return open.length > 0 ? refuse('checklist_not_passed', { items: open }) : null;
    },
    apply: (claim, args, actor, ctx) => {
      const checklist = checklistFor(claim, args.checklist);
      return {
        claim: {
          ...claim,
          status: 'approved',
          clocks: clocks(claim, ctx, { review_sla: 'stop', overall_sla: 'stop', customer_consent: 'start' }),
          review: { checklist, parReasons: [] },
          comments: args.comment && args.commentId ? comment(claim, actor, args.commentId, args.comment, ctx.now) : claim.comments,
        },
        details: { decision: 'approve', checklist, comment: args.comment, timeSpentMs: args.timeSpentMs },
      };
    },
  }),

  requestPartnerAction: define({
    roles: ['assigned_reviewer'],
    statuses: ['in_review'],
    material: true,
    args: z.strictObject({ checklist: DecisionChecklist, comment: RequiredComment, commentId: z.uuid(), timeSpentMs: TimeSpentMs }),
    check: (claim, args) => (missingKeys(checklistFor(claim, args.checklist)).length === 0 ? refuse('no_missing_items') : null),
    apply: (claim, args, actor, ctx) => {
      const checklist = checklistFor(claim, args.checklist);
      const reasons = reasonsFromChecklist(checklist);
      return {
        claim: {
          ...claim,
          status: 'partner_action_required',
          clocks: clocks(claim, ctx, { review_sla: 'stop', overall_sla: 'pause', partner_response: 'start' }),
          review: { checklist, parReasons: reasons },
          comments: comment(claim, actor, args.commentId, args.comment, ctx.now),
        },
        details: { decision: 'requestPartnerAction', reasons, checklist, comment: args.comment, timeSpentMs: args.timeSpentMs },
      };
    },
  }),

  reject: define({
    roles: ['assigned_reviewer'],
    statuses: ['in_review'],
    material: true,
    args: z.strictObject({
      reason: RequiredRejectionReason,
      comment: RequiredComment,
      commentId: z.uuid(),
      checklist: DecisionChecklist.optional(),
      timeSpentMs: TimeSpentMs,
    }),
    apply: (claim, args, actor, ctx) => {
      const checklist = checklistFor(claim, args.checklist ?? claim.review.checklist);
      return {
        claim: {
          ...claim,
          status: 'rejected',
          clocks: clocks(claim, ctx, { review_sla: 'stop', overall_sla: 'stop', dispute_window: 'start' }),
          review: { ...claim.review, checklist },
          rejection: { reason: args.reason, at: ctx.now, comment: args.comment },
          comments: comment(claim, actor, args.commentId, args.comment, ctx.now),
        },
        details: { decision: 'reject', reason: args.reason, checklist, comment: args.comment, timeSpentMs: args.timeSpentMs },
      };
    },
  }),

  resolveDispute: define({
    roles: ['assigned_reviewer'],
    statuses: ['rejected'],
    material: true,
    args: z.strictObject({ outcome: z.enum(['upheld', 'overturned']), comment: RequiredComment, commentId: z.uuid(), timeSpentMs: TimeSpentMs }),
    when: (claim) => (!claim.dispute || claim.dispute.resolution ? refuse('no_open_dispute') : null),
    apply: (claim, args, actor, ctx) => {
      const resolved = { ...claim.dispute!, resolution: { outcome: args.outcome, at: ctx.now, comment: args.comment } };
      const overturned = args.outcome === 'overturned';
      return {
        claim: {
          ...claim,
          status: overturned ? 'approved' : 'rejected',
          clocks: clocks(claim, ctx, overturned ? { dispute_sla: 'stop', customer_consent: 'start' } : { dispute_sla: 'stop' }),
          dispute: resolved,
          rejection: overturned ? null : claim.rejection,
          comments: comment(claim, actor, args.commentId, args.comment, ctx.now),
        },
        details: { decision: 'resolveDispute', outcome: args.outcome, comment: args.comment, timeSpentMs: args.timeSpentMs },
      };
    },
  }),

  // ---- team lead -----------------------------------------------------------------------------
  assign: define({
    roles: ['team_lead'],
    statuses: [...OPEN_FOR_REVIEW, 'rejected'],
    material: true,
    args: z.strictObject({ assignee: Assignee }),
    when: (claim) => (claim.status === 'rejected' && (!claim.dispute || claim.dispute.resolution) ? refuse('wrong_status', { status: claim.status }) : null),
    check: (claim, { assignee }) => (claim.assignee?.id === assignee.id ? refuse('already_assigned', { name: assignee.name }) : null),
    apply: (claim, { assignee }) => ({
      claim: { ...claim, assignee },
      details: { from: claim.assignee, to: assignee },
    }),
  }),

  reopen: define({
    roles: ['team_lead'],
    statuses: ['approved', 'rejected'],
    material: true,
    args: z.strictObject({ justification: RequiredComment, assignee: Assignee.optional() }),
    when: (claim, _actor, ctx) => reopenRefusal(claim, ctx),
    apply: (claim, args, _actor, ctx) => ({ claim: reopened(claim, args.assignee, ctx), details: { justification: args.justification, assignee: args.assignee ?? claim.assignee } }),
  }),

  // ---- QA second review (qa.ts) ----------------------------------------------------------------
  // The service samples a decision (the timer acts for it: nobody chose this claim) and names a
  // QA reviewer other than the one who decided.
  openQaTask: define({
    roles: ['timer'],
    statuses: DECIDED_OR_LATER,
    material: false,
    args: z.strictObject({ taskId: z.uuid(), decisionVersion: z.number().int().positive(), qaReviewer: Assignee, why: QaSamplingReason, original: QaOriginal }),
    check: (claim, args) =>
      args.qaReviewer.id === args.original.reviewer.id
        ? refuse('qa_reviewer_is_original', { name: args.qaReviewer.name })
        : claim.qa.some((t) => t.decisionVersion === args.decisionVersion || t.id === args.taskId)
          ? refuse('qa_task_exists')
          : null,
    apply: (claim, args, _actor, ctx) => ({
      claim: { ...claim, qa: [...claim.qa, { id: args.taskId, decisionVersion: args.decisionVersion, state: 'open', openedAt: ctx.now, qaReviewer: args.qaReviewer, why: args.why, original: args.original }] },
      details: { taskId: args.taskId, decisionVersion: args.decisionVersion, qaReviewer: args.qaReviewer, why: args.why },
    }),
  }),

  recordQaVerdict: define({
    roles: ['qa_reviewer'],
    statuses: DECIDED_OR_LATER,
    // QA never changes the claim: a verdict does not make anyone's pending decision stale.
    material: false,
    args: z.strictObject({ taskId: z.uuid(), outcome: QaOutcome, checklist: Checklist, comment: CommentText.optional(), timeSpentMs: TimeSpentMs }),
    check: (claim, args, actor) => (claim.qa.some((t) => t.id === args.taskId && t.state === 'open' && t.qaReviewer.id === actor.id) ? null : refuse('no_open_qa_task')),
    apply: (claim, args, _actor, ctx) => {
      const task = claim.qa.find((t) => t.id === args.taskId)!;
      const verdict = { outcome: args.outcome, checklist: args.checklist, ...(args.comment ? { comment: args.comment } : {}), at: ctx.now };
      const agreement = qaAgreement(task.original, verdict);
      const state = isQaDisagreement(agreement) ? 'disagreed' : 'agreed';
      return {
        claim: { ...claim, qa: claim.qa.map((t) => (t.id === task.id ? { ...t, state, verdict, agreement } : t)) },
        details: { taskId: task.id, decisionVersion: task.decisionVersion, outcome: args.outcome, checklist: args.checklist, comment: args.comment, agreement, state, timeSpentMs: args.timeSpentMs },
      };
    },
  }),

  // A lead settles a QA disagreement: the first decision stands (upheld), or the claim is reopened
  // under the reopen rule, optionally for another reviewer.
  resolveQaDisagreement: define({
    roles: ['team_lead'],
    statuses: DECIDED_OR_LATER,
    material: true,
    args: z.strictObject({ taskId: z.uuid(), resolution: z.enum(['upheld', 'reopened']), justification: RequiredComment, assignee: Assignee.optional() }),
    when: (claim) => (claim.qa.some((t) => t.state === 'disagreed') ? null : refuse('no_qa_disagreement')),
    check: (claim, args, _actor, ctx) => {
      if (!claim.qa.some((t) => t.id === args.taskId && t.state === 'disagreed')) return refuse('no_qa_disagreement');
      if (args.resolution !== 'reopened') return null;
      return ['approved', 'rejected'].includes(claim.status) ? reopenRefusal(claim, ctx) : refuse('wrong_status', { status: claim.status });
    },
    apply: (claim, args, actor, ctx) => {
      const resolution = { outcome: args.resolution, at: ctx.now, by: { id: actor.id, name: actor.name }, justification: args.justification };
      const qa = claim.qa.map((t) => (t.id === args.taskId ? { ...t, state: 'resolved' as const, resolution } : t));
      const next = args.resolution === 'reopened' ? reopened(claim, args.assignee, ctx) : claim;
      const task = claim.qa.find((t) => t.id === args.taskId)!;
      return {
        claim: { ...next, qa },
        details: { taskId: args.taskId, decisionVersion: task.decisionVersion, resolution: args.resolution, justification: args.justification, assignee: args.assignee },
      };
    },
  }),

  // ---- timer ---------------------------------------------------------------------------------
  expirePartnerResponse: define({
    roles: ['timer'],
    statuses: ['partner_action_required'],
    material: true,
    args: NO_ARGS,
    when: (claim, _actor, ctx) => dueNow(claim, 'partner_response', ctx),
    apply: (claim, _args, _actor, ctx) => ({
      claim: {
        ...claim,
        status: 'rejected',
        clocks: clocks({ ...claim, clocks: clocks(claim, ctx, { partner_response: 'expire' }) }, ctx, { overall_sla: 'stop', dispute_window: 'start' }),
        rejection: { reason: 'no_partner_response', at: ctx.now },
      },
      details: { reason: 'no_partner_response' },
    }),
  }),

  closeConsentWindow: define({
    roles: ['timer'],
    statuses: ['approved'],
    material: false,
    args: NO_ARGS,
    when: (claim, _actor, ctx) => dueNow(claim, 'customer_consent', ctx),
    apply: (claim, _args, _actor, ctx) => ({
      claim: { ...claim, clocks: clocks(claim, ctx, { customer_consent: 'expire' }), flags: { ...claim.flags, sentToIncentiveEvaluationAt: ctx.now } },
    }),
  }),

  closeDisputeWindow: define({
    roles: ['timer'],
    statuses: ['rejected'],
    material: false,
    args: NO_ARGS,
    when: (claim, _actor, ctx) => dueNow(claim, 'dispute_window', ctx),
    apply: (claim, _args, _actor, ctx) => ({ claim: { ...claim, clocks: clocks(claim, ctx, { dispute_window: 'expire' }) } }),
  }),

  flagOverdue: define({
    roles: ['timer'],
    statuses: CLAIM_STATUSES,
    material: false,
    args: z.strictObject({ clock: z.enum(SLA_CLOCKS as [ClockName, ...ClockName[]]) }),
    check: (claim, { clock }, _actor, ctx) => dueNow(claim, clock, ctx) ?? (claim.clocks[clock]?.overdueAt ? refuse('clock_not_due', { clock }) : null),
    apply: (claim, { clock }, _actor, ctx) => ({
      claim: { ...claim, clocks: { ...claim.clocks, [clock]: { ...claim.clocks[clock]!, overdueAt: ctx.now } } },
      details: { clock, dueAt: claim.clocks[clock]!.dueAt },
    }),
  }),
} satisfies Record<string, ActionDef>;

const EditChanges = z.strictObject({
  partnerId: PartnerId.optional(),
  products: Products.optional(),
  customerContact: Contact.optional(),
  partnerContact: Contact.optional(),
});
type EditChanges = z.infer<typeof EditChanges>;

/**
 * The reopen rule (our rule, spec "Reviewer-side rules"): a decision may be reopened only while it
 * can still change the claim's fate. An approved claim until it went to incentive evaluation (the
 * consent window closed, whether or not the timer has marked it yet); a rejected claim while its
 * dispute window is open and no dispute was upheld (an upheld dispute is final).
 */
export function reopenRefusal(claim: Claim, ctx: ActionContext): Refusal | null {
  if (claim.flags.sentToIncentiveEvaluationAt) return refuse('already_sent_to_incentive_evaluation');
  if (claim.status === 'approved') return hasExpired(claim.clocks.customer_consent, ctx.now) ? refuse('already_sent_to_incentive_evaluation') : null;
  if (claim.rejection && UNDISPUTABLE_REASONS.includes(claim.rejection.reason)) return refuse('reopen_not_allowed_for_reason', { reason: claim.rejection.reason });
  if (claim.dispute && !claim.dispute.resolution) return refuse('dispute_open');
  if (claim.dispute?.resolution?.outcome === 'upheld') return refuse('dispute_upheld_final');
  const window = claim.clocks.dispute_window;
  if (!isRunning(window) || window.dueAt <= ctx.now) return refuse('reopen_window_closed', { closedAt: window?.dueAt ?? '' });
  return null;
}

/** The claim back in review: every clock stopped, a fresh review SLA, the rejection gone. */
function reopened(claim: Claim, assignee: Assignee | undefined, ctx: ActionContext): Claim {
  return {
    ...claim,
    status: 'in_review',
    assignee: assignee ?? claim.assignee,
    clocks: { ...stopAll(claim, ctx), review_sla: startClock(ctx.calendar, 'review_sla', ctx.now) },
    rejection: null,
  };
}

function dueNow(claim: Claim, name: ClockName, ctx: ActionContext): Refusal | null {
  return hasExpired(claim.clocks[name], ctx.now) ? null : refuse('clock_not_due', { clock: name, dueAt: claim.clocks[name]?.dueAt ?? '' });
}

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
export type ActionArgs<N extends ActionName> = z.input<(typeof ACTIONS)[N]['args']>;

/** An action with its arguments: what a mutation carries and what the lifecycle applies. */
export type Command = { [N in ActionName]: { name: N; args: ActionArgs<N> } }[ActionName];

/** The roles a desk user (a reviewer or a lead) acts in. */
const DESK_ACTION_ROLES: readonly Role[] = ['assigned_reviewer', 'qa_reviewer', 'team_lead'];
/** The actions a desktop may push: those the table gives a reviewer or a lead. */
export const DESKTOP_ACTIONS: readonly ActionName[] = ACTION_NAMES.filter((n) => (ACTIONS[n] as ActionDef).roles.some((r) => DESK_ACTION_ROLES.includes(r)));

/** The actions a reviewer's decision is made of. */
export const DECISIONS = ['approve', 'requestPartnerAction', 'reject', 'resolveDispute'] as const satisfies readonly ActionName[];

/** What the lead's decision log lists: reviewers' decisions, reopenings, QA verdicts and their resolution. */
export const LOGGED_DECISIONS = [...DECISIONS, 'reopen', 'recordQaVerdict', 'resolveQaDisagreement'] as const satisfies readonly ActionName[];
export type LoggedDecision = (typeof LOGGED_DECISIONS)[number];

