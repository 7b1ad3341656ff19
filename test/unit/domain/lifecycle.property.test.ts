// Property tests of the lifecycle: random sequences of random actions (any action of the table, with
// plausible and implausible arguments) by random actors (the claim's partner, another partner, the
// tenant's customer, another customer, the assigned reviewer, another reviewer, a team lead, the
// timer) at increasing random times. Whatever happens, the claim stays one the spec allows.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES,
  type ActionName,
  type Actor,
  apply,
  can,
  type ChecklistKey,
  checklistFromReasons,
  checklistKeys,
  Claim,
  CLAIM_STATUSES,
  CLOCK_NAMES,
  type ClockName,
  type Command,
  create,
  dueTimerCommands,
  GENERAL_ITEMS,
  type Instant,
  missingKeys,
  nextTimerAt,
  PAR_REASONS,
  type ParReason,
  PARTNER_REQUEST_GROUNDS,
  PRODUCT_IDS,
  type ProductId,
  reasonsFromChecklist,
  REFUSAL_CODES,
  REVIEWER_REJECTION_REASONS,
} from '../../../shared/domain/index.js';
import { actors, ctx, newClaimInput, OTHER_PARTNER_ID, plusMs, poe, SPEC_TRANSITIONS, uuid } from './fixtures.js';

const NUM_RUNS = 250;

// ---- the cast, relative to the claim as it is now --------------------------------------------
const ROLES = ['partner', 'otherPartner', 'customer', 'otherCustomer', 'assignedReviewer', 'otherReviewer', 'qaReviewer', 'lead', 'timer'] as const;
type Role = (typeof ROLES)[number];
const REVIEWERS = [actors.reviewer, actors.otherReviewer] as const;

function actorFor(role: Role, claim: Claim): Actor {
  switch (role) {
    case 'partner':
      // The partner ID is editable: the claim's partner is whoever holds its current partner ID.
      return claim.partnerId === actors.partner.partnerId ? actors.partner : { ...actors.partner, id: `partner-${claim.partnerId}`, partnerId: claim.partnerId };
    case 'otherPartner':
      return claim.partnerId === OTHER_PARTNER_ID ? actors.partner : actors.otherPartner;
    case 'customer':
      return actors.customer;
    case 'otherCustomer':
      return actors.otherCustomer;
    case 'assignedReviewer':
      if (claim.assignee?.id === actors.lead.id) return actors.lead;
      return REVIEWERS.find((r) => r.id === claim.assignee?.id) ?? actors.reviewer;
    case 'otherReviewer':
      return REVIEWERS.find((r) => r.id !== claim.assignee?.id)!;
    case 'qaReviewer': {
      const task = claim.qa.find((t) => t.state === 'open');
      return REVIEWERS.find((r) => r.id === task?.qaReviewer.id) ?? actors.otherReviewer;
    }
    case 'lead':
      return actors.lead;
    case 'timer':
      return actors.timer;
  }
}

// ---- arguments ------------------------------------------------------------------------------
type ItemState = 'passed' | 'missing' | 'unchecked';
interface Dice {
  r: number[];
  states: ItemState[];
}
const at = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length]!;
/** Mostly usable texts; a blank one now and then (refused: comment_required). */
const TEXTS = ['Looks complete.', 'See page 2.', '  Padded answer.  ', 'Thanks.', 'OK', '', '   '];
const ASSIGNEES = [actors.reviewer, actors.otherReviewer, actors.lead].map((a) => ({ id: a.id, name: a.name }));

/** A checklist over the claim's items (and, if `extra`, one it does not name); `clean`: every item passed. */
function randomChecklist(claim: Claim, d: Dice, extra: boolean, clean = false): Record<string, unknown> {
  const keys: ChecklistKey[] = [...checklistKeys(claim.products), ...(extra ? (['product:m365-copilot'] as const) : [])];
  return Object.fromEntries(keys.map((k, i) => [k, { state: clean ? 'passed' : d.states[i % d.states.length], evidence: [] }]));
}

