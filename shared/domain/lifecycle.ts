// The lifecycle as one state machine over the action table: `can` answers "may this actor do this
// with this claim now, and if not, why"; `apply` runs an allowed action and records exactly one
// history entry; a refused action changes nothing.
import { type ActionContext, type ActionDef, type ActionName, ACTION_NAMES, ACTIONS, type Command, REQUIRED_ARGUMENT_REFUSALS, type Role } from './actions.js';
import { emptyChecklist } from './checklist.js';
import { type Claim, type HistoryEntry, NewClaim } from './claim.js';
import { CLOCK_RULES, type ClockName, hasExpired, SLA_CLOCKS } from './clocks.js';
import type { Actor, ActorRef, Instant } from './model.js';
import { openQaTaskOf } from './qa-claim.js';
import { refuse, type Refusal } from './refusal.js';
import { isWellFormedJson, TEXT_NOT_WELL_FORMED } from './text.js';

export type Result = { ok: true; claim: Claim; entry: HistoryEntry } | { ok: false; refusal: Refusal };

function actorRef(actor: Actor): ActorRef {
  return { kind: actor.kind, id: actor.id, name: actor.name };
}

function authorize(claim: Claim, actor: Actor, roles: readonly Role[]): Refusal | null {
  switch (actor.kind) {
    case 'partner':
      if (!roles.includes('partner')) return refuse('actor_not_allowed', { actor: actor.kind });
      return claim.partnerId === actor.partnerId ? null : refuse('not_own_claim');
    case 'customer':
      if (!roles.includes('customer')) return refuse('actor_not_allowed', { actor: actor.kind });
      return claim.customer.tenantId === actor.tenantId ? null : refuse('not_own_claim');
    case 'timer':
      return roles.includes('timer') ? null : refuse('actor_not_allowed', { actor: actor.kind });
    case 'team_lead':
      if (roles.includes('team_lead')) return null;
    // falls through: a lead assigned to a claim reviews it like a reviewer
    case 'reviewer':
      if (roles.includes('qa_reviewer')) return openQaTaskOf(claim, actor.id) ? null : refuse('not_qa_reviewer');
      if (!roles.includes('assigned_reviewer')) return refuse('actor_not_allowed', { actor: actor.kind });
      return claim.assignee?.id === actor.id ? null : refuse('not_assigned', { assignee: claim.assignee?.name ?? '' });
  }
}

/** Guards that need no arguments: who, which status, which clock. */
function precheck(def: ActionDef, claim: Claim, actor: Actor, ctx: ActionContext): Refusal | null {
  return (
    authorize(claim, actor, def.roles) ??
    (def.statuses.includes(claim.status) ? null : refuse('wrong_status', { status: claim.status })) ??
    def.when?.(claim, actor, ctx) ??
    null
  );
}

/**
 * May `actor` do `name` with `claim` now? Without `args`, only the guards that do not depend on
 * arguments run (what a UI needs to enable a button); with `args`, all of them.
 */
export function can(claim: Claim, actor: Actor, name: ActionName, ctx: ActionContext, args?: unknown): Refusal | null {
  const def = ACTIONS[name] as ActionDef;
  const pre = precheck(def, claim, actor, ctx);
  if (pre || args === undefined) return pre;
  const checked = checkArgs(def, claim, actor, ctx, args);
  return 'refusal' in checked ? checked.refusal : null;
}

/**
 * The arguments' guards: parsed with the action's schema (the one parse of a decision's arguments
 * on each side: `apply` acts on what this returns) and checked against the claim.
 */
