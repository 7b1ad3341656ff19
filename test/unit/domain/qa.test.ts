// QA second review (spec "Reviewer-side rules"): the sampling rule is data, deterministic and
// auditable; the QA reviewer is never the one who decided; the review is blind; agreement is on the
// outcome and per checklist item; a disagreement goes to a lead; QA never changes the status.
import { describe, expect, it } from 'vitest';
import {
  conflictSince,
  DEFAULT_QA_RULE,
  qaAgreement,
  qaBlindView,
  qaComparison,
  qaDraw,
  qaSampling,
  type QaSamplingRule,
  type QaTask,
} from '../../../shared/domain/index.js';
import { actors, assigneeOf, checklist, expectOk, expectRefused, PRODUCTS, QA_TASK_ID, type Story, storyIn, uuid, validArgs } from './fixtures.js';

const decision = (n: number, ordinal: number, reviewerId = 'reviewer-1') => ({ claimId: uuid(n), version: 6, reviewerId, ordinal });

describe('the sampling rule', () => {
  it('samples all of a reviewer\u2019s first 20 decisions, and says so', () => {
    for (let ordinal = 1; ordinal <= 20; ordinal++) {
      expect(qaSampling(DEFAULT_QA_RULE, decision(ordinal, ordinal))).toEqual({ kind: 'first_decisions', ordinal, firstDecisions: 20, revision: 1 });
    }
  });

  it('after those, samples about the reviewer\u2019s share (default 10%), by a draw recorded with the decision', () => {
    const sampled = Array.from({ length: 20_000 }, (_x, n) => qaSampling(DEFAULT_QA_RULE, decision(n, 21 + n))).filter((w) => w !== null);
    expect(sampled.length / 20_000).toBeGreaterThan(0.09);
    expect(sampled.length / 20_000).toBeLessThan(0.11);
    for (const why of sampled) expect(why).toMatchObject({ kind: 'share', share: 0.1, revision: 1, draw: expect.any(Number) });
    for (const why of sampled) expect(why.kind === 'share' && why.draw < 0.1).toBe(true);
  });

  it('is deterministic: the same decision is always in or out for the same rule', () => {
    for (let n = 0; n < 500; n++) expect(qaSampling(DEFAULT_QA_RULE, decision(n, 50))).toEqual(qaSampling(DEFAULT_QA_RULE, decision(n, 50)));
    expect(qaDraw(uuid(7), 3)).toBe(qaDraw(uuid(7), 3));
    expect(qaDraw(uuid(7), 3)).not.toBe(qaDraw(uuid(7), 4));
  });

  it('a lead sets a share per reviewer: 0 samples none of theirs after the first ones, 1 samples all', () => {
    const rule: QaSamplingRule = { ...DEFAULT_QA_RULE, revision: 2, perReviewer: { 'reviewer-1': 0, 'reviewer-2': 1 } };
    for (let n = 0; n < 300; n++) {
      expect(qaSampling(rule, decision(n, 21, 'reviewer-1'))).toBeNull();
      expect(qaSampling(rule, decision(n, 21, 'reviewer-2'))).toMatchObject({ kind: 'share', share: 1, revision: 2 });
    }
    // The first decisions are sampled whatever the share.
    expect(qaSampling(rule, decision(1, 20, 'reviewer-1'))).toMatchObject({ kind: 'first_decisions' });
  });
});

/** An approved claim with a QA task for the other reviewer on that approval. */
function sampled(fixture: 'approved' | 'rejected' = 'approved'): Story {
  const s = storyIn(fixture);
  return s.do('timer', 'openQaTask', {
    ...(validArgs('openQaTask', s.claim) as object),
    original: {
      reviewer: assigneeOf(actors.reviewer),
      outcome: fixture === 'approved' ? 'approve' : 'reject',
      checklist: s.claim.review.checklist,
      ...(fixture === 'rejected' ? { reason: 'insufficient_poe' } : {}),
      decidedAt: s.claim.updatedAt,
    },
  } as never);
}

