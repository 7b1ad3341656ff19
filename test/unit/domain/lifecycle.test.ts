// The claim lifecycle against spec/claims-lifecycle.md, one describe per section of the spec. The
// expectations are written from the spec's tables; the fixtures reach each state through the real
// lifecycle (fixtures.ts).
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES,
  type ActionName,
  apply,
  availableActions,
  can,
  Claim,
  type ClaimStatus,
  CLOCK_RULES,
  type ClockName,
  type Command,
  conflictSince,
  create,
  dueTimerCommands,
  EDITABLE_FIELDS,
  nextTimerAt,
  PARTNER_REQUEST_GROUNDS,
  REJECTION_REASONS,
  REVIEWER_REJECTION_REASONS,
  type RefusalCode,
} from '../../../shared/domain/index.js';
import { checklistKeys, emptyChecklist } from '../../../shared/domain/checklist.js';
import {
  ACTOR_KEYS,
  type ActorKey,
  actors,
  assigneeOf,
  calendar,
  checklist,
  ctx,
  DAY,
  expectOk,
  expectRefused,
  type Fixture,
  FIXTURES,
  local,
  newClaimInput,
  nextCommentId,
  OTHER_PARTNER_ID,
  PARTNER_ID,
  plusHours,
  plusMs,
  poe,
  SPEC_TRANSITIONS,
  STATUS_OF,
  Story,
  storyIn,
  T0,
  TENANT_ID,
  validArgs,
  wall,
} from './fixtures.js';

const later = (s: Story, hours = 1) => plusHours(s.now, hours);
const decided = (s: Story) => s.claim.history.at(-1)!;