/** Arguments of the right shape, valid more often than not; the dice decide the details. */
function plausibleArgs(name: ActionName, claim: Claim, d: Dice): unknown {
  const [a = 0, b = 0, c = 0, e = 0] = d.r;
  const text = at(TEXTS, b);
  switch (name) {
    case 'uploadDocument':
      return { document: poe(a % 6) }; // a small pool: duplicates happen
    case 'submit':
    case 'startReview':
    case 'expirePartnerResponse':
    case 'closeConsentWindow':
    case 'closeDisputeWindow':
      return {};
    case 'edit': {
      const products = PRODUCT_IDS.filter((_p, i) => ((a >> i) & 1) === 1).slice(0, 4);
      return {
        changes: at<Record<string, unknown>>(
          [
            { products },
            { partnerContact: { name: `Contact ${a % 3}`, email: `c${a % 3}@fabrikam.example` } },
            { customerContact: { name: `Buyer ${a % 3}`, email: `b${a % 3}@contoso.example` } },
            { partnerId: at([claim.partnerId, '7654321'], a) },
            { activity: 'revenue_association' },
            { documents: [] },
            {},
          ],
          c,
        ),
      };
    }
    case 'respondToPartnerAction':
      return { commentId: uuid(a), comment: text };
    case 'requestRejection':
      return { ground: at(PARTNER_REQUEST_GROUNDS, a), ...(b % 2 ? { comment: text } : {}) };
    case 'dispute':
      return {
        ...(a % 3 ? { justification: text } : {}),
        documents: b % 3 === 0 ? [] : [poe(c % 8), ...(e % 4 === 0 ? [poe(e % 8)] : [])],
      };
    case 'comment':
      return { commentId: uuid(a), text };
    case 'optOut':
      return a % 2 ? {} : { comment: text };
    case 'approve':
      // Usually a clean checklist (an approval), sometimes one with flags (refused: checklist_not_passed).
      return { checklist: randomChecklist(claim, d, a % 5 === 0, e % 4 !== 0), ...(b % 2 ? { comment: text, commentId: uuid(c) } : {}) };
    case 'requestPartnerAction':
      return { checklist: randomChecklist(claim, d, a % 5 === 0), comment: text, commentId: uuid(c) };
    case 'reject':
      return { reason: at([...REVIEWER_REJECTION_REASONS, 'partner_request'], a), comment: text, commentId: uuid(c), ...(e % 2 ? { checklist: randomChecklist(claim, d, false) } : {}) };
    case 'resolveDispute':
      return { outcome: at(['upheld', 'overturned'], a), comment: text, commentId: uuid(c) };
    case 'assign':
      return { assignee: at(ASSIGNEES, a) };
    case 'reopen':
      return { justification: text, ...(c % 3 === 0 ? { assignee: at(ASSIGNEES, a) } : {}) };
    case 'flagOverdue':
      return { clock: at(CLOCK_NAMES, a) };
    case 'openQaTask': {
      // Sometimes names the reviewer who decided as QA reviewer (refused), or a decision already sampled.
      const decider = claim.assignee ?? ASSIGNEES[0]!;
      return {
        taskId: uuid(a),
        decisionVersion: Math.max(1, claim.version - (b % 2)),
        qaReviewer: at(ASSIGNEES, c),
        why: { kind: 'share', ordinal: 21 + (a % 50), draw: (e % 100) / 1000, share: 0.1, revision: 1 },
        original: { reviewer: decider, outcome: at(['approve', 'requestPartnerAction', 'reject'] as const, e), checklist: randomChecklist(claim, d, false), decidedAt: claim.updatedAt },
      };
    }
    case 'recordQaVerdict':
      return {
        taskId: claim.qa.find((t) => t.state === 'open')?.id ?? uuid(a),
        outcome: at(['approve', 'requestPartnerAction', 'reject'] as const, b),
        checklist: randomChecklist(claim, d, false),
        ...(c % 2 ? { comment: text } : {}),
      };
    case 'resolveQaDisagreement':
      return {
        taskId: claim.qa.find((t) => t.state === 'disagreed')?.id ?? uuid(a),
        resolution: at(['upheld', 'reopened'] as const, b),
        justification: text,
        ...(c % 3 === 0 ? { assignee: at(ASSIGNEES, a) } : {}),
      };
  }
}

