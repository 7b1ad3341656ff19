// The demo data loaded into the service: accounts that sign in, one verified hash chain over every
// claim's history, a desk that pulls every submitted claim, numbering and timers that carry on, and
// a re-seed that sends desktops into a full resync.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitsReview } from '../../../shared/domain/lifecycle.js';
import { ReviewerMetrics } from '../../../shared/contract/lead.js';
import { PullResponse } from '../../../shared/contract/sync.js';
import { calendarOf } from '../../../shared/domain/public-holidays.js';
import { verifyChain } from '../../../server/audit/verify.js';
import { ManualClock } from '../../../server/clock.js';
import { buildDemoDataset, type DemoDataset } from '../../../server/demo/dataset.js';
import { loadDataset, type SeedResult } from '../../../server/demo/seed.js';
import { forDesk } from '../../../server/sync/desk-claims.js';
import { runDueTimers } from '../../../server/timers.js';
import { BACKENDS, call, Desk, freshDatabase, newClaimBody, startService, type TestService } from './harness.js';

const NOW = '2026-05-20T07:30:00.000Z';
let dataset: DemoDataset;

beforeAll(async () => {
  dataset = await buildDemoDataset({ now: NOW, calendar: calendarOf() });
});

describe.each(BACKENDS)('demo data on %s', (backend) => {
  let service: TestService;
  let seeded: SeedResult;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await freshDatabase(backend);
    const store = await database.open();
    service = await startService(store, { clock: new ManualClock(NOW) });
    drop = async () => {
      await service.close();
      await store.close();
      await database.drop();
    };
    seeded = await loadDataset(service.deps, dataset);
  });
  afterAll(async () => drop?.());

  const signIn = async (username: string) => {
    const user = seeded.users.find((u) => u.username === username)!;
    const res = await call(service.app, 'POST', '/auth/login', null, { username, password: user.password });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };

  it('loads every claim, with its whole history as one verified chain, and accounts that sign in', async () => {
    expect(seeded.claims).toBe(dataset.claims.length);
    expect(seeded.events).toBe(dataset.claims.reduce((n, c) => n + c.history.length, 0));
    expect(await verifyChain(service.deps)).toEqual({ ok: true, verifiedUpTo: seeded.events, message: `verified up to ${seeded.events}` });
    expect(seeded.users.map((u) => u.role).sort()).toEqual(['partner_admin', 'partner_admin', 'partner_admin', 'partner_admin', 'partner_admin', 'reviewer', 'reviewer', 'reviewer', 'team_lead']);
    for (const user of seeded.users) await signIn(user.username);
  });

  it('gives a reviewer’s desk their scope, each claim exactly as the dataset built it', async () => {
    const who = dataset.users.find((u) => u.role === 'reviewer')!;
    const reviewer = new Desk(service, await signIn(who.username));
    const pulled = [];
    let cookie: number | null = null;
    for (;;) {
      const page = PullResponse.parse((await reviewer.pull(cookie, 120)).body);
      pulled.push(...page.claims);
      cookie = page.cookie;
      if (!page.more) break;
    }
    // Her scope: open claims assigned to her, her open QA tasks, and those she decided, commented on or QA-reviewed in the last 30 days.
    const since = Date.parse(NOW) - 30 * 86_400_000;
    const expected = dataset.claims.filter(
      (c) =>
        c.status !== 'draft' &&
        ((c.assignee?.id === who.id && awaitsReview(c)) ||
          c.qa.some((t) => t.state === 'open' && t.qaReviewer.id === who.id) ||
          c.history.some((e) => e.actor.id === who.id && ['approve', 'requestPartnerAction', 'reject', 'resolveDispute', 'comment', 'recordQaVerdict'].includes(e.action) && Date.parse(e.at) > since)),
    );
    expect(expected.some((c) => c.qa.some((t) => t.state === 'open' && t.qaReviewer.id === who.id))).toBe(true);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dataset.claims.filter((c) => c.status !== 'draft').length);
    expect(pulled.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    // A claim she has an open QA task on comes blind (forDesk).
    const byId = new Map(expected.map((c) => [c.id, forDesk(c, who.id)]));
    for (const claim of pulled) expect(claim).toEqual(byId.get(claim.id));
  });

  it('serves the demo PDFs to the desk', async () => {
    const lead = await signIn(seeded.users.find((u) => u.role === 'team_lead')!.username);
    const [sha256, bytes] = [...dataset.blobs][0]!;
    const res = await call(service.app, 'GET', `/documents/${sha256}`, lead);
    expect(res.status).toBe(200);
    expect(createHash('sha256').update(res.raw).digest('hex')).toBe(sha256);
    expect(res.raw.length).toBe(bytes.byteLength);
  });

  it('gives the lead’s desk its QA disagreements, and metrics with QA agreement, offline decisions and several reviewers', async () => {
    const token = await signIn(seeded.users.find((u) => u.role === 'team_lead')!.username);
    const disagreements = await call(service.app, 'GET', '/lead/qa/disagreements', token);
    expect(disagreements.body.disagreements.length).toBe(dataset.claims.flatMap((c) => c.qa).filter((t) => t.state === 'disagreed').length);
    expect(disagreements.body.disagreements.length).toBeGreaterThan(0);
    const from = new Date(Date.parse(NOW) - 60 * 86_400_000).toISOString();
    const metrics = ReviewerMetrics.parse((await call(service.app, 'GET', `/lead/metrics?from=${from}&to=${NOW}`, token)).body);
    expect(metrics.qa.reviewed).toBeGreaterThan(0);
    expect(metrics.qa.outcomeAgreement).toBeGreaterThan(0);
    expect(metrics.qa.outcomeAgreement).toBeLessThan(1);
    expect(metrics.timeSpent.filter((t) => t.reviewer && t.decisions > 0).length).toBeGreaterThanOrEqual(3);
    expect((await call(service.app, 'GET', `/lead/decisions?offline=true&limit=5`, token)).body.rows.length).toBeGreaterThan(0);
  });

  it('numbers new claims after the demo’s, and runs the timers that are due once', async () => {
    const admin = seeded.users.find((u) => u.role === 'partner_admin')!;
    const created = await call(service.app, 'POST', '/partner/claims', await signIn(admin.username), newClaimBody(admin.partnerId!));
    expect(created.status).toBe(201);
    const highest = Math.max(...dataset.claims.filter((c) => c.number.startsWith('CL-2026-')).map((c) => Number(c.number.slice(-5))));
    expect(created.body.number).toBe(`CL-2026-${String(highest + 1).padStart(5, '0')}`);
    service.clock.advance(3 * 86_400_000);
    await runDueTimers(service.deps, () => undefined);
    expect((await runDueTimers(service.deps, () => undefined)).applied).toBe(0);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('sends desktops into a full resync after a re-seed', async () => {
    const lead = new Desk(service, await signIn(seeded.users.find((u) => u.role === 'team_lead')!.username));
    const before = PullResponse.parse((await lead.pull(null, 2000)).body);
    seeded = await loadDataset(service.deps, dataset);
    const token = await signIn(seeded.users.find((u) => u.role === 'team_lead')!.username);
    const after = PullResponse.parse((await new Desk(service, token).pull(before.cookie, 2000)).body);
    expect(after.reset).toBe(true);
    // The lead's scope, whole: the pool, the overdue claims, what they acted on lately.
    expect(after.claims.length).toBe(after.total);
    expect(after.claims.length).toBeGreaterThan(0);
    expect(after.claims.length).toBeLessThan(dataset.claims.filter((c) => c.status !== 'draft').length);
  });
});