// ------------------------------------------------------------------------------------------------
describe('Statuses', () => {
  /** Who may do what, from the spec's "who moves it on" column and the sections it refers to. */
  type Who = 'partner' | 'customer' | 'assigned_reviewer' | 'qa_reviewer' | 'team_lead' | 'timer';
  const WHO: Record<ActionName, readonly Who[]> = {
    uploadDocument: ['partner'],
    submit: ['partner'],
    edit: ['partner'],
    respondToPartnerAction: ['partner'],
    requestRejection: ['partner'],
    dispute: ['partner'],
    comment: ['partner', 'assigned_reviewer', 'team_lead'],
    optOut: ['customer'],
    startReview: ['assigned_reviewer'],
    approve: ['assigned_reviewer'],
    requestPartnerAction: ['assigned_reviewer'],
    reject: ['assigned_reviewer'],
    resolveDispute: ['assigned_reviewer'],
    assign: ['team_lead'],
    reopen: ['team_lead'],
    expirePartnerResponse: ['timer'],
    closeConsentWindow: ['timer'],
    closeDisputeWindow: ['timer'],
    flagOverdue: ['timer'],
    openQaTask: ['timer'],
    recordQaVerdict: ['qa_reviewer'],
    resolveQaDisagreement: ['team_lead'],
  };
  /** Spec "Editing": the partner's comments are edits, allowed only while Submitted or PAR. */
  const statusesFor = (name: ActionName, key: ActorKey): ClaimStatus[] =>
    name === 'comment' && actors[key].kind === 'partner' ? ['submitted', 'partner_action_required'] : (Object.keys(SPEC_TRANSITIONS[name]) as ClaimStatus[]);

  /**
   * What else each fixture's state refuses (with the claim's own partner, customer, assigned
   * reviewer, lead or timer, and valid arguments); `args: true` for guards that need the arguments.
   */
  type Guard = { code: RefusalCode; args?: true };
  const notDueYet: Guard = { code: 'clock_not_due', args: true };
  const rejectedGuards = (over: Partial<Record<ActionName, Guard>>): Partial<Record<ActionName, Guard>> => ({
    resolveDispute: { code: 'no_open_dispute' },
    assign: { code: 'wrong_status' }, // a lead assigns a rejected claim only to resolve its dispute
    closeDisputeWindow: { code: 'clock_not_due' },
    flagOverdue: notDueYet,
    ...over,
  });
  const STATE_GUARDS: Record<Fixture, Partial<Record<ActionName, Guard>>> = {
    draft: { flagOverdue: notDueYet },
    draft_without_poe: { submit: { code: 'poe_required' }, flagOverdue: notDueYet },
    submitted: { flagOverdue: notDueYet },
    submitted_unassigned: { flagOverdue: notDueYet },
    in_review: { flagOverdue: notDueYet },
    partner_action_required: { expirePartnerResponse: { code: 'clock_not_due' }, flagOverdue: notDueYet },
    approved: { closeConsentWindow: { code: 'clock_not_due' }, flagOverdue: notDueYet },
    rejected: rejectedGuards({}),
    rejected_by_partner_request: rejectedGuards({ dispute: { code: 'dispute_not_allowed_for_reason' }, reopen: { code: 'reopen_not_allowed_for_reason' } }),
    rejected_by_customer_opt_out: rejectedGuards({ dispute: { code: 'dispute_not_allowed_for_reason' }, reopen: { code: 'reopen_not_allowed_for_reason' } }),
    rejected_no_partner_response: rejectedGuards({}),
    disputed: rejectedGuards({ dispute: { code: 'already_disputed' }, resolveDispute: undefined, assign: undefined, reopen: { code: 'dispute_open' } }),
    dispute_upheld: rejectedGuards({ dispute: { code: 'already_disputed' }, reopen: { code: 'dispute_upheld_final' } }),
    dispute_overturned: { closeConsentWindow: { code: 'clock_not_due' }, flagOverdue: notDueYet },
    sent_to_incentive_evaluation: {
      optOut: { code: 'consent_window_closed' },
      closeConsentWindow: { code: 'clock_not_due' },
      reopen: { code: 'already_sent_to_incentive_evaluation' },
      flagOverdue: notDueYet,
    },
  };

  /** The expected outcome: first who (own claim, assignment), then status, then the state's guards. */
  function expected(f: Fixture, claim: Claim, name: ActionName, key: ActorKey): { pre: RefusalCode | 'ok'; full: RefusalCode | 'ok' } {
    const who = WHO[name];
    const actor = actors[key];
    const both = (code: RefusalCode) => ({ pre: code, full: code });
    switch (actor.kind) {
      case 'partner':
        if (!who.includes('partner')) return both('actor_not_allowed');
        if (actor.partnerId !== claim.partnerId) return both('not_own_claim');
        break;
      case 'customer':
        if (!who.includes('customer')) return both('actor_not_allowed');
        if (actor.tenantId !== claim.customer.tenantId) return both('not_own_claim');
        break;
      case 'timer':
        if (!who.includes('timer')) return both('actor_not_allowed');
        break;
      case 'team_lead':
      case 'reviewer':
        if (actor.kind === 'team_lead' && who.includes('team_lead')) break;
        // No fixture has a QA task: nobody is its QA reviewer.
        if (who.includes('qa_reviewer')) return both('not_qa_reviewer');
        // A lead who is not assigned is, for a reviewer's action, an unassigned reviewer.
        if (!who.includes('assigned_reviewer')) return both('actor_not_allowed');
        if (claim.assignee?.id !== actor.id) return both('not_assigned');
        break;
    }
    if (!statusesFor(name, key).includes(claim.status)) return both('wrong_status');
    if (name === 'resolveQaDisagreement') return both('no_qa_disagreement');
    const guard = STATE_GUARDS[f][name];
    if (!guard) return { pre: 'ok', full: 'ok' };
    return guard.args ? { pre: 'ok', full: guard.code } : both(guard.code);
  }

  const stories = Object.fromEntries(FIXTURES.map((f) => [f, storyIn(f)])) as Record<Fixture, Story>;

  it.each(FIXTURES)('fixture %s is in the status it names', (f) => {
    expect(stories[f].claim.status).toBe(STATUS_OF[f]);
    expect(Claim.safeParse(stories[f].claim).success).toBe(true);
  });

  // One test per row of the table (and its variants) and action: every actor, allowed or refused with the exact code.
  describe.each(FIXTURES)('%s', (f) => {
    const story = stories[f];
    const at = later(story);
    it.each(ACTION_NAMES)('%s: every actor gets the outcome the spec gives', (name) => {
      const want: Record<string, unknown> = {};
      const got: Record<string, unknown> = {};
      for (const key of ACTOR_KEYS) {
        const exp = expected(f, story.claim, name, key);
        want[key] = exp;
        const args = validArgs(name, story.claim);
        const pre = can(story.claim, actors[key], name, ctx(at));
        const result = apply(story.claim, actors[key], { name, args } as Command, ctx(at));
        got[key] = { pre: pre?.code ?? 'ok', full: result.ok ? 'ok' : result.refusal.code };
        if (result.ok) {
          // An allowed action leads where the spec's table says.
          expect(SPEC_TRANSITIONS[name][story.claim.status], `${name} from ${story.claim.status}`).toContain(result.claim.status);
        }
      }
      expect(got).toEqual(want);
    });

    it('availableActions answers what can() answers without arguments, for every actor', () => {
      for (const key of ACTOR_KEYS) {
        const available = availableActions(story.claim, actors[key], ctx(at));
        expect(Object.keys(available).sort()).toEqual([...ACTION_NAMES].sort());
        for (const name of ACTION_NAMES) expect(available[name]?.code ?? 'ok', `${key} ${name}`).toBe(expected(f, story.claim, name, key).pre);
      }
    });
  });

  describe('Draft: created, PoE not yet uploaded or claim not yet submitted', () => {
    it('a partner creates a draft for its own partner ID: version 1, one history entry', () => {
      const result = create(newClaimInput(), actors.partner, ctx(T0));
      const claim = expectOk(result);
      expect(claim).toMatchObject({ status: 'draft', version: 1, createdAt: T0, updatedAt: T0, documents: [], assignee: null, clocks: {}, comments: [] });
      expect(claim.history).toEqual([{ version: 1, at: T0, actor: { kind: 'partner', id: actors.partner.id, name: actors.partner.name }, action: 'create', from: null, to: 'draft', details: {} }]);
      expect(result.ok && result.entry).toEqual(claim.history[0]);
      expect(Object.keys(claim.review.checklist)).toEqual(['poe_present', 'customer_acknowledgement', 'dates', 'partner_solution', 'product:d365-sales', 'product:power-bi']);
      expect(Claim.parse(claim)).toEqual(claim);
    });

    it.each(['customer', 'reviewer', 'lead', 'timer'] as const)('a %s cannot create a claim (actor_not_allowed)', (key) => {
      expectRefused(create(newClaimInput(), actors[key], ctx(T0)), 'actor_not_allowed');
    });

    it('a partner cannot create a claim for another partner ID (not_own_claim)', () => {
      expectRefused(create(newClaimInput({ partnerId: OTHER_PARTNER_ID }), actors.partner, ctx(T0)), 'not_own_claim');
    });

    it.each([
      ['no products', { products: [] }],
      ['a product twice', { products: ['power-bi', 'power-bi'] }],
      ['an unknown product', { products: ['word-perfect'] }],
      ['a bad partner ID', { partnerId: 'P-1029' }],
      ['a bad claim number', { number: '412' }],
      ['a bad contact e-mail', { customerContact: { name: 'K', email: 'not-an-email' } }],
    ])('creating with %s is refused (invalid_arguments)', (_label, over) => {
      expectRefused(create({ ...newClaimInput(), ...over }, actors.partner, ctx(T0)), 'invalid_arguments');
    });

    it('submit needs at least one PoE (poe_required), asked with and without arguments', () => {
      const s = storyIn('draft_without_poe');
      expect(can(s.claim, actors.partner, 'submit', ctx(later(s)))?.code).toBe('poe_required');
      expectRefused(s.try('partner', 'submit', {}), 'poe_required');
    });

    it('with a PoE uploaded the partner submits: Submitted, submittedAt set', () => {
      const s = storyIn('draft').do('partner', 'submit');
      expect(s.claim.status).toBe('submitted');
      expect(s.claim.submittedAt).toBe(s.now);
      expect(decided(s)).toMatchObject({ action: 'submit', from: 'draft', to: 'submitted' });
    });

    it('submit takes no arguments (invalid_arguments)', () => {
      expectRefused(storyIn('draft').try('partner', 'submit', { force: true }), 'invalid_arguments');
    });
  });

  describe('Submitted: submitted, review not started', () => {
    it('the assigned reviewer starts the review: In review', () => {
      const s = storyIn('submitted').do('reviewer', 'startReview');
      expect(s.claim.status).toBe('in_review');
    });

    it('a reviewer it is not assigned to cannot (not_assigned, naming the assignee)', () => {
      const refusal = expectRefused(storyIn('submitted').try('otherReviewer', 'startReview', {}), 'not_assigned');
      expect(refusal.params).toEqual({ assignee: actors.reviewer.name });
    });

    it('nobody can review an unassigned claim (not_assigned, no assignee)', () => {
      const refusal = expectRefused(storyIn('submitted_unassigned').try('reviewer', 'startReview', {}), 'not_assigned');
      expect(refusal.params).toEqual({ assignee: '' });
    });
  });

  describe('In review: the reviewer approves, requests partner action or rejects', () => {
    it.each([
      ['approve', 'approved'],
      ['requestPartnerAction', 'partner_action_required'],
      ['reject', 'rejected'],
    ] as const)('%s -> %s', (name, to) => {
      const s = storyIn('in_review').do('reviewer', name);
      expect(s.claim.status).toBe(to);
      expect(decided(s)).toMatchObject({ action: name, from: 'in_review', to, actor: { kind: 'reviewer', id: actors.reviewer.id } });
    });

    it('approve is refused while any checklist item is flagged missing (checklist_not_passed, naming the items)', () => {
      const s = storyIn('in_review');
      const refusal = expectRefused(s.try('reviewer', 'approve', { checklist: checklist(s.claim.products, ['dates', 'product:power-bi']) }), 'checklist_not_passed');
      expect(refusal.params).toEqual({ items: ['dates', 'product:power-bi'] });
    });

    it('approve needs every item, each reason and each claimed product, marked passed: nothing checked or one left unchecked is refused', () => {
      const s = storyIn('in_review');
      const all = checklistKeys(s.claim.products);
      expect(expectRefused(s.try('reviewer', 'approve', { checklist: {} }), 'checklist_not_passed').params).toEqual({ items: all });
      expect(expectRefused(s.try('reviewer', 'approve', { checklist: emptyChecklist(s.claim.products) }), 'checklist_not_passed').params).toEqual({ items: all });
      const oneProductUnchecked = { ...checklist(s.claim.products), 'product:power-bi': { state: 'unchecked' as const, evidence: [] } };
      expect(expectRefused(s.try('reviewer', 'approve', { checklist: oneProductUnchecked }), 'checklist_not_passed').params).toEqual({ items: ['product:power-bi'] });
      // A checklist decided before a product was added does not vouch for the new product.
      const { 'product:power-bi': _dropped, ...withoutProduct } = checklist(s.claim.products);
      expect(expectRefused(s.try('reviewer', 'approve', { checklist: withoutProduct }), 'checklist_not_passed').params).toEqual({ items: ['product:power-bi'] });
      expect(expectOk(s.try('reviewer', 'approve', { checklist: checklist(s.claim.products) })).status).toBe('approved');
    });

    it('request partner action needs at least one item flagged missing; unchecked items alone are not a reason', () => {
      const s = storyIn('in_review');
      const args = { comment: 'Please add the signed acknowledgement.', commentId: nextCommentId() };
      expectRefused(s.try('reviewer', 'requestPartnerAction', { ...args, checklist: emptyChecklist(s.claim.products) }), 'no_missing_items');
      expectRefused(s.try('reviewer', 'requestPartnerAction', { ...args, checklist: checklist(s.claim.products) }), 'no_missing_items');
      expectOk(s.try('reviewer', 'requestPartnerAction', { ...args, checklist: { ...emptyChecklist(s.claim.products), dates: { state: 'missing', evidence: [] } } }));
    });

    it('approve clears the PAR reasons of an earlier round and keeps the checklist it was decided on', () => {
      const s = storyIn('partner_action_required').do('partner', 'respondToPartnerAction').do('reviewer', 'approve');
      expect(s.claim.review).toEqual({ checklist: checklist(s.claim.products), parReasons: [] });
    });

    it('an approve with a comment adds it to the thread', () => {
      const commentId = nextCommentId();
      const s = storyIn('in_review');
      s.do('reviewer', 'approve', { checklist: checklist(s.claim.products), comment: 'All evidenced.', commentId });
      expect(s.claim.comments.at(-1)).toEqual({ id: commentId, at: s.now, author: { kind: 'reviewer', id: actors.reviewer.id, name: actors.reviewer.name }, text: 'All evidenced.' });
    });
  });

  describe('Partner action required: the partner responds and re-confirms; the timer rejects', () => {
    it('the partner responds: back to In review, the response is a comment', () => {
      const s = storyIn('partner_action_required').do('partner', 'respondToPartnerAction', { commentId: uuidOf(1), comment: '  Signed copy uploaded.  ' });
      expect(s.claim.status).toBe('in_review');
      expect(s.claim.comments.at(-1)).toMatchObject({ id: uuidOf(1), text: 'Signed copy uploaded.', author: { kind: 'partner' } });
    });

    it.each([
      ['blank', { commentId: uuidOf(2), comment: '   ' }],
      ['missing', { commentId: uuidOf(2) }],
    ])('a response with a %s comment is refused (comment_required)', (_label, args) => {
      expectRefused(storyIn('partner_action_required').try('partner', 'respondToPartnerAction', args), 'comment_required');
    });

    it('the timer rejects for no partner response once the 5 business days have run out', () => {
      const s = storyIn('rejected_no_partner_response');
      expect(s.claim.status).toBe('rejected');
      expect(s.claim.rejection).toEqual({ reason: 'no_partner_response', at: s.now });
      expect(decided(s)).toMatchObject({ action: 'expirePartnerResponse', from: 'partner_action_required', to: 'rejected', actor: { kind: 'timer' } });
    });
  });

  describe('Approved: the customer may opt out; the timer closes the consent window', () => {
    it('the customer of the tenant opts out within the window: Rejected, reason customer opt-out', () => {
      const s = storyIn('rejected_by_customer_opt_out');
      expect(s.claim.rejection).toEqual({ reason: 'customer_opt_out', at: s.now, comment: 'We do not know this partner.' });
      expect(decided(s)).toMatchObject({ action: 'optOut', from: 'approved', to: 'rejected', actor: { kind: 'customer', id: actors.customer.id } });
      expect(Object.values(s.claim.clocks).every((c) => c.state !== 'running' && c.state !== 'paused')).toBe(true);
    });

    it('the customer of another tenant cannot opt out (not_own_claim)', () => {
      expectRefused(storyIn('approved').try('otherCustomer', 'optOut', {}), 'not_own_claim');
    });

    it('when the window closes the status stays Approved and the claim is marked sent to incentive evaluation', () => {
      const s = storyIn('sent_to_incentive_evaluation');
      expect(s.claim.status).toBe('approved');
      expect(s.claim.flags.sentToIncentiveEvaluationAt).toBe(s.now);
      expect(decided(s)).toMatchObject({ action: 'closeConsentWindow', from: 'approved', to: 'approved' });
    });
  });

  describe('Rejected: final unless disputed in time', () => {
    it('the partner disputes within 30 days; the claim stays Rejected with the dispute recorded', () => {
      const s = storyIn('disputed');
      expect(s.claim.status).toBe('rejected');
      expect(s.claim.dispute).toEqual({ filedAt: s.now, justification: 'The signed acknowledgement is on page 4.', documentSha256s: [poe(2).sha256] });
    });
  });
});

const uuidOf = (n: number) => `00000000-0000-4000-8000-${(0xabc000 + n).toString(16).padStart(12, '0')}`;