// ---- steps ----------------------------------------------------------------------------------
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const gapArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 2 * HOUR }), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 3 * DAY }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 35 * DAY }), weight: 1 },
);
const diceArb: fc.Arbitrary<Dice> = fc.record({
  r: fc.array(fc.nat({ max: 10_000 }), { minLength: 6, maxLength: 6 }),
  states: fc.array(fc.constantFrom<ItemState>('passed', 'passed', 'passed', 'missing', 'unchecked'), { minLength: 8, maxLength: 8 }),
});
type Step =
  | { kind: 'guided'; gap: number; dice: Dice; offlineMs: number | null }
  | { kind: 'random'; gap: number; role: Role; name: ActionName; dice: Dice; junk: fc.JsonValue | null; offlineMs: number | null }
  | { kind: 'tick'; gap: number }
  | { kind: 'jump'; dice: Dice };
const offlineArb = fc.option(fc.integer({ min: 0, max: 2 * DAY }), { freq: 3 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('guided' as const), gap: gapArb, dice: diceArb, offlineMs: offlineArb }), weight: 7 },
  {
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      gap: gapArb,
      role: fc.constantFrom(...ROLES),
      name: fc.constantFrom(...ACTION_NAMES),
      dice: diceArb,
      // Implausible arguments now and then: anything at all.
      junk: fc.option(fc.jsonValue({ maxDepth: 2 }), { freq: 4 }),
      offlineMs: offlineArb,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), gap: gapArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('jump' as const), dice: diceArb }), weight: 2 },
);
const startArb = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
const productsArb = fc.uniqueArray(fc.constantFrom(...PRODUCT_IDS), { minLength: 1, maxLength: 4 });

/**
 * How often a guided step picks an action among those allowed: withdrawing the claim and chatter
 * are always allowed, so they are picked less, or few sequences would get past the draft.
 */
const GUIDED_WEIGHT: Partial<Record<ActionName, number>> = { requestRejection: 1, comment: 1, flagOverdue: 2, uploadDocument: 4, edit: 3, assign: 6, openQaTask: 3 };
const DEFAULT_WEIGHT = 12;

// ---- the run --------------------------------------------------------------------------------
const applied = new Map<ActionName, number>();

/** The timer's windows as the spec states them: once a deadline has passed, its action is over. */
function deadlinePassed(claim: Claim, name: ActionName, now: Instant): boolean {
  const passed = (clock: keyof Claim['clocks']) => {
    const c = claim.clocks[clock];
    return !!c && (c.state === 'expired' || (c.state === 'running' && c.dueAt <= now));
  };
  switch (name) {
    case 'respondToPartnerAction':
      return passed('partner_response');
    case 'optOut':
      return passed('customer_consent') || claim.clocks.customer_consent?.state !== 'running';
    case 'dispute':
      return passed('dispute_window') || claim.clocks.dispute_window?.state !== 'running';
    case 'reopen':
      // Once the consent window has closed the claim is with incentive evaluation; once the dispute
      // window has closed a rejection is final.
      return (claim.status === 'approved' && passed('customer_consent')) || (claim.status === 'rejected' && (passed('dispute_window') || claim.clocks.dispute_window?.state !== 'running'));
    default:
      return false;
  }
}

// The loop below runs thousands of checks per second: plain comparisons, and expect() with its
// diff only when one fails.
type Message = string | (() => string);
const text = (m: Message) => (typeof m === 'string' ? m : m());
function same(actual: unknown, expected: unknown, what: Message) {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, text(what)).toEqual(expected);
}
function holds(condition: boolean, what: Message) {
  if (!condition) expect.fail(text(what));
}

