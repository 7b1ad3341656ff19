// The partner's side of a claim keeps what is addressed to the partner and drops the reviewer's
// working notes (spec "Comments and history").
import { describe, expect, it } from 'vitest';
import { apply, create, emptyChecklist, partnerView, type Actor, type Claim, type Command } from '../../../shared/domain/index.js';
import { calendarOf } from '../../../shared/domain/public-holidays.js';

const calendar = calendarOf();
const partner: Actor = { kind: 'partner', id: 'p1', name: 'Pat Partner', partnerId: '1234567', role: 'global_admin' };
const reviewer: Actor = { kind: 'reviewer', id: 'r1', name: 'Jana Reviewer' };
const lead: Actor = { kind: 'team_lead', id: 'l1', name: 'Lea Lead' };

function run(steps: [Actor, Command, string][]): Claim {
  let r = create(
    {
      id: '5b0c7a4e-8a8c-4d0e-9a53-0f8b6f1d2a10',
      number: 'CL-2026-00001',
      partnerId: '1234567',
      partnerName: 'Fabrikam',
      activity: 'pre_sales',
      customer: { tenantId: '0b6f3c9e-2f7a-4f0e-8d6c-9a1b2c3d4e5f', name: 'Contoso', subscriptionIds: [] },
      products: ['power-bi'],
      customerContact: { name: 'Ann', email: 'ann@contoso.example' },
      partnerContact: { name: 'Ben', email: 'ben@fabrikam.example' },
    },
    partner,
    { now: '2026-11-02T09:00:00.000Z', calendar },
  );
  for (const [actor, command, now] of steps) {
    if (!r.ok) throw new Error(r.refusal.code);
    r = apply(r.claim, actor, command, { now, calendar });
  }
  if (!r.ok) throw new Error(r.refusal.code);
  return r.claim;
}

describe('partnerView', () => {
  const checklist = emptyChecklist(['power-bi']);
  checklist.dates = { state: 'missing', note: 'internal: signed 2023, too old', evidence: [{ documentSha256: 'a'.repeat(64), page: 2, text: '2023-01-04' }] };
  const claim = run([
    [partner, { name: 'uploadDocument', args: { document: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'poe.pdf', sha256: 'a'.repeat(64), size: 10, pages: 2, encrypted: false, uploadedAt: '2026-11-02T09:00:00.000Z' } } }, '2026-11-02T09:00:00.000Z'],
    [partner, { name: 'submit', args: {} }, '2026-11-02T09:05:00.000Z'],
    [lead, { name: 'assign', args: { assignee: { id: 'r1', name: 'Jana Reviewer' } } }, '2026-11-02T10:00:00.000Z'],
    [reviewer, { name: 'startReview', args: {} }, '2026-11-02T11:00:00.000Z'],
    [reviewer, { name: 'requestPartnerAction', args: { checklist, comment: 'Please add a current sign-off date.', commentId: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', timeSpentMs: 600_000 } }, '2026-11-02T12:00:00.000Z'],
  ]);
  const view = partnerView(claim);

  it('keeps the status, the reasons and the comment addressed to the partner', () => {
    expect(view.status).toBe('partner_action_required');
    expect(view.review.parReasons).toEqual([{ code: 'dates_missing_or_stale' }]);
    expect(view.comments.map((c) => c.text)).toEqual(['Please add a current sign-off date.']);
  });

  it('drops checklist notes, pinned evidence, time spent, assignment and reviewer names', () => {
    const text = JSON.stringify(view);
    expect(text).not.toContain('internal: signed 2023');
    expect(text).not.toContain('Jana Reviewer');
    expect(text).not.toContain('Lea Lead');
    expect(text).not.toContain('timeSpentMs');
    expect(view.assignee).toBeNull();
    expect(view.history.map((e) => e.action)).toEqual(['create', 'uploadDocument', 'submit', 'startReview', 'requestPartnerAction']);
  });

  it('leaves the reviewer side untouched', () => {
    expect(claim.review.checklist.dates?.note).toBe('internal: signed 2023, too old');
    expect(claim.history.at(-1)?.details.timeSpentMs).toBe(600_000);
  });
});