// ------------------------------------------------------------------------------------------------
describe('Partner request', () => {
  const notRejected = FIXTURES.filter((f) => STATUS_OF[f] !== 'rejected');

  it.each(notRejected)('from %s the partner may ask for its own claim to be rejected', (f) => {
    const s = storyIn(f).do('partner', 'requestRejection', { ground: 'no_longer_works_with_customer', comment: 'We stopped working with Contoso.' });
    expect(s.claim.status).toBe('rejected');
    expect(s.claim.rejection).toEqual({ reason: 'partner_request', at: s.now, ground: 'no_longer_works_with_customer', comment: 'We stopped working with Contoso.' });
    // Nobody waits on a claim the partner withdrew: no clock runs or waits on.
    expect(Object.values(s.claim.clocks).filter((c) => c.state === 'running' || c.state === 'paused')).toEqual([]);
    expect(nextTimerAt(s.claim)).toBeNull();
    // The partner chose it: no dispute (our rule) and no reopening. (A claim disputed before stays
    // "already disputed"; one already with incentive evaluation stays out of reach of a reopen.)
    expectRefused(s.try('partner', 'dispute'), f === 'dispute_overturned' ? 'already_disputed' : 'dispute_not_allowed_for_reason');
    expectRefused(s.try('lead', 'reopen'), f === 'sent_to_incentive_evaluation' ? 'already_sent_to_incentive_evaluation' : 'reopen_not_allowed_for_reason');
  });

  it.each(FIXTURES.filter((f) => STATUS_OF[f] === 'rejected'))('not once %s (wrong_status)', (f) => {
    expect(expectRefused(storyIn(f).try('partner', 'requestRejection'), 'wrong_status').params).toEqual({ status: 'rejected' });
  });

  it.each(PARTNER_REQUEST_GROUNDS)('ground %s is accepted', (ground) => {
    expect(storyIn('submitted').do('partner', 'requestRejection', { ground }).claim.rejection?.ground).toBe(ground);
  });

  it.each([
    ['no ground', {}],
    ['an unknown ground', { ground: 'bored' }],
  ])('with %s it is refused (invalid_arguments)', (_label, args) => {
    expectRefused(storyIn('submitted').try('partner', 'requestRejection', args), 'invalid_arguments');
  });

  it('another partner cannot ask for it (not_own_claim)', () => {
    expectRefused(storyIn('submitted').try('otherPartner', 'requestRejection'), 'not_own_claim');
  });
});