/** Which clock a timer action acts on. */
function timerClock(command: { name: ActionName; args: unknown }): ClockName {
  if (command.name === 'flagOverdue') return (command.args as { clock: ClockName }).clock;
  return command.name === 'expirePartnerResponse' ? 'partner_response' : command.name === 'closeConsentWindow' ? 'customer_consent' : 'dispute_window';
}

/** Try one action and check every invariant of an attempt; returns the claim after it. */
function attempt(claim: Claim, actor: Actor, command: { name: ActionName; args: unknown }, now: Instant, decidedAt?: Instant): { claim: Claim; ok: boolean } {
  const before = JSON.stringify(claim);
  const context = ctx(now);
  const asked = can(claim, actor, command.name, context, command.args ?? {});
  const result = apply(claim, actor, command as Command, context, decidedAt ? { decidedAt } : {});
  const what = `${actor.kind} ${actor.id} ${command.name} on ${claim.status} at ${now}`;
  // apply is pure (a refused action changes nothing: the claim we keep is deep-equal to before), and
  // can() with the arguments tells exactly what apply() does.
  holds(JSON.stringify(claim) === before, `${what}: changed the claim it was given`);
  same(asked, result.ok ? null : result.refusal, `${what}: can() and apply() disagree`);
  if (deadlinePassed(claim, command.name, now)) holds(!result.ok, `${what}: applied after its deadline`);
  if (!result.ok) {
    holds(REFUSAL_CODES.includes(result.refusal.code), `${what}: unknown refusal ${result.refusal.code}`);
    return { claim, ok: false };
  }
  const next = result.claim;
  const entry = result.entry;
  applied.set(command.name, (applied.get(command.name) ?? 0) + 1);
  // Exactly one history entry (who, when, what, from, to), version + 1.
  holds(next.version === claim.version + 1, `${what}: version ${claim.version} -> ${next.version}`);
  holds(next.history.length === claim.history.length + 1 && claim.history.every((e, i) => next.history[i] === e), `${what}: history not extended by one entry`);
  same(next.history.at(-1), entry, `${what}: the entry returned is not the one recorded`);
  same(
    { version: entry.version, at: entry.at, action: entry.action, from: entry.from, to: entry.to, actor: entry.actor, decidedAt: entry.decidedAt, updatedAt: next.updatedAt },
    { version: next.version, at: now, action: command.name, from: claim.status, to: next.status, actor: { kind: actor.kind, id: actor.id, name: actor.name }, decidedAt: decidedAt && decidedAt !== now ? decidedAt : undefined, updatedAt: now },
    `${what}: history entry`,
  );
  holds(decidedAt !== undefined && decidedAt !== now ? true : !('decidedAt' in entry), `${what}: decidedAt recorded without an offline decision`);
  // Only the spec's statuses and transitions.
  holds(CLAIM_STATUSES.includes(next.status), `${what}: unknown status ${next.status}`);
  holds((SPEC_TRANSITIONS[command.name][claim.status] ?? []).includes(next.status), `${what}: ${claim.status} -> ${next.status} is not in the spec`);
  // The claim always parses, also after a trip through JSON (how every store and wire keeps it).
  const parsed = Claim.safeParse(JSON.parse(JSON.stringify(next)));
  if (!parsed.success) expect.fail(`${what}: the claim does not parse: ${JSON.stringify(parsed.error.issues)}`);
  same(parsed.data, next, `${what}: the claim is not in its parsed form`);
  // Documents are content-addressed: no file twice, no id twice.
  holds(new Set(next.documents.map((d) => d.sha256)).size === next.documents.length, `${what}: the same file twice`);
  holds(new Set(next.documents.map((d) => d.id)).size === next.documents.length, `${what}: the same document id twice`);
  // QA never changes a claim's status; only a lead's resolution may reopen it.
  if (command.name === 'openQaTask' || command.name === 'recordQaVerdict') holds(next.status === claim.status, `${what}: QA changed the status`);
  if (command.name === 'recordQaVerdict') holds(actor.id !== next.qa.find((t) => t.id === (command.args as { taskId: string }).taskId)?.original.reviewer.id, `${what}: QA by the reviewer who decided`);
  if (command.name === 'resolveQaDisagreement' && next.status !== claim.status) holds(!deadlinePassed(claim, 'reopen', now), `${what}: reopened after its deadline`);
  // The timer acts only on what is due (sampling a decision for QA is the service's, not a clock's).
  if (actor.kind === 'timer' && command.name !== 'openQaTask') {
    const clock = claim.clocks[timerClock(command)];
    holds(clock?.state === 'running' && clock.dueAt <= now, () => `${what}: the timer acted on a clock not due (${JSON.stringify(clock)})`);
  }
  // The PAR reasons are exactly the flags of the review.
  if (command.name === 'requestPartnerAction') {
    same(new Set(missingKeys(checklistFromReasons(next.review.parReasons, next.products))), new Set(missingKeys(next.review.checklist)), `${what}: flags and reasons`);
    same(next.review.parReasons, reasonsFromChecklist(next.review.checklist), `${what}: reasons`);
  }
  // An approval vouches for every item of the claim: each reason and each claimed product passed.
  if (command.name === 'approve') {
    same(Object.keys(next.review.checklist).sort(), [...checklistKeys(next.products)].sort(), `${what}: approved checklist items`);
    holds(Object.values(next.review.checklist).every((item) => item?.state === 'passed'), `${what}: approved with an item not passed`);
  }
  return { claim: next, ok: true };
}

