import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarOf } from '../../../../shared/domain/public-holidays.js';
import { PAR_REASONS } from '../../../../shared/domain/checklist.js';
import { Claim } from '../../../../shared/domain/claim.js';
import { CLOCK_NAMES, type ClockName, type ClockReading, readClock } from '../../../../shared/domain/clocks.js';
import { CLAIM_STATUSES } from '../../../../shared/domain/model.js';
import { PRODUCTS } from '../../../../shared/domain/products.js';
import { REJECTION_REASONS } from '../../../../shared/domain/rejection.js';
import { inspectPdf } from '../../../../server/documents/inspect.js';
import { buildDemoDataset, type DemoDataset } from '../../../../server/demo/dataset.js';
import { readPdf } from './pdf-reader.js';

const calendar = calendarOf({ zone: 'Europe/Prague', country: 'CZ' });
// A Thursday, 10:30 in Prague: every "due today" is possible.
const NOW = '2026-11-26T09:30:00.000Z';

/**
 * How each clock can read at `now` somewhere in a realistic desk. Clocks the timer acts on
 * (partner response, consent, dispute window) are never left overdue: at `now` they have expired.
 */
const CLOCK_STATES: Record<ClockName, ClockReading['kind'][]> = {
  submitted_sla: ['running', 'due_today', 'overdue', 'stopped'],
  review_sla: ['running', 'due_today', 'overdue', 'stopped'],
  overall_sla: ['running', 'due_today', 'overdue', 'paused', 'stopped'],
  partner_response: ['running', 'due_today', 'stopped', 'expired'],
  customer_consent: ['running', 'due_today', 'stopped', 'expired'],
  dispute_window: ['running', 'due_today', 'stopped', 'expired'],
  dispute_sla: ['running', 'due_today', 'overdue', 'stopped'],
};