describe('a QA task', () => {
  it('is opened on the decision with why it was sampled; the status does not change', () => {
    const s = sampled();
    expect(s.claim.status).toBe('approved');
    expect(s.claim.qa).toEqual([expect.objectContaining({ id: QA_TASK_ID, state: 'open', qaReviewer: assigneeOf(actors.otherReviewer), decisionVersion: s.claim.version - 1 })]);
    expect(s.claim.history.at(-1)).toMatchObject({ action: 'openQaTask', from: 'approved', to: 'approved', details: { why: { kind: 'first_decisions', ordinal: 1 } } });
  });

  it('is never given to the reviewer who decided (qa_reviewer_is_original)', () => {
    const s = storyIn('approved');
    const args = { ...(validArgs('openQaTask', s.claim) as object), qaReviewer: assigneeOf(actors.reviewer) };
    expectRefused(s.try('timer', 'openQaTask', args), 'qa_reviewer_is_original');
  });

  it('one task per decision (qa_task_exists)', () => {
    const s = sampled();
    expectRefused(s.try('timer', 'openQaTask', { ...(validArgs('openQaTask', s.claim) as object), taskId: uuid(0x51), decisionVersion: s.claim.qa[0]!.decisionVersion }), 'qa_task_exists');
  });

  it('only its QA reviewer records a verdict (not the one who decided, not a lead, not the partner)', () => {
    const s = sampled();
    const args = { taskId: QA_TASK_ID, outcome: 'approve', checklist: checklist(PRODUCTS) };
    expectRefused(s.try('reviewer', 'recordQaVerdict', args), 'not_qa_reviewer');
    expectRefused(s.try('lead', 'recordQaVerdict', args), 'not_qa_reviewer');
    expectRefused(s.try('partner', 'recordQaVerdict', args), 'actor_not_allowed');
    expectOk(s.try('otherReviewer', 'recordQaVerdict', args));
  });

  it('a verdict that agrees closes the task as agreed; the claim keeps its status and nobody\u2019s pending decision goes stale', () => {
    const s = sampled();
    const base = s.claim.version;
    s.do('otherReviewer', 'recordQaVerdict', { taskId: QA_TASK_ID, outcome: 'approve', checklist: checklist(PRODUCTS) });
    expect(s.claim.status).toBe('approved');
    expect(s.claim.qa[0]).toMatchObject({ state: 'agreed', agreement: { outcome: true } });
    expect(Object.values(s.claim.qa[0]!.agreement!.items).every(Boolean)).toBe(true);
    expect(conflictSince(s.claim, base, actors.reviewer.id)).toBeNull();
    // Answered once: a second verdict is refused.
    expectRefused(s.try('otherReviewer', 'recordQaVerdict', { taskId: QA_TASK_ID, outcome: 'reject', checklist: checklist(PRODUCTS) }), 'not_qa_reviewer');
  });

  it('agreement is measured on the outcome and per checklist item', () => {
    const original = { reviewer: assigneeOf(actors.reviewer), outcome: 'approve' as const, checklist: checklist(PRODUCTS), decidedAt: '2026-03-02T10:00:00.000Z' };
    const verdict = { outcome: 'requestPartnerAction' as const, checklist: checklist(PRODUCTS, ['dates', 'product:power-bi']) };
    expect(qaAgreement(original, verdict)).toEqual({
      outcome: false,
      items: { poe_present: true, customer_acknowledgement: true, dates: false, partner_solution: true, 'product:d365-sales': true, 'product:power-bi': false },
    });
    // Same outcome, one item seen differently: still a disagreement for the lead.
    const s = sampled();
    s.do('otherReviewer', 'recordQaVerdict', { taskId: QA_TASK_ID, outcome: 'approve', checklist: { ...checklist(PRODUCTS), dates: { state: 'unchecked', evidence: [] } } });
    expect(s.claim.qa[0]).toMatchObject({ state: 'disagreed', agreement: { outcome: true, items: { dates: false } } });
  });
});