/** The timer's view of a claim: it has work exactly from nextTimerAt on, none before. */
function checkTimer(claim: Claim) {
  const next = nextTimerAt(claim);
  if (next === null) {
    same(dueTimerCommands(claim, '2100-01-01T00:00:00.000Z'), [], 'no next timer, yet work for it');
    return;
  }
  same(dueTimerCommands(claim, plusMs(next, -1)), [], `timer work before nextTimerAt ${next}`);
  holds(dueTimerCommands(claim, next).length > 0, `no timer work at nextTimerAt ${next}`);
}

/** Run the timer at `now`: every due command applies; then nothing is due; running them again changes nothing. */
function tick(claim: Claim, now: Instant): Claim {
  const commands = dueTimerCommands(claim, now);
  for (const command of commands) {
    const r = attempt(claim, actors.timer, command, now);
    holds(r.ok, `due timer command ${JSON.stringify(command)} refused`);
    claim = r.claim;
  }
  same(dueTimerCommands(claim, now), [], `timer work left at ${now} after running it`);
  for (const command of commands) holds(!attempt(claim, actors.timer, command, now).ok, `timer command ${JSON.stringify(command)} applied twice`);
  return claim;
}

function run(start: Instant, products: ProductId[], steps: Step[]): Claim {
  const created = create(newClaimInput({ products }), actors.partner, ctx(start));
  if (!created.ok) throw new Error(JSON.stringify(created.refusal));
  let claim = created.claim;
  let now = start;
  for (const step of steps) {
    if (step.kind === 'jump') {
      // Straight to the timer's next instant (or just before or after it); the timer runs then, or
      // is late and the next actions meet a deadline that passed before the timer acted on it.
      const next = nextTimerAt(claim);
      const target = next === null ? plusMs(now, DAY) : plusMs(next, at([0, 0, -1, 1], step.dice.r[0]!));
      now = target > now ? target : plusMs(now, 1);
      if (step.dice.r[1]! % 2 === 0) claim = tick(claim, now);
    } else {
      now = plusMs(now, step.gap);
      if (step.kind === 'tick') claim = tick(claim, now);
      else {
        let actor: Actor;
        let name: ActionName;
        let args: unknown;
        if (step.kind === 'guided') {
          // Something some actor may do now (guards without arguments), with plausible arguments.
          const options = ROLES.flatMap((role) => {
            const who = actorFor(role, claim);
            return ACTION_NAMES.filter((n) => can(claim, who, n, ctx(now)) === null).flatMap((n) => Array<readonly [Actor, ActionName]>(GUIDED_WEIGHT[n] ?? DEFAULT_WEIGHT).fill([who, n]));
          });
          if (options.length === 0) continue;
          [actor, name] = at(options, step.dice.r[5]!);
          args = plausibleArgs(name, claim, step.dice);
        } else {
          actor = actorFor(step.role, claim);
          name = step.name;
          args = step.junk ?? plausibleArgs(name, claim, step.dice);
        }
        const decidedAt = step.offlineMs === null ? undefined : plusMs(now, -step.offlineMs);
        claim = attempt(claim, actor, { name, args }, now, decidedAt).claim;
      }
    }
    checkTimer(claim);
  }
  return claim;
}