describe('the demo dataset', () => {
  let dataset: DemoDataset;
  // How long building it takes is the bench's demo_dataset_build.
  beforeAll(async () => {
    dataset = await buildDemoDataset({ now: NOW, calendar, seed: 7 });
  });

  it('has one partner admin for each of 5 partners, 3 reviewers and a team lead, each with a password', () => {
    const { users } = dataset;
    const admins = users.filter((u) => u.role === 'partner_admin');
    expect(admins).toHaveLength(5);
    expect(new Set(admins.map((u) => u.partnerId)).size).toBe(5);
    for (const a of admins) {
      expect(a.partnerId).toMatch(/^\d{7}$/);
      expect(a.partnerRole).toBeDefined();
    }
    expect(users.filter((u) => u.role === 'reviewer')).toHaveLength(3);
    expect(users.filter((u) => u.role === 'team_lead')).toHaveLength(1);
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    // Passwords are drawn when the dataset is loaded, per install, never from the seed.
    for (const u of users) expect(u).not.toHaveProperty('password');
  });

  it('has about 300 valid claims, each with a complete history in order, over the two months before now', () => {
    const { claims } = dataset;
    expect(claims.length).toBeGreaterThanOrEqual(280);
    expect(claims.length).toBeLessThanOrEqual(320);
    expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
    expect(new Set(claims.map((c) => c.number)).size).toBe(claims.length);
    const twoMonthsAgo = new Date(Date.parse(NOW) - 70 * 86_400_000).toISOString();
    for (const claim of claims) {
      expect(() => Claim.parse(claim)).not.toThrow();
      expect(claim.history.map((h) => h.version)).toEqual(claim.history.map((_, i) => i + 1));
      expect(claim.version).toBe(claim.history.length);
      const times = claim.history.map((h) => h.at);
      expect(times).toEqual([...times].sort());
      expect(claim.createdAt >= twoMonthsAgo && claim.updatedAt <= NOW).toBe(true);
      expect(claim.history[0]!.action).toBe('create');
    }
  });

  it('covers every status, every PAR reason and every rejection reason', () => {
    const { claims } = dataset;
    expect(new Set(claims.map((c) => c.status))).toEqual(new Set(CLAIM_STATUSES));
    const parReasons = new Set(claims.filter((c) => c.status === 'partner_action_required').flatMap((c) => c.review.parReasons.map((r) => r.code)));
    expect(parReasons).toEqual(new Set(PAR_REASONS));
    const rejections = new Set(claims.filter((c) => c.status === 'rejected').map((c) => c.rejection?.reason));
    expect(rejections).toEqual(new Set(REJECTION_REASONS));
  });

  it('shows every clock in each state it can be in', () => {
    for (const name of CLOCK_NAMES) {
      const seen = new Set(dataset.claims.flatMap((c) => (c.clocks[name] ? [readClock(calendar, c.clocks[name]!, NOW).kind] : [])));
      expect([...seen].sort(), name).toEqual([...CLOCK_STATES[name]].sort());
    }
  });

  it('covers the situations a desk meets: unassigned work, disputes in every outcome, consent sent on, offline decisions, reopened claims', () => {
    const { claims } = dataset;
    expect(claims.some((c) => c.status === 'submitted' && c.assignee === null)).toBe(true);
    const assignees = new Set(claims.map((c) => c.assignee?.id).filter(Boolean));
    const reviewers = dataset.users.filter((u) => u.role === 'reviewer').map((u) => u.id);
    for (const id of reviewers) expect(assignees.has(id)).toBe(true);
    expect(claims.some((c) => c.dispute && !c.dispute.resolution)).toBe(true);
    expect(claims.some((c) => c.dispute?.resolution?.outcome === 'upheld' && c.status === 'rejected')).toBe(true);
    expect(claims.some((c) => c.dispute?.resolution?.outcome === 'overturned' && c.status === 'approved')).toBe(true);
    expect(claims.some((c) => c.status === 'approved' && c.flags.sentToIncentiveEvaluationAt)).toBe(true);
    expect(claims.some((c) => c.history.some((h) => h.decidedAt))).toBe(true);
    expect(claims.some((c) => c.history.some((h) => h.action === 'reopen'))).toBe(true);
    expect(claims.some((c) => c.status === 'draft' && c.documents.length === 0)).toBe(true);
  });

  it('gives the lead a team’s month of QA: tasks sampled by the default rule, open, agreed, disagreements waiting and resolved, never by the first reviewer', () => {
    const { claims } = dataset;
    const tasks = claims.flatMap((c) => c.qa.map((t) => ({ claim: c, task: t })));
    const count = (state: string) => tasks.filter((t) => t.task.state === state).length;
    expect(count('open')).toBeGreaterThan(3);
    expect(count('agreed')).toBeGreaterThan(10);
    expect(count('disagreed'), 'disagreements waiting on the lead').toBeGreaterThan(3);
    expect(count('resolved')).toBeGreaterThan(0);
    for (const { claim, task } of tasks) {
      expect(task.qaReviewer.id).not.toBe(task.original.reviewer.id);
      const decision = claim.history.find((e) => e.version === task.decisionVersion)!;
      expect([decision.action, decision.actor.id]).toEqual([task.original.outcome, task.original.reviewer.id]);
      expect(claim.history.some((e) => e.action === 'openQaTask' && (e.details as { taskId: string }).taskId === task.id)).toBe(true);
    }
    // Every reviewer's first decisions are sampled (the default rule: all of the first 20).
    const reviewers = dataset.users.filter((u) => u.role === 'reviewer');
    for (const r of reviewers) expect(tasks.filter((t) => t.task.original.reviewer.id === r.id).length, r.username).toBeGreaterThanOrEqual(20);
    // Several weeks of decisions by every reviewer, some made offline.
    const decisions = claims.flatMap((c) => c.history.filter((e) => ['approve', 'requestPartnerAction', 'reject'].includes(e.action)));
    const days = new Set(decisions.map((e) => e.at.slice(0, 10)));
    expect(days.size).toBeGreaterThan(20);
    expect(decisions.filter((e) => e.decidedAt && Date.parse(e.at) - Date.parse(e.decidedAt) > 60_000).length).toBeGreaterThan(5);
  });

  it('records document metadata that matches the bytes, and holds every cited file', async () => {
    const bySha = new Map(dataset.claims.flatMap((c) => c.documents.map((d) => [d.sha256, d] as const)));
    expect([...dataset.blobs.keys()].sort()).toEqual([...bySha.keys()].sort());
    for (const [sha, bytes] of dataset.blobs) {
      const inspected = await inspectPdf(bytes);
      const doc = bySha.get(sha)!;
      expect(inspected).toEqual({ ok: true, sha256: sha, size: doc.size, pages: doc.pages, encrypted: doc.encrypted });
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    }
    for (const claim of dataset.claims) for (const d of claim.documents) expect(d.uploadedAt <= claim.updatedAt).toBe(true);
  });

  it('includes the defective files: a password-protected one, a 300-page one, an image-only scan and an unrelated invoice', async () => {
    const docs = dataset.claims.flatMap((c) => c.documents.map((d) => ({ claim: c, doc: d })));
    expect(docs.some(({ doc }) => doc.encrypted && doc.pages === null)).toBe(true);
    expect(docs.some(({ doc }) => doc.pages === 300)).toBe(true);
    const scan = docs.find(({ doc }) => doc.name.startsWith('scan_'))!;
    const scanned = await readPdf(dataset.blobs.get(scan.doc.sha256)!);
    expect(scanned).toEqual({ pages: [''], images: 1 });
    const invoice = docs.find(({ doc }) => doc.name.startsWith('Invoice_'))!;
    const invoiceText = (await readPdf(dataset.blobs.get(invoice.doc.sha256)!, { textOnly: true })).pages.join(' ');
    expect(invoiceText).toContain('INVOICE');
    expect(invoiceText).not.toContain(invoice.claim.customer.name);
  });

  it('names in each PoE the customer, its tenant and the partner of every claim that cites it', async () => {
    const expected = new Map<string, Set<string>>();
    for (const claim of dataset.claims) {
      for (const d of claim.documents) {
        if (d.encrypted || d.name.startsWith('scan_') || d.name.startsWith('Invoice_')) continue;
        const needles = expected.get(d.sha256) ?? new Set<string>();
        for (const n of [claim.customer.name, claim.customer.tenantId, claim.partnerName, `Partner ID ${claim.partnerId}`]) needles.add(n);
        expected.set(d.sha256, needles);
      }
    }
    for (const [sha, needles] of expected) {
      const text = (await readPdf(dataset.blobs.get(sha)!, { textOnly: true, only: [1, 2, 3] })).pages.join(' ');
      for (const needle of needles) expect(text, sha).toContain(needle);
    }
  });

  it('backs each "products missing" request with documents that indeed never mention the product', async () => {
    const requests = dataset.claims.flatMap((c) =>
      c.status === 'partner_action_required' ? c.review.parReasons.flatMap((r) => (r.code === 'products_missing' ? [{ claim: c, products: r.products }] : [])) : [],
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const { claim, products } of requests) {
      const texts = await Promise.all(claim.documents.map(async (d) => (await readPdf(dataset.blobs.get(d.sha256)!, { textOnly: true })).pages.join(' ')));
      for (const p of products) {
        const spellings = [PRODUCTS[p].name, ...PRODUCTS[p].aliases];
        expect(texts.some((t) => t.includes(claim.customer.name) && !spellings.some((s) => new RegExp(`\\b${s}\\b`, 'i').test(t))), `${claim.number} ${p}`).toBe(true);
      }
    }
  });

  it('is the same for the same seed and now', async () => {
    const again = await buildDemoDataset({ now: NOW, calendar, seed: 7 });
    expect(again.users).toEqual(dataset.users);
    expect(again.claims).toEqual(dataset.claims);
    expect([...again.blobs.keys()]).toEqual([...dataset.blobs.keys()]);
  });

  it('builds for any now, also on a public holiday before office hours', async () => {
    const holiday = '2027-01-01T06:00:00.000Z';
    const other = await buildDemoDataset({ now: holiday, calendar, seed: 99 });
    expect(other.claims.length).toBe(dataset.claims.length);
    for (const claim of other.claims) {
      expect(Claim.safeParse(claim).success).toBe(true);
      expect(claim.updatedAt <= holiday).toBe(true);
    }
    expect(new Set(other.claims.map((c) => c.status))).toEqual(new Set(CLAIM_STATUSES));
    expect(other.claims.map((c) => c.id)).not.toEqual(dataset.claims.map((c) => c.id));
  });
});