describe('blind review', () => {
  it('the QA reviewer sees the claim as it stood before the decision: no decision, no flags, no first reviewer', () => {
    const s = sampled('rejected');
    const task = s.claim.qa[0] as QaTask;
    const blind = qaBlindView(s.claim, task);
    expect(blind.status).toBe('in_review');
    expect(blind.version).toBe(task.decisionVersion - 1);
    expect(blind.history.map((e) => e.action)).not.toContain('reject');
    expect(blind.history.every((e) => e.version < task.decisionVersion)).toBe(true);
    expect(Object.values(blind.review.checklist).every((i) => i!.state === 'unchecked' && i!.evidence.length === 0)).toBe(true);
    expect(blind.rejection).toBeNull();
    expect(blind.qa).toEqual([]);
    // The rejection's comment is the first reviewer's reasoning: hidden too.
    expect(blind.comments.map((c) => c.text)).not.toContain('The PoE does not describe any work.');
    expect(JSON.stringify(blind)).not.toContain('insufficient_poe');
    expect(qaComparison(s.claim, task)).toBeNull();
  });

  it('after the verdict, the QA reviewer sees the first decision beside it: outcome, reason, comment, each item with its own', () => {
    const s = sampled('rejected').do('otherReviewer', 'recordQaVerdict', { taskId: QA_TASK_ID, outcome: 'approve', checklist: checklist(PRODUCTS), comment: 'Fine by me.' });
    const comparison = qaComparison(s.claim, s.claim.qa[0]!);
    expect(comparison).toMatchObject({
      original: { outcome: 'reject', reviewer: assigneeOf(actors.reviewer) },
      reasons: ['insufficient_poe'],
      comment: 'The PoE does not describe any work.',
      verdict: { outcome: 'approve', comment: 'Fine by me.' },
      agreement: { outcome: false },
    });
    expect(Object.keys(comparison!.agreement.items)).toEqual(Object.keys(comparison!.original.checklist));
  });
});

describe('a lead resolves a disagreement', () => {
  const disagreed = (fixture: 'approved' | 'rejected' = 'approved') =>
    sampled(fixture).do('otherReviewer', 'recordQaVerdict', { taskId: QA_TASK_ID, outcome: 'requestPartnerAction', checklist: checklist(PRODUCTS, ['dates']) });

  it('upheld: the decision stands, the task is resolved, the status is unchanged', () => {
    const s = disagreed().do('lead', 'resolveQaDisagreement', { taskId: QA_TASK_ID, resolution: 'upheld', justification: 'The dates are on page 2.' });
    expect(s.claim.status).toBe('approved');
    expect(s.claim.qa[0]).toMatchObject({ state: 'resolved', resolution: { outcome: 'upheld', by: assigneeOf(actors.lead), justification: 'The dates are on page 2.' } });
  });

  it('reopened: the claim goes back in review, for another reviewer if the lead says so', () => {
    const s = disagreed().do('lead', 'resolveQaDisagreement', { taskId: QA_TASK_ID, resolution: 'reopened', justification: 'The dates are stale.', assignee: assigneeOf(actors.otherReviewer) });
    expect(s.claim).toMatchObject({ status: 'in_review', assignee: assigneeOf(actors.otherReviewer) });
    expect(s.claim.qa[0]!.state).toBe('resolved');
  });

  it('reopening follows the reopen rule (a rejection whose dispute window closed stays final)', () => {
    const s = disagreed('rejected');
    const closes = s.claim.clocks.dispute_window!.dueAt;
    expectRefused(s.try('lead', 'resolveQaDisagreement', { taskId: QA_TASK_ID, resolution: 'reopened', justification: 'Too late?' }, closes), 'reopen_window_closed');
    expectOk(s.try('lead', 'resolveQaDisagreement', { taskId: QA_TASK_ID, resolution: 'upheld', justification: 'It stands.' }, closes));
  });

  it('needs a disagreement (no_qa_disagreement), a justification, and a lead', () => {
    expectRefused(sampled().try('lead', 'resolveQaDisagreement'), 'no_qa_disagreement');
    expectRefused(disagreed().try('lead', 'resolveQaDisagreement', { taskId: QA_TASK_ID, resolution: 'upheld', justification: ' ' }), 'comment_required');
    expectRefused(disagreed().try('otherReviewer', 'resolveQaDisagreement'), 'actor_not_allowed');
  });
});