function checkArgs(def: ActionDef, claim: Claim, actor: Actor, ctx: ActionContext, args: unknown): { refusal: Refusal } | { args: unknown } {
  // Checked before the schema, whose messages may quote a key: a refusal never carries broken text.
  if (!isWellFormedJson(args)) return { refusal: refuse('invalid_arguments', { issues: [`args: a text ${TEXT_NOT_WELL_FORMED}`] }) };
  const parsed = def.args.safeParse(args);
  if (!parsed.success) {
    const missing = parsed.error.issues.find((i) => (REQUIRED_ARGUMENT_REFUSALS as readonly string[]).includes(i.message));
    if (missing) return { refusal: refuse(missing.message as (typeof REQUIRED_ARGUMENT_REFUSALS)[number], { field: missing.path.join('.') }) };
    return { refusal: refuse('invalid_arguments', { issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`) }) };
  }
  const refusal = def.check?.(claim, parsed.data, actor, ctx) ?? null;
  return refusal ? { refusal } : { args: parsed.data };
}

/** Every action and whether this actor may do it now (arguments aside), with the reason if not. */
export function availableActions(claim: Claim, actor: Actor, ctx: ActionContext): Record<ActionName, Refusal | null> {
  return Object.fromEntries(ACTION_NAMES.map((n) => [n, can(claim, actor, n, ctx)])) as Record<ActionName, Refusal | null>;
}

export interface ApplyOptions {
  /** When the actor decided, if earlier than now (an offline decision arriving later). */
  decidedAt?: Instant;
}

export function apply(claim: Claim, actor: Actor, command: Command, ctx: ActionContext, options: ApplyOptions = {}): Result {
  const def = ACTIONS[command.name] as ActionDef;
  const pre = precheck(def, claim, actor, ctx);
  if (pre) return { ok: false, refusal: pre };
  const checked = checkArgs(def, claim, actor, ctx, command.args ?? {});
  if ('refusal' in checked) return { ok: false, refusal: checked.refusal };
  const effect = def.apply(claim, checked.args, actor, ctx);
  const entry: HistoryEntry = {
    version: claim.version + 1,
    at: ctx.now,
    ...(options.decidedAt && options.decidedAt !== ctx.now ? { decidedAt: options.decidedAt } : {}),
    actor: actorRef(actor),
    action: command.name,
    from: claim.status,
    to: effect.claim.status,
    details: withoutUndefined(effect.details ?? {}),
  };
  return { ok: true, entry, claim: { ...effect.claim, version: entry.version, updatedAt: ctx.now, history: [...claim.history, entry] } };
}

/** A partner creates a draft (spec: "Statuses", Draft). */
export function create(input: unknown, actor: Actor, ctx: ActionContext): Result {
  if (actor.kind !== 'partner') return { ok: false, refusal: refuse('actor_not_allowed', { actor: actor.kind }) };
  const parsed = NewClaim.safeParse(input);
  if (!parsed.success) return { ok: false, refusal: refuse('invalid_arguments', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }) };
  if (parsed.data.partnerId !== actor.partnerId) return { ok: false, refusal: refuse('not_own_claim') };
  const entry: HistoryEntry = { version: 1, at: ctx.now, actor: actorRef(actor), action: 'create', from: null, to: 'draft', details: {} };
  const claim: Claim = {
    ...parsed.data,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    documents: [],
    assignee: null,
    status: 'draft',
    clocks: {},
    flags: {},
    review: { checklist: emptyChecklist(parsed.data.products), parReasons: [] },
    rejection: null,
    dispute: null,
    comments: [],
    qa: [],
    history: [entry],
  };
  return { ok: true, claim, entry };
}

/** The timer's work on this claim now, in the order it must happen. Applying each is idempotent. */
export function dueTimerCommands(claim: Claim, now: Instant): Command[] {
  const due = (name: ClockName) => hasExpired(claim.clocks[name], now);
  const commands: Command[] = [];
  for (const clock of SLA_CLOCKS) if (due(clock) && !claim.clocks[clock]?.overdueAt) commands.push({ name: 'flagOverdue', args: { clock } });
  if (claim.status === 'partner_action_required' && due('partner_response')) commands.push({ name: 'expirePartnerResponse', args: {} });
  if (claim.status === 'approved' && due('customer_consent')) commands.push({ name: 'closeConsentWindow', args: {} });
  if (claim.status === 'rejected' && due('dispute_window')) commands.push({ name: 'closeDisputeWindow', args: {} });
  return commands;
}

/** The status a claim has before its partner submits it: only its partner sees it then. */
export const PARTNER_ONLY_STATUS = 'draft' satisfies Claim['status'];

/** Whether reviewers and leads may see the claim at all (a desk holds it, or acts on it): once the partner submitted it. */
export const onReviewSide = (claim: Claim): boolean => claim.status !== PARTNER_ONLY_STATUS;

/** Work still waits on the reviewer side: one of the SLA clocks runs, or is paused on the partner. */
export function awaitsReview(claim: Claim): boolean {
  return SLA_CLOCKS.some((name) => {
    const state = claim.clocks[name]?.state;
    return state === 'running' || state === 'paused';
  });
}

/** An SLA clock of this claim was flagged overdue and still counts. */
export function isOverdue(claim: Claim): boolean {
  return SLA_CLOCKS.some((name) => {
    const clock = claim.clocks[name];
    return clock?.overdueAt !== undefined && (clock.state === 'running' || clock.state === 'paused');
  });
}

/** The earliest instant at which the timer will have work on this claim, or null. */
export function nextTimerAt(claim: Claim): Instant | null {
  let next: Instant | null = null;
  for (const [name, clock] of Object.entries(claim.clocks) as [ClockName, NonNullable<Claim['clocks'][ClockName]>][]) {
    if (clock.state !== 'running') continue;
    if (CLOCK_RULES[name].onExpiry === 'flag_overdue' && clock.overdueAt) continue;
    if (next === null || clock.dueAt < next) next = clock.dueAt;
  }
  return next;
}

/**
 * Why a decision made on `baseVersion` no longer fits: the first material change since then by
 * someone else (the partner edited, another reviewer decided, a lead reassigned), or null.
 */
export function conflictSince(claim: Claim, baseVersion: number, actorId: string): Refusal | null {
  const change = claim.history.find(
    (e) => e.version > baseVersion && e.actor.id !== actorId && (ACTIONS[e.action as ActionName] as ActionDef | undefined)?.material !== false,
  );
  return change ? refuse('claim_changed', { action: change.action, by: change.actor.name, byKind: change.actor.kind, at: change.at }) : null;
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
