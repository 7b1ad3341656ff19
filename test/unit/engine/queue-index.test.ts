// The queue from memory: filters, search, sort by nearest deadline, paging, and speed at 50,000.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../electron/engine/claim-summary.js';
import { QueueIndex } from '../../../electron/engine/queue-index.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { QueueQuery } from '../../../shared/contract/desktop.js';
import { makeClaim, manyClaims, REVIEWER } from './fixtures.js';

const q = (query: unknown) => QueueQuery.parse(query);
const now = '2026-03-20T08:00:00.000Z';
/** The queue reads claims' summaries; where the body lies does not matter to it. */
const summary = (claim: Claim) => summarize(claim, [0, 1]);

describe('queue index', () => {
  const early = makeClaim({ n: 1, at: '2026-03-02T08:00:00.000Z', customerName: 'Dvořák Stavby', partnerName: 'Fabrikam s.r.o.' });
  const late = makeClaim({ n: 2, at: '2026-03-16T08:00:00.000Z', customerName: 'Contoso', products: ['m365-teams'], assignee: null });
  const middle = makeClaim({ n: 3, at: '2026-03-09T08:00:00.000Z', partnerId: '2048002', partnerName: 'Northwind a.s.', inReview: true });
  const index = new QueueIndex();
  index.reset([early, late, middle].map((claim) => ({ summary: summary(claim), pending: claim === middle, conflict: false })));

  it('sorts by the nearest deadline first and marks overdue and pending rows', () => {
    const page = index.query(q({}), { now, userId: REVIEWER.id });
    expect(page.rows.map((r) => r.number)).toEqual([early.number, middle.number, late.number]);
    expect(page.rows[0]!.nextDeadline).toMatchObject({ clock: 'submitted_sla', overdue: true });
    expect(page.rows[2]!.nextDeadline?.overdue).toBe(false);
    expect(page.rows.map((r) => r.pending)).toEqual([false, true, false]);
    expect(page.partners).toEqual([
      { id: '1029001', name: 'Fabrikam s.r.o.' },
      { id: '2048002', name: 'Northwind a.s.' },
    ]);
  });

  it('filters by status, overdue, partner, product and assignee', () => {
    const numbers = (query: unknown) => index.query(q(query), { now, userId: REVIEWER.id }).rows.map((r) => r.number);
    expect(numbers({ statuses: ['in_review'] })).toEqual([middle.number]);
    expect(numbers({ overdue: true })).toEqual([early.number, middle.number]);
    expect(numbers({ overdue: false })).toEqual([late.number]);
    expect(numbers({ partnerId: '2048002' })).toEqual([middle.number]);
    expect(numbers({ product: 'm365-teams' })).toEqual([late.number]);
    expect(numbers({ assignee: 'me' })).toEqual([early.number, middle.number]);
  });

  it('searches number, partner, customer, tenant and products, ignoring case and diacritics', () => {
    const numbers = (search: string) => index.query(q({ search }), { now, userId: null }).rows.map((r) => r.number);
    expect(numbers('dvorak')).toEqual([early.number]);
    expect(numbers(late.number.toLowerCase())).toEqual([late.number]);
    expect(numbers('northwind')).toEqual([middle.number]);
    expect(numbers(late.customer.tenantId.slice(0, 8))).toEqual([late.number]);
    expect(numbers('teams')).toEqual([late.number]);
    expect(numbers('power bi fabrikam')).toEqual([early.number]);
  });

  it('keeps its orders right as claims change, and pages', () => {
    const idx = new QueueIndex();
    idx.reset([early, late, middle].map((claim) => ({ summary: summary(claim), pending: false, conflict: false })));
    idx.query(q({ sort: { by: 'customer', dir: 'desc' } }), { now, userId: null }); // build that order
    idx.set(summary({ ...late, customer: { ...late.customer, name: 'Zeta' } }), false, true);
    idx.delete(early.id);
    const page = idx.query(q({ sort: { by: 'customer', dir: 'desc' }, limit: 1, offset: 0 }), { now, userId: null });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.customerName, r.conflict])).toEqual([['Zeta', true]]);
    expect(idx.query(q({ sort: { by: 'customer', dir: 'desc' }, offset: 1 }), { now, userId: null }).rows.map((r) => r.customerName)).toEqual(['Contoso Ltd']);
  });

  // Its speed is the bench's queue_filter_p95_50k; here, that the answers at this size are right.
  it('answers filters, searches and an incremental change right with 50,000 claims', () => {
    const claims = manyClaims(50_000);
    const big = new QueueIndex();
    big.reset(claims.map((claim) => ({ summary: summary(claim), pending: false, conflict: false })));
    const query = (query: unknown) => big.query(q(query), { now, userId: REVIEWER.id });
    expect(query({}).total).toBe(50_000);
    expect(query({ search: 'cl-2026-04999' }).rows.map((r) => r.number)).toEqual(['CL-2026-04999']);
    const mineOverdue = query({ assignee: 'me', overdue: true, limit: 1000 }).rows;
    expect(mineOverdue.length).toBeGreaterThan(0);
    expect(mineOverdue.every((r) => r.assignee?.id === REVIEWER.id && r.nextDeadline?.overdue)).toBe(true);
    // A decision moves one entry: the next query sees it.
    big.set(summary({ ...claims[10]!, status: 'in_review' }), true, false);
    expect(query({ statuses: ['in_review'] }).rows.map((r) => [r.id, r.pending])).toEqual([[claims[10]!.id, true]]);
  });
});