// ------------------------------------------------------------------------------------------------
describe('Clocks', () => {
  it('the rules are the spec table', () => {
    expect(CLOCK_RULES).toEqual({
      submitted_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
      review_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
      overall_sla: { length: 10, unit: 'business_days', onExpiry: 'flag_overdue' },
      partner_response: { length: 5, unit: 'business_days', onExpiry: 'reject_no_partner_response' },
      customer_consent: { length: 7, unit: 'calendar_days', onExpiry: 'send_to_incentive_evaluation' },
      dispute_window: { length: 30, unit: 'calendar_days', onExpiry: 'close_dispute_window' },
      dispute_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
    });
  });

  /** Flag an SLA at its due time: refused a millisecond before, applied at it, refused once flagged. */
  function flagsOverdueExactlyWhenDue(s: Story, clock: ClockName) {
    const dueAt = s.claim.clocks[clock]!.dueAt;
    const before = plusMs(dueAt, -1);
    expect(dueTimerCommands(s.claim, before).filter((c) => c.name === 'flagOverdue' && c.args.clock === clock)).toEqual([]);
    expectRefused(s.try('timer', 'flagOverdue', { clock }, before), 'clock_not_due');
    expect(dueTimerCommands(s.claim, dueAt)).toContainEqual({ name: 'flagOverdue', args: { clock } });
    const status = s.claim.status;
    s.do('timer', 'flagOverdue', { clock }, { at: dueAt });
    expect(s.claim.status).toBe(status); // an SLA only flags
    expect(s.claim.clocks[clock]).toMatchObject({ state: 'running', overdueAt: dueAt });
    expect(decided(s)).toMatchObject({ action: 'flagOverdue', details: { clock, dueAt } });
    expectRefused(s.try('timer', 'flagOverdue', { clock }, plusHours(dueAt, 1)), 'clock_not_due');
    expect(dueTimerCommands(s.claim, plusHours(dueAt, 1)).filter((c) => c.name === 'flagOverdue' && c.args.clock === clock)).toEqual([]);
  }

  describe('submitted SLA: 5 business days from submit; flagged overdue', () => {
    it('starts at submit, due 5 business days later at the same wall-clock time', () => {
      const s = storyIn('draft').do('partner', 'submit', {}, { at: local('2026-03-02T11:00') });
      expect(s.claim.clocks.submitted_sla).toEqual({ state: 'running', startedAt: s.now, dueAt: local('2026-03-09T11:00'), zone: 'Europe/Prague', extendedByBusinessDays: 0 });
    });

    it('stops when the review starts', () => {
      const s = storyIn('in_review');
      expect(s.claim.clocks.submitted_sla).toMatchObject({ state: 'stopped', stoppedAt: s.claim.history.find((e) => e.action === 'startReview')!.at });
    });

    it('on expiry the claim is only flagged overdue', () => {
      flagsOverdueExactlyWhenDue(storyIn('submitted'), 'submitted_sla');
    });
  });

  describe('review SLA: 5 business days from start review, and again from the partner response', () => {
    it('starts at start review', () => {
      const s = storyIn('submitted').do('reviewer', 'startReview', {}, { at: local('2026-03-02T13:00') });
      expect(s.claim.clocks.review_sla).toMatchObject({ state: 'running', startedAt: s.now, dueAt: local('2026-03-09T13:00') });
    });

    it('stops at the request for partner action and starts afresh when the partner responds', () => {
      const s = storyIn('partner_action_required');
      expect(s.claim.clocks.review_sla).toMatchObject({ state: 'stopped', stoppedAt: s.now });
      s.do('partner', 'respondToPartnerAction', undefined, { at: local('2026-03-05T16:30') });
      expect(s.claim.clocks.review_sla).toEqual({ state: 'running', startedAt: s.now, dueAt: local('2026-03-12T16:30'), zone: 'Europe/Prague', extendedByBusinessDays: 0 });
    });

    it.each(['approve', 'reject'] as const)('stops at %s', (name) => {
      const s = storyIn('in_review').do('reviewer', name);
      expect(s.claim.clocks.review_sla).toMatchObject({ state: 'stopped', stoppedAt: s.now });
    });

    it('on expiry the claim is only flagged overdue', () => {
      flagsOverdueExactlyWhenDue(storyIn('in_review'), 'review_sla');
    });

    it('a restarted review SLA is not overdue because the first one was', () => {
      const s = storyIn('in_review');
      flagsOverdueExactlyWhenDue(s, 'review_sla');
      s.do('reviewer', 'requestPartnerAction').do('partner', 'respondToPartnerAction');
      expect(s.claim.clocks.review_sla?.overdueAt).toBeUndefined();
    });
  });

  describe('overall reviewer SLA: 10 business days from submit, plus the time waiting on the partner', () => {
    /** Submitted Monday 2 March 11:00, in review from 13:00. */
    const inReview = () => storyIn('in_review');

    it('starts at submit, due 10 business days later', () => {
      expect(inReview().claim.clocks.overall_sla).toMatchObject({ state: 'running', startedAt: local('2026-03-02T11:00'), dueAt: local('2026-03-16T11:00') });
    });

    it('pauses while waiting on the partner and is extended by exactly that business time', () => {
      const s = inReview().do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-03T10:00') });
      expect(s.claim.clocks.overall_sla).toMatchObject({ state: 'paused', pausedAt: s.now, dueAt: local('2026-03-16T11:00') });
      s.do('partner', 'respondToPartnerAction', undefined, { at: local('2026-03-05T16:00') }); // 2 days 6 hours later
      expect(s.claim.clocks.overall_sla).toEqual({
        state: 'running',
        startedAt: local('2026-03-02T11:00'),
        dueAt: local('2026-03-18T17:00'),
        zone: 'Europe/Prague',
        extendedByBusinessDays: 2.25,
      });
    });

    it('a weekend spent waiting on the partner does not count', () => {
      const s = inReview()
        .do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-06T16:00') }) // Friday
        .do('partner', 'respondToPartnerAction', undefined, { at: local('2026-03-09T16:00') }); // Monday
      expect(s.claim.clocks.overall_sla).toMatchObject({ extendedByBusinessDays: 1, dueAt: local('2026-03-17T11:00') });
    });

    it('holidays spent waiting on the partner do not count (Easter 2026)', () => {
      const s = new Story(local('2026-03-30T09:00'))
        .do('partner', 'uploadDocument', { document: poe(1) })
        .do('partner', 'submit', {}, { at: local('2026-03-30T11:00') })
        .do('lead', 'assign', { assignee: assigneeOf(actors.reviewer) })
        .do('reviewer', 'startReview');
      // 10 business days from Monday 30 March skip Good Friday (3 April) and Easter Monday (6 April).
      expect(s.claim.clocks.overall_sla?.dueAt).toBe(local('2026-04-15T11:00'));
      s.do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-04-02T10:00') }) // Thursday
        .do('partner', 'respondToPartnerAction', undefined, { at: local('2026-04-07T10:00') }); // Tuesday after Easter
      expect(s.claim.clocks.overall_sla).toMatchObject({ extendedByBusinessDays: 1, dueAt: local('2026-04-16T11:00') });
    });

    it('every round of partner action adds its waiting time', () => {
      const s = inReview()
        .do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-03T10:00') })
        .do('partner', 'respondToPartnerAction', undefined, { at: local('2026-03-04T10:00') })
        .do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-04T12:00') })
        .do('partner', 'respondToPartnerAction', undefined, { at: local('2026-03-05T00:00') });
      expect(s.claim.clocks.overall_sla).toMatchObject({ extendedByBusinessDays: 1.5, dueAt: local('2026-03-17T23:00') });
    });

    it('is never flagged overdue while it waits on the partner', () => {
      // In review until day 9, then waiting on the partner across the original due time.
      const s = inReview().do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-13T10:00') });
      const past = local('2026-03-17T10:00'); // after the unextended due time, before the partner's 5 days run out
      expect(dueTimerCommands(s.claim, past)).toEqual([]);
      expectRefused(s.try('timer', 'flagOverdue', { clock: 'overall_sla' }, past), 'clock_not_due');
    });

    it.each(['approve', 'reject'] as const)('stops at %s', (name) => {
      const s = inReview().do('reviewer', name);
      expect(s.claim.clocks.overall_sla).toMatchObject({ state: 'stopped', stoppedAt: s.now });
    });

    it('on expiry the claim is only flagged overdue', () => {
      const s = inReview();
      s.do('timer', 'flagOverdue', { clock: 'review_sla' }, { at: s.claim.clocks.review_sla!.dueAt });
      flagsOverdueExactlyWhenDue(s, 'overall_sla');
    });
  });

  describe('partner response: 5 business days from the request for partner action; then rejected, "No partner response"', () => {
    it('starts at the request, due 5 business days later', () => {
      const s = storyIn('in_review').do('reviewer', 'requestPartnerAction', undefined, { at: local('2026-03-06T15:00') });
      expect(s.claim.clocks.partner_response).toMatchObject({ state: 'running', startedAt: s.now, dueAt: local('2026-03-13T15:00') });
    });

    it('stops when the partner responds', () => {
      const s = storyIn('partner_action_required').do('partner', 'respondToPartnerAction');
      expect(s.claim.clocks.partner_response).toMatchObject({ state: 'stopped', stoppedAt: s.now });
    });

    it('the timer rejects exactly when due, not a millisecond before', () => {
      const s = storyIn('partner_action_required');
      const dueAt = s.claim.clocks.partner_response!.dueAt;
      expect(dueTimerCommands(s.claim, plusMs(dueAt, -1))).toEqual([]);
      expectRefused(s.try('timer', 'expirePartnerResponse', {}, plusMs(dueAt, -1)), 'clock_not_due');
      expect(dueTimerCommands(s.claim, dueAt)).toEqual([{ name: 'expirePartnerResponse', args: {} }]);
      s.do('timer', 'expirePartnerResponse', {}, { at: dueAt });
      expect(s.claim).toMatchObject({ status: 'rejected', rejection: { reason: 'no_partner_response', at: dueAt } });
      expect(s.claim.clocks.partner_response).toMatchObject({ state: 'expired', stoppedAt: dueAt });
      expect(s.claim.clocks.overall_sla).toMatchObject({ state: 'stopped' });
      // A rejection for no partner response can be disputed: the dispute window starts.
      expect(s.claim.clocks.dispute_window).toMatchObject({ state: 'running', startedAt: dueAt, dueAt: calendar.addCalendarDays(dueAt, 30) });
    });

    it('a response after the 5 business days is refused even before the timer has run', () => {
      const s = storyIn('partner_action_required');
      const dueAt = s.claim.clocks.partner_response!.dueAt;
      expectOk(s.try('partner', 'respondToPartnerAction', undefined, plusMs(dueAt, -1)));
      expectRefused(s.try('partner', 'respondToPartnerAction', undefined, dueAt), 'response_window_closed');
      expectRefused(s.try('partner', 'respondToPartnerAction', undefined, plusHours(dueAt, 30)), 'response_window_closed');
    });
  });

  describe('customer consent: 7 calendar days from approval; then sent to incentive evaluation', () => {
    it('starts at approval and keeps the wall-clock time across the change to summer time', () => {
      // Approved Monday 23 March 14:00 CET; due Monday 30 March 14:00 CEST (the clocks went forward on the 29th).
      const s = new Story(local('2026-03-23T09:00'))
        .do('partner', 'uploadDocument', { document: poe(1) })
        .do('partner', 'submit')
        .do('lead', 'assign', { assignee: assigneeOf(actors.reviewer) })
        .do('reviewer', 'startReview')
        .do('reviewer', 'approve', undefined, { at: local('2026-03-23T14:00') });
      expect(s.claim.clocks.customer_consent).toMatchObject({ state: 'running', startedAt: '2026-03-23T13:00:00.000Z', dueAt: '2026-03-30T12:00:00.000Z' });
      expect(wall(s.claim.clocks.customer_consent!.dueAt)).toBe('2026-03-30T14:00');
    });

    it('the customer may opt out until the window closes, not at or after it', () => {
      const s = storyIn('approved');
      const dueAt = s.claim.clocks.customer_consent!.dueAt;
      expectOk(s.try('customer', 'optOut', {}, plusMs(dueAt, -1)));
      expect(expectRefused(s.try('customer', 'optOut', {}, dueAt), 'consent_window_closed').params).toEqual({ closedAt: dueAt });
    });

    it('the timer closes it when due: status stays Approved, marked sent to incentive evaluation', () => {
      const s = storyIn('approved');
      const dueAt = s.claim.clocks.customer_consent!.dueAt;
      expect(dueTimerCommands(s.claim, plusMs(dueAt, -1))).toEqual([]);
      expectRefused(s.try('timer', 'closeConsentWindow', {}, plusMs(dueAt, -1)), 'clock_not_due');
      expect(dueTimerCommands(s.claim, dueAt)).toEqual([{ name: 'closeConsentWindow', args: {} }]);
      s.do('timer', 'closeConsentWindow', {}, { at: dueAt });
      expect(s.claim.status).toBe('approved');
      expect(s.claim.flags).toEqual({ sentToIncentiveEvaluationAt: dueAt });
      expect(s.claim.clocks.customer_consent).toMatchObject({ state: 'expired', stoppedAt: dueAt });
      expectRefused(s.try('customer', 'optOut', {}), 'consent_window_closed');
    });
  });

  describe('dispute window: 30 calendar days from the rejection; then no dispute', () => {
    it('starts at the rejection; 30 days later at the same wall-clock time (across the DST change)', () => {
      const s = storyIn('rejected');
      // Rejected Monday 2 March 14:00 CET; due Wednesday 1 April 14:00 CEST.
      expect(s.claim.clocks.dispute_window).toMatchObject({ state: 'running', startedAt: s.now, dueAt: local('2026-04-01T14:00') });
      expect(plusMs(s.now, 30 * DAY)).not.toBe(local('2026-04-01T14:00'));
    });

    it('a dispute is possible until the window closes, not at or after it, timer or not', () => {
      const s = storyIn('rejected');
      const dueAt = s.claim.clocks.dispute_window!.dueAt;
      expectOk(s.try('partner', 'dispute', undefined, plusMs(dueAt, -1)));
      expect(expectRefused(s.try('partner', 'dispute', undefined, dueAt), 'dispute_window_closed').params).toEqual({ closedAt: dueAt });
    });

    it('the timer closes it when due and a dispute is refused after', () => {
      const s = storyIn('rejected');
      const dueAt = s.claim.clocks.dispute_window!.dueAt;
      expect(dueTimerCommands(s.claim, plusMs(dueAt, -1))).toEqual([]);
      expect(dueTimerCommands(s.claim, dueAt)).toEqual([{ name: 'closeDisputeWindow', args: {} }]);
      s.do('timer', 'closeDisputeWindow', {}, { at: dueAt });
      expect(s.claim.status).toBe('rejected');
      expect(s.claim.clocks.dispute_window).toMatchObject({ state: 'expired', stoppedAt: dueAt });
      expectRefused(s.try('partner', 'dispute'), 'dispute_window_closed');
    });

    it('stops when the dispute is filed', () => {
      const s = storyIn('disputed');
      expect(s.claim.clocks.dispute_window).toMatchObject({ state: 'stopped', stoppedAt: s.now });
    });

    it.each(['rejected_by_partner_request', 'rejected_by_customer_opt_out'] as const)('does not start after %s (nothing to dispute)', (f) => {
      expect(storyIn(f).claim.clocks.dispute_window).toBeUndefined();
    });
  });

  describe('dispute SLA: 5 business days from the dispute; flagged overdue', () => {
    it('starts when the dispute is filed', () => {
      const s = storyIn('rejected').do('partner', 'dispute', undefined, { at: local('2026-03-05T09:30') });
      expect(s.claim.clocks.dispute_sla).toMatchObject({ state: 'running', startedAt: s.now, dueAt: local('2026-03-12T09:30') });
    });

    it('on expiry the claim is only flagged overdue', () => {
      flagsOverdueExactlyWhenDue(storyIn('disputed'), 'dispute_sla');
    });

    it.each(['upheld', 'overturned'] as const)('stops when the dispute is resolved (%s)', (outcome) => {
      const s = storyIn('disputed').do('reviewer', 'resolveDispute', { outcome, comment: 'Decided.', commentId: nextCommentId() });
      expect(s.claim.clocks.dispute_sla).toMatchObject({ state: 'stopped', stoppedAt: s.now });
    });
  });

  describe('timers: dueTimerCommands and nextTimerAt', () => {
    const EXPECTED_NEXT: Partial<Record<Fixture, { clock: ClockName; commands: Command[] }>> = {
      submitted: { clock: 'submitted_sla', commands: [{ name: 'flagOverdue', args: { clock: 'submitted_sla' } }] },
      submitted_unassigned: { clock: 'submitted_sla', commands: [{ name: 'flagOverdue', args: { clock: 'submitted_sla' } }] },
      in_review: { clock: 'review_sla', commands: [{ name: 'flagOverdue', args: { clock: 'review_sla' } }] },
      partner_action_required: { clock: 'partner_response', commands: [{ name: 'expirePartnerResponse', args: {} }] },
      approved: { clock: 'customer_consent', commands: [{ name: 'closeConsentWindow', args: {} }] },
      rejected: { clock: 'dispute_window', commands: [{ name: 'closeDisputeWindow', args: {} }] },
      rejected_no_partner_response: { clock: 'dispute_window', commands: [{ name: 'closeDisputeWindow', args: {} }] },
      disputed: { clock: 'dispute_sla', commands: [{ name: 'flagOverdue', args: { clock: 'dispute_sla' } }] },
      dispute_overturned: { clock: 'customer_consent', commands: [{ name: 'closeConsentWindow', args: {} }] },
    };

    it.each(FIXTURES)('%s: fires only when due, exactly what is due, and only once', (f) => {
      const s = storyIn(f);
      const exp = EXPECTED_NEXT[f];
      const next = nextTimerAt(s.claim);
      if (!exp) {
        expect(next).toBeNull();
        expect(dueTimerCommands(s.claim, '2099-01-01T00:00:00.000Z')).toEqual([]);
        return;
      }
      expect(next).toBe(s.claim.clocks[exp.clock]!.dueAt);
      expect(dueTimerCommands(s.claim, plusMs(next!, -1))).toEqual([]);
      expect(dueTimerCommands(s.claim, next!)).toEqual(exp.commands);
      const before = s.claim;
      s.tick(next!, exp.commands);
      // Idempotent: nothing is due any more at the same instant, and applying again changes nothing.
      expect(dueTimerCommands(s.claim, next!)).toEqual([]);
      for (const command of exp.commands) {
        const again = apply(s.claim, actors.timer, command, ctx(next!));
        expect(again.ok).toBe(false);
      }
      expect(s.claim.version).toBe(before.version + exp.commands.length);
      expect(nextTimerAt(s.claim) === null || nextTimerAt(s.claim)! > next!).toBe(true);
    });

    it('several SLAs due at once are all flagged, in the table order, before anything else', () => {
      const s = storyIn('submitted');
      const far = local('2026-04-30T12:00');
      expect(dueTimerCommands(s.claim, far)).toEqual([
        { name: 'flagOverdue', args: { clock: 'submitted_sla' } },
        { name: 'flagOverdue', args: { clock: 'overall_sla' } },
      ]);
      s.tick(far, dueTimerCommands(s.claim, far));
      expect(dueTimerCommands(s.claim, far)).toEqual([]);
      expect(nextTimerAt(s.claim)).toBeNull();
    });

    it('nextTimerAt skips SLAs already flagged and paused clocks', () => {
      const s = storyIn('submitted');
      const submittedDue = s.claim.clocks.submitted_sla!.dueAt;
      expect(nextTimerAt(s.claim)).toBe(submittedDue);
      s.do('timer', 'flagOverdue', { clock: 'submitted_sla' }, { at: submittedDue });
      expect(nextTimerAt(s.claim)).toBe(s.claim.clocks.overall_sla!.dueAt);
      s.do('reviewer', 'startReview').do('reviewer', 'requestPartnerAction');
      expect(s.claim.clocks.overall_sla?.state).toBe('paused');
      expect(nextTimerAt(s.claim)).toBe(s.claim.clocks.partner_response!.dueAt);
    });

    it('the timer acts only through its own actions: it cannot approve, edit or comment', () => {
      for (const name of ['approve', 'edit', 'comment', 'submit', 'optOut', 'assign'] as const) {
        expectRefused(storyIn('in_review').try('timer', name), 'actor_not_allowed');
      }
      for (const name of ['expirePartnerResponse', 'closeConsentWindow', 'closeDisputeWindow', 'flagOverdue'] as const) {
        for (const key of ['partner', 'customer', 'reviewer', 'lead'] as const) expectRefused(storyIn('in_review').try(key, name), 'actor_not_allowed');
      }
    });

    it('flagOverdue only for SLA clocks (invalid_arguments otherwise)', () => {
      for (const clock of ['partner_response', 'customer_consent', 'dispute_window', 'no_such_clock']) {
        expectRefused(storyIn('partner_action_required').try('timer', 'flagOverdue', { clock }, '2099-01-01T00:00:00.000Z'), 'invalid_arguments');
      }
    });
  });
});