describe('the lifecycle under random sequences of actions', () => {
  it('keeps every invariant of the spec', () => {
    fc.assert(
      fc.property(startArb, productsArb, fc.array(stepArb, { minLength: 1, maxLength: 50, size: 'max' }), (start, products, steps) => {
        const claim = run(start, products, steps);
        // The history is the claim's whole story: versions 1..n, each step from where the last ended.
        expect(claim.history.map((e) => e.version)).toEqual(claim.history.map((_e, i) => i + 1));
        expect(claim.version).toBe(claim.history.length);
        for (let i = 1; i < claim.history.length; i++) expect(claim.history[i]!.from).toBe(claim.history[i - 1]!.to);
        expect(claim.history.at(-1)!.to).toBe(claim.status);
        // A rejected claim is disputed at most once.
        expect(claim.history.filter((e) => e.action === 'dispute').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: NUM_RUNS },
    );
    // The generator reaches every action of the table (else the property above proves little).
    expect(ACTION_NAMES.filter((n) => !applied.has(n))).toEqual([]);
  });
});

describe('missing-item flags <-> PAR reasons', () => {
  const STATES = ['unchecked', 'passed', 'missing'] as const;
  const checklistArb = productsArb.chain((products) => {
    const keys = checklistKeys(products);
    return fc.record({
      products: fc.constant(products),
      checklist: fc.tuple(...keys.map(() => fc.constantFrom(...STATES))).map((states) => Object.fromEntries(keys.map((k, i) => [k, { state: states[i]!, evidence: [] }]))),
    });
  });

  it('checklist -> reasons -> checklist keeps exactly the flags', () => {
    fc.assert(
      fc.property(checklistArb, ({ products, checklist }) => {
        const back = checklistFromReasons(reasonsFromChecklist(checklist), products);
        expect(Object.keys(back).sort()).toEqual([...checklistKeys(products)].sort());
        expect(new Set(missingKeys(back))).toEqual(new Set(missingKeys(checklist)));
        for (const [key, item] of Object.entries(back)) if (item!.state !== 'missing') expect(item!.state, key).toBe('unchecked');
      }),
      { numRuns: 300 },
    );
  });

  /** Reasons as the domain sends them: spec order, each once, products in claim order. */
  const reasonsArb = productsArb.chain((products) =>
    fc.record({
      products: fc.constant(products),
      general: fc.subarray([...PAR_REASONS.slice(0, 4)]),
      missingProducts: fc.subarray(products),
    }),
  );

  it('reasons -> checklist -> reasons gives the same reasons', () => {
    fc.assert(
      fc.property(reasonsArb, ({ products, general, missingProducts }) => {
        const reasons = [...general.map((code) => ({ code }) as ParReason), ...(missingProducts.length ? [{ code: 'products_missing' as const, products: missingProducts }] : [])];
        expect(reasonsFromChecklist(checklistFromReasons(reasons, products))).toEqual(reasons);
      }),
      { numRuns: 300 },
    );
  });

  it('one reason per flag kind: every general item maps to its own reason and back', () => {
    fc.assert(
      fc.property(productsArb, fc.constantFrom(...GENERAL_ITEMS), (products, item) => {
        const checklist = { ...checklistFromReasons([], products), [item]: { state: 'missing' as const, evidence: [] } };
        const reasons = reasonsFromChecklist(checklist);
        expect(reasons).toHaveLength(1);
        expect(missingKeys(checklistFromReasons(reasons, products))).toEqual([item]);
      }),
      { numRuns: 50 },
    );
  });
});