// ------------------------------------------------------------------------------------------------
describe('PAR reasons', () => {
  it('the flags of the checklist are exactly the reasons sent to the partner, in the spec order', () => {
    const s = storyIn('in_review');
    const flags = checklist(s.claim.products, ['product:power-bi', 'dates', 'customer_acknowledgement']);
    s.do('reviewer', 'requestPartnerAction', { checklist: flags, comment: 'See the checklist.', commentId: nextCommentId() });
    const reasons = [{ code: 'customer_acknowledgement_missing' }, { code: 'dates_missing_or_stale' }, { code: 'products_missing', products: ['power-bi'] }];
    expect(s.claim.status).toBe('partner_action_required');
    expect(s.claim.review).toEqual({ checklist: flags, parReasons: reasons });
    expect(decided(s).details).toMatchObject({ decision: 'requestPartnerAction', reasons, comment: 'See the checklist.' });
    expect(s.claim.comments.at(-1)).toMatchObject({ text: 'See the checklist.', author: { kind: 'reviewer' } });
  });

  it.each([
    ['poe_present', { code: 'poe_missing' }],
    ['customer_acknowledgement', { code: 'customer_acknowledgement_missing' }],
    ['dates', { code: 'dates_missing_or_stale' }],
    ['partner_solution', { code: 'partner_solution_missing' }],
    ['product:d365-sales', { code: 'products_missing', products: ['d365-sales'] }],
    ['product:power-bi', { code: 'products_missing', products: ['power-bi'] }],
  ] as const)('the flag %s sends %o', (key, reason) => {
    const s = storyIn('in_review');
    s.do('reviewer', 'requestPartnerAction', { checklist: checklist(s.claim.products, [key]), comment: 'x', commentId: nextCommentId() });
    expect(s.claim.review.parReasons).toEqual([reason]);
  });

  it('all five reasons at once, products in claim order', () => {
    const s = storyIn('in_review');
    s.do('reviewer', 'requestPartnerAction', {
      checklist: checklist(s.claim.products, ['product:power-bi', 'partner_solution', 'product:d365-sales', 'dates', 'customer_acknowledgement', 'poe_present']),
      comment: 'Nothing is evidenced.',
      commentId: nextCommentId(),
    });
    expect(s.claim.review.parReasons.map((r) => r.code)).toEqual(['poe_missing', 'customer_acknowledgement_missing', 'dates_missing_or_stale', 'partner_solution_missing', 'products_missing']);
    expect(s.claim.review.parReasons.at(-1)).toEqual({ code: 'products_missing', products: ['d365-sales', 'power-bi'] });
  });

  it.each([
    ['every item passed', (p: Claim['products']) => checklist(p)],
    ['nothing checked', () => ({})],
    ['only a flag on a product the claim does not name', (p: Claim['products']) => ({ ...checklist(p), 'product:m365-teams': { state: 'missing', evidence: [] } })],
  ])('a request with %s is refused (no_missing_items)', (_label, make) => {
    const s = storyIn('in_review');
    expectRefused(s.try('reviewer', 'requestPartnerAction', { checklist: make(s.claim.products), comment: 'x', commentId: nextCommentId() }), 'no_missing_items');
  });

  it.each([
    ['blank', '  \n '],
    ['missing', undefined],
  ])('a request with a %s comment is refused (comment_required)', (_label, comment) => {
    const s = storyIn('in_review');
    expectRefused(s.try('reviewer', 'requestPartnerAction', { checklist: checklist(s.claim.products, ['dates']), comment, commentId: nextCommentId() }), 'comment_required');
  });

  it('a checklist item that is not a claim item is refused (invalid_arguments)', () => {
    const s = storyIn('in_review');
    expectRefused(s.try('reviewer', 'requestPartnerAction', { checklist: { signature: { state: 'missing' } }, comment: 'x', commentId: nextCommentId() }), 'invalid_arguments');
  });

  it('the partner sees the reasons until the next decision; the product a reviewer asked to remove can be removed', () => {
    const s = storyIn('in_review');
    s.do('reviewer', 'requestPartnerAction', { checklist: checklist(s.claim.products, ['product:power-bi']), comment: 'Power BI is not evidenced: remove it.', commentId: nextCommentId() });
    s.do('partner', 'edit', { changes: { products: ['d365-sales'] } });
    expect(s.claim.review.parReasons).toEqual([{ code: 'products_missing', products: ['power-bi'] }]);
    expect(Object.keys(s.claim.review.checklist)).not.toContain('product:power-bi');
    s.do('partner', 'respondToPartnerAction').do('reviewer', 'approve');
    expect(s.claim.review.parReasons).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
describe('Rejection reasons', () => {
  it('are the spec list: three main, four further', () => {
    expect([...REJECTION_REASONS].sort()).toEqual(
      ['partner_request', 'customer_opt_out', 'insufficient_poe', 'missing_customer_consent', 'missing_products', 'no_partner_response', 'poe_not_available'].sort(),
    );
  });

  it.each(REVIEWER_REJECTION_REASONS)('a reviewer rejects for %s with a comment; the dispute window opens', (reason) => {
    const s = storyIn('in_review').do('reviewer', 'reject', { reason, comment: 'Reason given.', commentId: nextCommentId() });
    expect(s.claim.rejection).toEqual({ reason, at: s.now, comment: 'Reason given.' });
    expect(s.claim.clocks.dispute_window?.state).toBe('running');
    expect(decided(s).details).toMatchObject({ decision: 'reject', reason });
  });

  it.each(['partner_request', 'customer_opt_out', 'no_partner_response', 'bad_vibes'])('a reviewer cannot reject for %s (invalid_arguments)', (reason) => {
    expectRefused(storyIn('in_review').try('reviewer', 'reject', { reason, comment: 'x', commentId: nextCommentId() }), 'invalid_arguments');
  });

  it.each([
    ['no', undefined],
    ['the empty', ''],
  ])('a rejection with %s reason chosen is refused (reason_required), before a blank comment', (_label, reason) => {
    expectRefused(storyIn('in_review').try('reviewer', 'reject', { reason, comment: ' ', commentId: nextCommentId() }), 'reason_required');
  });

  it.each([
    ['blank', ' '],
    ['missing', undefined],
  ])('a rejection with a %s comment is refused (comment_required)', (_label, comment) => {
    expectRefused(storyIn('in_review').try('reviewer', 'reject', { reason: 'insufficient_poe', comment, commentId: nextCommentId() }), 'comment_required');
  });

  it('a rejection may carry the checklist it was decided on', () => {
    const s = storyIn('in_review');
    const flags = checklist(s.claim.products, ['customer_acknowledgement']);
    s.do('reviewer', 'reject', { reason: 'missing_customer_consent', comment: 'No signature.', commentId: nextCommentId(), checklist: flags });
    expect(s.claim.review.checklist).toEqual(flags);
  });

  it.each([
    ['rejected', 'insufficient_poe', 'reviewer'],
    ['rejected_by_partner_request', 'partner_request', 'partner'],
    ['rejected_by_customer_opt_out', 'customer_opt_out', 'customer'],
    ['rejected_no_partner_response', 'no_partner_response', 'timer'],
  ] as const)('%s: reason %s, recorded as decided by the %s', (f, reason, kind) => {
    const s = storyIn(f);
    expect(s.claim.rejection?.reason).toBe(reason);
    expect(decided(s)).toMatchObject({ to: 'rejected', actor: { kind }, details: { reason } });
  });
});

// ------------------------------------------------------------------------------------------------
describe('Editing', () => {
  const contact = { name: 'Pavel Dvořák', email: 'pavel@fabrikam.example', phone: '+420 777 000 111' };

  it('the editable fields are the spec list (partner ID, products, contacts)', () => {
    expect([...EDITABLE_FIELDS].sort()).toEqual(['customerContact', 'partnerContact', 'partnerId', 'products']);
  });

  it.each(FIXTURES)('%s: edit allowed only in Submitted or Partner action required', (f) => {
    const s = storyIn(f);
    const result = s.try('partner', 'edit', { changes: { partnerContact: contact } });
    if (['submitted', 'partner_action_required'].includes(s.claim.status)) expectOk(result);
    else expect(expectRefused(result, 'wrong_status').params).toEqual({ status: s.claim.status });
  });

  it.each([
    ['products', ['d365-sales', 'm365-teams']],
    ['customerContact', contact],
    ['partnerContact', contact],
  ] as const)('%s can be edited; the history keeps before and after', (field, value) => {
    for (const f of ['submitted', 'partner_action_required'] as const) {
      const s = storyIn(f);
      const before = s.claim[field];
      s.do('partner', 'edit', { changes: { [field]: value } });
      expect(s.claim[field]).toEqual(value);
      expect(s.claim.status).toBe(STATUS_OF[f]);
      expect(decided(s)).toMatchObject({ action: 'edit', from: STATUS_OF[f], to: STATUS_OF[f], details: { fields: [field], before: { [field]: before }, after: { [field]: value } } });
    }
  });

  it('products edited: the checklist follows (dropped items go, new ones start unchecked, the rest is kept)', () => {
    const s = storyIn('partner_action_required'); // customer_acknowledgement flagged, the rest passed
    s.do('partner', 'edit', { changes: { products: ['d365-sales', 'm365-teams'] } });
    expect(s.claim.review.checklist).toEqual({ ...checklist(['d365-sales'], ['customer_acknowledgement']), 'product:m365-teams': { state: 'unchecked', evidence: [] } });
  });

  it.each([
    ['activity', 'revenue_association'],
    ['customer', { tenantId: TENANT_ID, name: 'Contoso Group', subscriptionIds: [] }],
    ['partnerName', 'Fabrikam Inc.'],
    ['number', 'CL-2026-00999'],
    ['id', '00000000-0000-4000-8000-00000000ffff'],
    ['documents', []],
    ['comments', []],
    ['history', []],
    ['status', 'approved'],
    ['assignee', null],
    ['rejection', null],
    ['review', { checklist: {}, parReasons: [] }],
    ['clocks', {}],
    ['flags', {}],
    ['version', 99],
    ['createdAt', '2020-01-01T00:00:00.000Z'],
    ['submittedAt', '2020-01-01T00:00:00.000Z'],
  ])('%s is fixed after creation (field_not_editable)', (field, value) => {
    for (const f of ['submitted', 'partner_action_required'] as const) {
      const s = storyIn(f);
      expect(expectRefused(s.try('partner', 'edit', { changes: { [field]: value } }), 'field_not_editable').params).toEqual({ field });
      // Alongside an editable field the whole edit is refused.
      expectRefused(s.try('partner', 'edit', { changes: { partnerContact: contact, [field]: value } }), 'field_not_editable');
    }
  });

  it('an edit that changes nothing is refused (nothing_to_change)', () => {
    const s = storyIn('submitted');
    expectRefused(s.try('partner', 'edit', { changes: {} }), 'nothing_to_change');
    expectRefused(s.try('partner', 'edit', { changes: { products: s.claim.products, partnerContact: s.claim.partnerContact } }), 'nothing_to_change');
  });

  it.each([
    ['no products', { products: [] }],
    ['a product twice', { products: ['power-bi', 'power-bi'] }],
    ['a bad partner ID', { partnerId: 'MPN-1' }],
    ['a contact without e-mail', { customerContact: { name: 'Karel' } }],
    ['a contact with unknown fields', { partnerContact: { ...contact, fax: '123' } }],
  ])('an edit with %s is refused (invalid_arguments)', (_label, changes) => {
    expectRefused(storyIn('submitted').try('partner', 'edit', { changes }), 'invalid_arguments');
  });

  it('another partner cannot edit (not_own_claim); nor can reviewers or leads (actor_not_allowed)', () => {
    const s = storyIn('submitted');
    expectRefused(s.try('otherPartner', 'edit', { changes: { partnerContact: contact } }), 'not_own_claim');
    expectRefused(s.try('reviewer', 'edit', { changes: { partnerContact: contact } }), 'actor_not_allowed');
    expectRefused(s.try('lead', 'edit', { changes: { partnerContact: contact } }), 'actor_not_allowed');
  });

  it('the partner ID can be edited only to one the partner holds: another partner ID is refused (partner_id_not_held) and the claim stays', () => {
    const s = storyIn('submitted');
    const before = structuredClone(s.claim);
    expect(expectRefused(s.try('partner', 'edit', { changes: { partnerId: OTHER_PARTNER_ID } }), 'partner_id_not_held').params).toEqual({ partnerId: OTHER_PARTNER_ID });
    expectRefused(s.try('partner', 'edit', { changes: { partnerId: OTHER_PARTNER_ID, partnerContact: contact } }), 'partner_id_not_held');
    expect(s.claim).toEqual(before);
    expectRefused(s.try('otherPartner', 'comment'), 'not_own_claim');
    // Its own partner ID alongside a real change is accepted.
    expect(expectOk(s.try('partner', 'edit', { changes: { partnerId: PARTNER_ID, partnerContact: contact } })).partnerId).toBe(PARTNER_ID);
  });

  describe('additional PoE documents', () => {
    it.each(FIXTURES)('%s: upload allowed before submission and while editing is', (f) => {
      const s = storyIn(f);
      const result = s.try('partner', 'uploadDocument', { document: poe(50) });
      if (['draft', 'submitted', 'partner_action_required'].includes(s.claim.status)) {
        expect(expectOk(result).documents.at(-1)).toEqual(poe(50));
      } else expectRefused(result, 'wrong_status');
    });

    it('the same file (by content or by id) is refused (duplicate_document)', () => {
      const s = storyIn('submitted');
      expectRefused(s.try('partner', 'uploadDocument', { document: { ...poe(50), sha256: poe(1).sha256 } }), 'duplicate_document');
      expectRefused(s.try('partner', 'uploadDocument', { document: { ...poe(50), id: poe(1).id } }), 'duplicate_document');
    });

    it('at most 20 documents (too_many_documents)', () => {
      const s = storyIn('submitted');
      for (let n = 2; n <= 20; n++) s.do('partner', 'uploadDocument', { document: poe(n) });
      expect(s.claim.documents).toHaveLength(20);
      expect(expectRefused(s.try('partner', 'uploadDocument', { document: poe(21) }), 'too_many_documents').params).toEqual({ max: 20 });
    });

    it('a document that is not valid metadata is refused (invalid_arguments)', () => {
      expectRefused(storyIn('submitted').try('partner', 'uploadDocument', { document: { ...poe(50), sha256: 'XYZ' } }), 'invalid_arguments');
    });
  });

  describe('comments (the partner\'s are edits: Submitted or Partner action required only)', () => {
    it.each(FIXTURES)('%s', (f) => {
      const s = storyIn(f);
      const result = s.try('partner', 'comment', { commentId: uuidOf(7), text: 'We added the SOW.' });
      if (['submitted', 'partner_action_required'].includes(s.claim.status)) expect(expectOk(result).comments.at(-1)).toMatchObject({ id: uuidOf(7), author: { kind: 'partner' } });
      else expect(expectRefused(result, 'wrong_status').params).toEqual({ status: s.claim.status });
    });
  });
});

// ------------------------------------------------------------------------------------------------
describe('Disputes', () => {
  it.each(['rejected', 'rejected_no_partner_response'] as const)('a claim %s can be disputed', (f) => {
    expect(storyIn(f).do('partner', 'dispute').claim.dispute?.filedAt).toBeDefined();
  });

  it.each(REVIEWER_REJECTION_REASONS)('a rejection for %s can be disputed', (reason) => {
    const s = storyIn('in_review').do('reviewer', 'reject', { reason, comment: 'x', commentId: nextCommentId() });
    expectOk(s.try('partner', 'dispute'));
  });

  it.each([
    ['rejected_by_partner_request', 'partner_request'],
    ['rejected_by_customer_opt_out', 'customer_opt_out'],
  ] as const)('%s cannot be disputed (our rule: dispute_not_allowed_for_reason)', (f, reason) => {
    expect(expectRefused(storyIn(f).try('partner', 'dispute'), 'dispute_not_allowed_for_reason').params).toEqual({ reason });
  });

  it('only once: a second dispute is refused while open and after resolution (already_disputed)', () => {
    expectRefused(storyIn('disputed').try('partner', 'dispute', { justification: 'Again.' }), 'already_disputed');
    expectRefused(storyIn('dispute_upheld').try('partner', 'dispute', { justification: 'Again.' }), 'already_disputed');
    // ... and after the claim was reopened and rejected again (a claim is disputed at most once).
    const s = storyIn('dispute_overturned').do('lead', 'reopen').do('reviewer', 'reject');
    expectRefused(s.try('partner', 'dispute', { justification: 'Again.' }), 'already_disputed');
  });

  it.each([
    ['neither justification nor documents', {}],
    ['a blank justification', { justification: '   ', documents: [] }],
  ])('a dispute with %s is refused (dispute_evidence_required)', (_label, args) => {
    expectRefused(storyIn('rejected').try('partner', 'dispute', args), 'dispute_evidence_required');
  });

  it('a justification alone is enough', () => {
    const s = storyIn('rejected').do('partner', 'dispute', { justification: ' Page 3 shows the deployment. ' });
    expect(s.claim.dispute).toEqual({ filedAt: s.now, justification: 'Page 3 shows the deployment.', documentSha256s: [] });
  });

  it('updated PoE alone is enough; the documents join the claim', () => {
    const s = storyIn('rejected').do('partner', 'dispute', { documents: [poe(2), poe(3)] });
    expect(s.claim.dispute).toEqual({ filedAt: s.now, documentSha256s: [poe(2).sha256, poe(3).sha256] });
    expect(s.claim.documents.map((d) => d.id)).toEqual([poe(1).id, poe(2).id, poe(3).id]);
  });

  it.each([
    ['the same content as an attached document', () => [{ ...poe(2), sha256: poe(1).sha256 }]],
    ['the id of an attached document', () => [{ ...poe(2), id: poe(1).id }]],
    ['the same document twice', () => [poe(2), poe(2)]],
  ])('updated PoE with %s is refused (duplicate_document)', (_label, documents) => {
    expectRefused(storyIn('rejected').try('partner', 'dispute', { justification: 'x', documents: documents() }), 'duplicate_document');
  });

  it('upheld: stays Rejected, final; the resolution is recorded', () => {
    const s = storyIn('dispute_upheld');
    expect(s.claim.status).toBe('rejected');
    expect(s.claim.rejection?.reason).toBe('insufficient_poe');
    expect(s.claim.dispute?.resolution).toEqual({ outcome: 'upheld', at: s.now, comment: 'Checked the new PoE.' });
    expect(decided(s)).toMatchObject({ action: 'resolveDispute', from: 'rejected', to: 'rejected', details: { outcome: 'upheld' } });
    expectRefused(s.try('reviewer', 'resolveDispute'), 'no_open_dispute');
  });

  it('overturned: Approved, the rejection is lifted and the consent window starts', () => {
    const s = storyIn('dispute_overturned');
    expect(s.claim.status).toBe('approved');
    expect(s.claim.rejection).toBeNull();
    expect(s.claim.dispute?.resolution?.outcome).toBe('overturned');
    expect(s.claim.clocks.customer_consent).toMatchObject({ state: 'running', startedAt: s.now, dueAt: calendar.addCalendarDays(s.now, 7) });
    expect(decided(s)).toMatchObject({ from: 'rejected', to: 'approved' });
    // The customer may now opt out like after any approval.
    expect(s.do('customer', 'optOut').claim.rejection?.reason).toBe('customer_opt_out');
  });

  it.each([
    ['blank', ''],
    ['missing', undefined],
  ])('a resolution with a %s comment is refused (comment_required)', (_label, comment) => {
    expectRefused(storyIn('disputed').try('reviewer', 'resolveDispute', { outcome: 'upheld', comment, commentId: nextCommentId() }), 'comment_required');
  });

  it('an unknown outcome is refused (invalid_arguments)', () => {
    expectRefused(storyIn('disputed').try('reviewer', 'resolveDispute', { outcome: 'partly', comment: 'x', commentId: nextCommentId() }), 'invalid_arguments');
  });

  it('the assigned reviewer resolves it; a lead may hand it to another reviewer first', () => {
    const s = storyIn('disputed');
    expectRefused(s.try('otherReviewer', 'resolveDispute'), 'not_assigned');
    s.do('lead', 'assign', { assignee: assigneeOf(actors.otherReviewer) });
    expectRefused(s.try('reviewer', 'resolveDispute'), 'not_assigned');
    expect(s.do('otherReviewer', 'resolveDispute').claim.dispute?.resolution?.outcome).toBe('upheld');
  });

  it('while a dispute is open the lead cannot reopen the claim (dispute_open)', () => {
    expectRefused(storyIn('disputed').try('lead', 'reopen'), 'dispute_open');
  });
});

// ------------------------------------------------------------------------------------------------
describe('Comments and history', () => {
  /** Every kind of actor acts once at least: partner, lead, reviewer, customer, timer. */
  function fullStory(): Story {
    const s = storyIn('in_review')
      .do('reviewer', 'comment')
      .do('reviewer', 'requestPartnerAction')
      .do('partner', 'comment')
      .do('partner', 'respondToPartnerAction')
      .do('reviewer', 'reject')
      .do('partner', 'dispute')
      .do('reviewer', 'resolveDispute', { outcome: 'overturned', comment: 'The acknowledgement is signed.', commentId: nextCommentId() })
      .do('customer', 'optOut');
    return s;
  }

  it('every change, comment and action is one history entry: who, when, what, from, to; versions count them', () => {
    const s = fullStory();
    const h = s.claim.history;
    expect(h.map((e) => e.action)).toEqual([
      'create', 'uploadDocument', 'submit', 'assign', 'startReview', 'comment', 'requestPartnerAction', 'comment', 'respondToPartnerAction', 'reject', 'dispute', 'resolveDispute', 'optOut',
    ]);
    expect(h.map((e) => e.version)).toEqual(h.map((_e, i) => i + 1));
    expect(s.claim.version).toBe(h.length);
    expect(new Set(h.map((e) => e.actor.kind))).toEqual(new Set(['partner', 'team_lead', 'reviewer', 'customer']));
    for (let i = 1; i < h.length; i++) {
      expect(h[i]!.from).toBe(h[i - 1]!.to);
      expect(h[i]!.at > h[i - 1]!.at).toBe(true);
    }
    expect(h.at(-1)!.to).toBe(s.claim.status);
    expect(s.claim.updatedAt).toBe(h.at(-1)!.at);
    expect(Claim.parse(JSON.parse(JSON.stringify(s.claim)))).toEqual(s.claim);
  });

  it('the timer\'s acts are in the history too', () => {
    const h = storyIn('sent_to_incentive_evaluation').claim.history.at(-1)!;
    expect(h).toMatchObject({ actor: { kind: 'timer', id: 'timer' }, action: 'closeConsentWindow' });
  });

  it('reviewers, leads and partners talk in the comments; each comment keeps its author', () => {
    const s = storyIn('partner_action_required');
    s.do('partner', 'comment', { commentId: uuidOf(11), text: 'Which page?' })
      .do('reviewer', 'comment', { commentId: uuidOf(12), text: 'Page 2.' })
      .do('lead', 'comment', { commentId: uuidOf(13), text: 'Audit note.' });
    expect(s.claim.comments.slice(-3).map((c) => [c.id, c.author.kind, c.text])).toEqual([
      [uuidOf(11), 'partner', 'Which page?'],
      [uuidOf(12), 'reviewer', 'Page 2.'],
      [uuidOf(13), 'team_lead', 'Audit note.'],
    ]);
    expect(decided(s)).toMatchObject({ action: 'comment', details: { text: 'Audit note.' } });
  });

  it('a comment needs text (comment_required)', () => {
    expectRefused(storyIn('in_review').try('reviewer', 'comment', { commentId: uuidOf(14), text: ' ' }), 'comment_required');
    expectRefused(storyIn('in_review').try('reviewer', 'comment', { commentId: uuidOf(14) }), 'comment_required');
  });

  it('customers do not comment (actor_not_allowed); unassigned reviewers neither (not_assigned)', () => {
    expectRefused(storyIn('approved').try('customer', 'comment'), 'actor_not_allowed');
    expectRefused(storyIn('in_review').try('otherReviewer', 'comment'), 'not_assigned');
  });

  it('a refused action changes nothing, and an applied one leaves the claim it started from untouched', () => {
    const s = storyIn('in_review');
    const snapshot = structuredClone(s.claim);
    expectRefused(s.try('reviewer', 'approve', { checklist: checklist(s.claim.products, ['dates']) }), 'checklist_not_passed');
    expectOk(s.try('reviewer', 'reject'));
    expect(s.claim).toEqual(snapshot);
  });
});

// ------------------------------------------------------------------------------------------------
describe('Reviewer-side rules', () => {
  describe('a reviewer decides only claims assigned to them', () => {
    it.each([
      ['submitted', 'startReview'],
      ['in_review', 'approve'],
      ['in_review', 'requestPartnerAction'],
      ['in_review', 'reject'],
      ['disputed', 'resolveDispute'],
    ] as const)('%s: %s by another reviewer is refused (not_assigned); by the assignee applied', (f, name) => {
      const s = storyIn(f);
      expectRefused(s.try('otherReviewer', name), 'not_assigned');
      expectRefused(s.try('lead', name), 'not_assigned');
      expectOk(s.try('reviewer', name));
    });

    it('a lead assigned to a claim reviews it like a reviewer', () => {
      const s = storyIn('submitted').do('lead', 'assign', { assignee: assigneeOf(actors.lead) }).do('lead', 'startReview').do('lead', 'approve');
      expect(s.claim.status).toBe('approved');
    });
  });

  describe('a team lead assigns and reassigns; every such act is in the history', () => {
    it.each(['submitted_unassigned', 'submitted', 'in_review', 'partner_action_required', 'disputed'] as const)('%s: the lead (re)assigns', (f) => {
      const s = storyIn(f);
      const from = s.claim.assignee;
      s.do('lead', 'assign', { assignee: assigneeOf(actors.otherReviewer) });
      expect(s.claim.assignee).toEqual(assigneeOf(actors.otherReviewer));
      expect(s.claim.status).toBe(STATUS_OF[f]);
      expect(decided(s)).toMatchObject({ action: 'assign', actor: { kind: 'team_lead' }, details: { from, to: assigneeOf(actors.otherReviewer) } });
      // The previous assignee may no longer decide.
      if (from) expectRefused(s.try('reviewer', 'comment'), 'not_assigned');
    });

    it.each(['draft', 'approved', 'rejected', 'dispute_upheld', 'sent_to_incentive_evaluation'] as const)('%s: nothing to assign (wrong_status)', (f) => {
      expectRefused(storyIn(f).try('lead', 'assign', { assignee: assigneeOf(actors.otherReviewer) }), 'wrong_status');
    });

    it('assigning to the current assignee is refused (already_assigned)', () => {
      expectRefused(storyIn('submitted').try('lead', 'assign', { assignee: assigneeOf(actors.reviewer) }), 'already_assigned');
    });

    it('reviewers do not assign (actor_not_allowed)', () => {
      expectRefused(storyIn('submitted').try('reviewer', 'assign', { assignee: assigneeOf(actors.reviewer) }), 'actor_not_allowed');
    });
  });

  describe('a team lead may reopen a decided claim with a written justification', () => {
    it.each(['approved', 'rejected', 'rejected_no_partner_response', 'dispute_overturned'] as const)('%s -> In review, with a fresh review SLA', (f) => {
      const s = storyIn(f).do('lead', 'reopen', { justification: 'QA sample: the PoE dates do not match.' });
      expect(s.claim.status).toBe('in_review');
      expect(s.claim.rejection).toBeNull();
      expect(s.claim.clocks.review_sla).toMatchObject({ state: 'running', startedAt: s.now });
      expect(Object.entries(s.claim.clocks).filter(([name, c]) => name !== 'review_sla' && (c.state === 'running' || c.state === 'paused'))).toEqual([]);
      expect(decided(s)).toMatchObject({ action: 'reopen', from: STATUS_OF[f], to: 'in_review', actor: { kind: 'team_lead' }, details: { justification: 'QA sample: the PoE dates do not match.' } });
      expectOk(s.try('reviewer', 'approve'));
    });

    it('the lead may hand the reopened claim to another reviewer', () => {
      const s = storyIn('approved').do('lead', 'reopen', { justification: 'Second opinion.', assignee: assigneeOf(actors.otherReviewer) });
      expect(s.claim.assignee).toEqual(assigneeOf(actors.otherReviewer));
      expectRefused(s.try('reviewer', 'approve'), 'not_assigned');
    });

    it.each([
      ['blank', '  '],
      ['missing', undefined],
    ])('a %s justification is refused (comment_required)', (_label, justification) => {
      expectRefused(storyIn('approved').try('lead', 'reopen', { justification }), 'comment_required');
    });

    it('refused once the claim went to incentive evaluation (already_sent_to_incentive_evaluation)', () => {
      expectRefused(storyIn('sent_to_incentive_evaluation').try('lead', 'reopen'), 'already_sent_to_incentive_evaluation');
    });

    it('refused once the consent window has closed, even before the timer marked the hand-off', () => {
      const s = storyIn('approved');
      const dueAt = s.claim.clocks.customer_consent!.dueAt;
      expectOk(s.try('lead', 'reopen', undefined, plusMs(dueAt, -1)));
      expectRefused(s.try('lead', 'reopen', undefined, dueAt), 'already_sent_to_incentive_evaluation');
    });

    it('refused once a dispute of the rejection was upheld: the spec calls that final (dispute_upheld_final)', () => {
      expectRefused(storyIn('dispute_upheld').try('lead', 'reopen'), 'dispute_upheld_final');
    });

    it.each(['rejected', 'rejected_no_partner_response'] as const)('%s: allowed until the 30-day dispute window closes, refused from then on (reopen_window_closed)', (f) => {
      const s = storyIn(f);
      const closes = s.claim.clocks.dispute_window!.dueAt;
      expectOk(s.try('lead', 'reopen', undefined, plusMs(closes, -1)));
      // Judged by the window's due time, whether or not the timer has closed it yet ...
      expect(expectRefused(s.try('lead', 'reopen', undefined, closes), 'reopen_window_closed').params).toEqual({ closedAt: closes });
      // ... and after it did.
      s.tick(closes, [{ name: 'closeDisputeWindow', args: {} }]);
      expectRefused(s.try('lead', 'reopen', undefined, plusHours(closes, 1)), 'reopen_window_closed');
    });

    it.each(['draft', 'submitted', 'in_review', 'partner_action_required'] as const)('%s is not decided: nothing to reopen (wrong_status)', (f) => {
      expectRefused(storyIn(f).try('lead', 'reopen'), 'wrong_status');
    });

    it('reviewers do not reopen (actor_not_allowed)', () => {
      expectRefused(storyIn('approved').try('reviewer', 'reopen'), 'actor_not_allowed');
    });
  });

  describe('decisions made offline carry the time they were made', () => {
    it('the history records when it was decided and when it arrived', () => {
      const s = storyIn('in_review');
      const decidedAt = plusHours(s.now, 1);
      const arrived = plusHours(s.now, 20);
      s.do('reviewer', 'approve', undefined, { at: arrived, options: { decidedAt } });
      expect(decided(s)).toMatchObject({ at: arrived, decidedAt, action: 'approve' });
      expect(s.claim.updatedAt).toBe(arrived);
    });

    it('a decision applied when it was made records only one time', () => {
      const s = storyIn('in_review');
      const at = plusHours(s.now, 1);
      s.do('reviewer', 'approve', undefined, { at, options: { decidedAt: at } });
      expect(decided(s)).not.toHaveProperty('decidedAt');
    });
  });

  describe('a decision that no longer fits when it arrives is refused with a reason (conflictSince)', () => {
    it('nothing happened since: no conflict', () => {
      const s = storyIn('in_review');
      expect(conflictSince(s.claim, s.claim.version, actors.reviewer.id)).toBeNull();
    });

    it('the same reviewer\'s own later actions are no conflict', () => {
      const s = storyIn('in_review');
      const base = s.claim.version;
      s.do('reviewer', 'comment');
      expect(conflictSince(s.claim, base, actors.reviewer.id)).toBeNull();
    });

    it('the timer\'s bookkeeping (overdue flags, windows closing) is no conflict', () => {
      const s = storyIn('in_review');
      const base = s.claim.version;
      s.do('timer', 'flagOverdue', { clock: 'review_sla' }, { at: s.claim.clocks.review_sla!.dueAt });
      expect(conflictSince(s.claim, base, actors.reviewer.id)).toBeNull();
      const a = storyIn('approved');
      const aBase = a.claim.version;
      a.do('timer', 'closeConsentWindow', {}, { at: a.claim.clocks.customer_consent!.dueAt });
      expect(conflictSince(a.claim, aBase, actors.lead.id)).toBeNull();
      const r = storyIn('rejected');
      const rBase = r.claim.version;
      r.do('timer', 'closeDisputeWindow', {}, { at: r.claim.clocks.dispute_window!.dueAt });
      expect(conflictSince(r.claim, rBase, actors.lead.id)).toBeNull();
    });

    it('the partner edited it', () => {
      const s = storyIn('submitted');
      const base = s.claim.version;
      s.do('partner', 'edit');
      expect(conflictSince(s.claim, base, actors.reviewer.id)).toEqual({
        code: 'claim_changed',
        params: { action: 'edit', by: actors.partner.name, byKind: 'partner', at: s.now },
      });
    });

    it('it was reassigned (the first material change is named, even if others follow)', () => {
      const s = storyIn('in_review');
      const base = s.claim.version;
      s.do('lead', 'assign', { assignee: assigneeOf(actors.otherReviewer) });
      const reassignedAt = s.now;
      s.do('otherReviewer', 'approve');
      expect(conflictSince(s.claim, base, actors.reviewer.id)).toEqual({
        code: 'claim_changed',
        params: { action: 'assign', by: actors.lead.name, byKind: 'team_lead', at: reassignedAt },
      });
    });

    it('the timer rejected it for no partner response (a status change is material)', () => {
      const s = storyIn('rejected_no_partner_response');
      expect(conflictSince(s.claim, s.claim.version - 1, actors.reviewer.id)?.params).toMatchObject({ action: 'expirePartnerResponse', byKind: 'timer' });
    });

    it('a flag after a material change does not hide the material change', () => {
      const s = storyIn('partner_action_required');
      const base = s.claim.version;
      s.do('partner', 'respondToPartnerAction');
      s.do('timer', 'flagOverdue', { clock: 'review_sla' }, { at: s.claim.clocks.review_sla!.dueAt });
      expect(conflictSince(s.claim, base, actors.reviewer.id)?.params).toMatchObject({ action: 'respondToPartnerAction' });
    });
  });
});


// ------------------------------------------------------------------------------------------------
describe('Text is well-formed Unicode (our rule: what every store can hold)', () => {
  const cut = 'Checked the invoice 👍'.slice(0, 21); // ends in half of the emoji

  it.each([
    ['a comment', 'comment', { commentId: uuidOf(7), text: cut }],
    ['a checklist note', 'reject', { reason: 'insufficient_poe', comment: 'No work described.', commentId: uuidOf(8), checklist: { dates: { state: 'missing', note: cut, evidence: [] } } }],
    ['a key', 'comment', { commentId: uuidOf(9), text: 'fine', [cut]: 'x' }],
    ['a NUL', 'comment', { commentId: uuidOf(10), text: 'nul\u0000' }],
  ] as const)('a decision with a broken character in %s is refused (invalid_arguments) and the refusal does not quote it', (_label, name, args) => {
    const refusal = expectRefused(storyIn('in_review').try('reviewer', name, args), 'invalid_arguments');
    expect(JSON.stringify(refusal)).not.toMatch(/\\ud83d|\\u0000/i);
    expect(refusal.params).toEqual({ issues: [expect.stringMatching(/broken character/)] });
  });

  it('whole emoji and other scripts are fine', () => {
    expectOk(storyIn('in_review').try('reviewer', 'comment', { commentId: uuidOf(11), text: 'Checked the invoice 👍 — Příliš žluťoučký kůň, 日本語' }));
  });
});
