// The team lead's desk end to end (issue 16, "Done when"), in Chromium against `npm run web` and
// the demo claims service. Set up through the service: one reviewer's two rejections made offline
// last month (one pins the region of the PoE page that lacks the customer's acknowledgement), every
// decision of that reviewer sampled for QA. Then, on the screens: the lead filters the log to that
// reviewer's rejections of last month, opens one as decided (the pinned box where the region lies on
// its page), exports the CSV (its rows are the grid's), reassigns three claims at once, reopens the
// other rejection with a justification; the QA reviewer (a second desk, another browser context)
// reviews the sampled rejection blind and disagrees; the lead upholds it. Every lead screen in
// English and Czech, screenshot to test-results/ and checked by axe. Last, the audit chain: verified,
// then a row of audit_events is altered in the database and the lead's re-check shows it broken.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../server/db/connect.js';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar.js';
import { type ChecklistKey, checklistKeys, type EvidencePin } from '../../shared/domain/checklist.js';
import { Claim } from '../../shared/domain/claim.js';
import { createI18n } from '../../shared/i18n/index.js';
import { formatInstant } from '../../renderer/format/datetime.js';
import { formatDay } from '../../renderer/format/day.js';
import { type Account, type Actor, ClaimsService } from './support/claims-service.js';
import { ensureRendererBuilt, launchChromium, screenshot, seriousViolations, startWeb, until, type Web } from './support/desk.js';
import { freePort } from './support/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'poe-desk-e2e-lead-'));
const ZONE = DEFAULT_CALENDAR.zone;
const { t } = createI18n('en');
let service: ClaimsService;
let web: Web;
let qaWeb: Web | undefined;
/** The QA reviewer's own desk, in a second browser context. */
let qaContext: BrowserContext;
let qa: Page;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** What the set-up made through the service, for the screens to find. */
interface Scenario {
  lead: Actor;
  reviewer: { account: Account; id: string; name: string };
  /** Rejected with a pinned region: opened as decided, then QA-reviewed. */
  pinned: { claim: Claim; decisionId: string; pin: EvidencePin & { region: NonNullable<EvidencePin['region']> } };
  /** Rejected without pins: reopened. */
  reopened: Claim;
  lastMonth: { from: DateTime; before: DateTime };
  /** Who the sampled rejection's QA task went to. */
  qaReviewer: { account: Account; name: string };
}
let scenario: Scenario;

const NOTE = 'The PoE shows no acknowledgement by the customer.';
const COMMENT = 'Rejected: the customer never acknowledged the partner’s work in the PoE.';

async function stage(): Promise<Scenario> {
  const lead = await service.as(service.account('team_lead'));
  const reviewers = await Promise.all([...service.accounts.values()].filter((a) => a.role === 'reviewer').map(async (account) => ({ account, actor: await service.as(account) })));
  let chosen: { account: Account; actor: Actor; claims: Claim[] } | null = null;
  for (const r of reviewers) {
    const readable = (await r.actor.claims()).filter((c) => c.status === 'in_review' && c.assignee?.id === r.actor.session.user.id && c.documents.some((d) => d.pages && !d.encrypted));
    if (readable.length >= 2) {
      chosen = { ...r, claims: readable };
      break;
    }
  }
  if (!chosen) throw new Error('No demo reviewer has two claims in review with a readable PoE.');
  const me = chosen.actor.session.user;
  // The lead's rule: every decision of this reviewer is sampled for QA.
  await lead.call('PUT', '/lead/qa/rule', { defaultShare: 0.1, firstDecisions: 20, perReviewer: { [me.id]: 1 } });

  const from = DateTime.now().setZone(ZONE).startOf('month').minus({ months: 1 });
  const [x, y] = chosen.claims as [Claim, Claim];
  const doc = x.documents.find((d) => d.pages && !d.encrypted)!;
  const pin = { documentSha256: doc.sha256, page: Math.min(2, doc.pages!), region: { x: 0.18, y: 0.34, width: 0.42, height: 0.16 } };
  const checklist = (claim: Claim, missing: ChecklistKey, evidence: EvidencePin[], note?: string) =>
    Object.fromEntries(checklistKeys(claim.products).map((k) => [k, k === missing ? { state: 'missing', evidence, ...(note ? { note } : {}) } : { state: 'passed', evidence: [] }]));
  const reject = (claim: Claim, args: object, decidedAt: DateTime) =>
    chosen.actor.actOn(claim, 'reject', { reason: 'insufficient_poe', commentId: randomUUID(), timeSpentMs: 7 * 60_000, ...args }, decidedAt.toUTC().toISO()!);
  expect(await reject(x, { comment: COMMENT, checklist: checklist(x, 'customer_acknowledgement', [pin], NOTE) }, from.plus({ days: 9, hours: 10, minutes: 12 }))).toBe('applied');
  expect(await reject(y, { comment: 'Rejected: the PoE is a blank template.', checklist: checklist(y, 'poe_present', []) }, from.plus({ days: 10, hours: 14, minutes: 3 }))).toBe('applied');

  const sampled = Claim.parse(await lead.call('GET', `/lead/claims/${x.id}`));
  const task = sampled.qa.find((q) => q.state === 'open');
  if (!task) throw new Error(`The rejection of ${x.number} was not sampled for QA under a share of 1.`);
  const qaReviewer = { account: reviewers.find((r) => r.actor.session.user.id === task.qaReviewer.id)!.account, name: task.qaReviewer.name };
  const log = (await lead.call('GET', `/lead/decisions?reviewerId=${me.id}&action=reject&limit=100`)) as { rows: { id: string; claimId: string }[] };
  const decisionId = log.rows.find((r) => r.claimId === x.id)!.id;
  return { lead, reviewer: { account: chosen.account, id: me.id, name: me.name }, pinned: { claim: sampled, decisionId, pin }, reopened: y, lastMonth: { from, before: from.plus({ months: 1 }) }, qaReviewer };
}

beforeAll(async () => {
  service = new ClaimsService(await freePort(), path.join(dataDir, 'service'));
  await Promise.all([service.start(), ensureRendererBuilt()]);
  scenario = await stage();
  web = await startWeb(dataDir, service.url);
  ({ browser, page } = await launchChromium());
  // The charts drawn at once, not growing, for the screenshots.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  page.on('pageerror', (e) => pageErrors.push(`lead: ${e.message}`));
}, 400_000);

afterAll(async () => {
  await qaContext?.close();
  await browser?.close();
  await Promise.all([web?.process.stop(), qaWeb?.process.stop()]);
  await service?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function show(p: Page, hash: string) {
  await p.evaluate((h) => (window.location.hash = h), hash);
}

async function signIn(p: Page, url: string, account: Account) {
  await p.goto(url);
  await p.getByLabel('User name').fill(account.username);
  await p.getByLabel('Password').fill(account.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { name: 'Queue', level: 1 }).waitFor({ timeout: 60_000 });
}

/** Picks an option of an MUI select by its label. */
async function choose(p: Page, label: string, option: string) {
  await p.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await p.getByRole('option', { name: option, exact: true }).click();
}

/** A screen has loaded what it shows: no lead query is still loading on it, the audit chain's check included. */
async function settled(p: Page) {
  const loading = 'main .MuiLinearProgress-root, main .MuiDataGrid-overlay .MuiCircularProgress-root, main [data-testid="audit-chain"] button:disabled';
  await until('the screen’s queries answered', async () => (await p.locator(loading).count()) === 0, 60_000);
}

type GridRow = { id: string; cells: Record<string, string> };
const gridRows = (p: Page): Promise<GridRow[]> =>
  p
    .locator('.MuiDataGrid-row')
    .evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-id') ?? '', cells: Object.fromEntries([...r.querySelectorAll('[data-field]')].map((c) => [c.getAttribute('data-field') ?? '', c.textContent ?? ''])) })));

/** The decision log filtered to the reviewer's rejections of last month, as the grid shows it. */
async function filterLog(): Promise<GridRow[]> {
  const { reviewer, lastMonth } = scenario;
  await show(page, '#/lead-log');
  await page.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
  const filters = page.getByRole('search');
  // Days typed as the lead reads them in English (dd/MM/yyyy), whatever the browser's own format.
  await filters.getByRole('textbox', { name: t('lead:log.from') }).fill(formatDay(lastMonth.from.toISODate()!, 'en'));
  await filters.getByRole('textbox', { name: t('lead:log.to') }).fill(formatDay(lastMonth.before.toISODate()!, 'en'));
  await choose(page, t('lead:log.reviewer'), reviewer.name);
  await choose(page, t('lead:log.action'), t('domain:action.reject'));
  return filteredRows();
}

/** The grid's rows once they are the reviewer's rejections of last month. */
function filteredRows(): Promise<GridRow[]> {
  const { reviewer, pinned, reopened } = scenario;
  return until(
    'the grid filtered to the reviewer’s rejections of last month',
    async () => {
      await settled(page);
      const rows = await gridRows(page);
      const numbers = rows.map((r) => r.cells.claimNumber);
      const filtered = rows.every((r) => r.cells.reviewer === reviewer.name && r.cells.action === t('domain:action.reject'));
      return filtered && numbers.includes(pinned.claim.number) && numbers.includes(reopened.number) ? rows : null;
    },
    60_000,
  );
}

/** The claim as the service has it now (the lead's view of any claim). */
const claimNow = async (id: string) => Claim.parse(await scenario.lead.call('GET', `/lead/claims/${id}`));

describe('the team lead’s desk', () => {
  it('signs in as the lead and sees the lead’s places', async () => {
    await signIn(page, web.url, service.account('team_lead'));
    for (const place of ['Decision log', 'Assignment', 'SLA board', 'Metrics', 'QA']) await page.getByRole('navigation').getByRole('button', { name: place, exact: true }).waitFor({ timeout: 10_000 });
  }, 120_000);

  it('filters the log, opens a rejection as decided with its region drawn, exports exactly the grid as CSV', async () => {
    const { pinned, lastMonth, reviewer } = scenario;
    const rows = await filterLog();
    expect(await page.getByRole('button', { name: /next page/i }).isDisabled(), 'the filter fits one page').toBe(true);

    // CSV: downloaded from the screen, parsed, the same decisions in the same order as the grid.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: t('lead:log.export') }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0), 'a byte-order mark').toBe(0xfeff);
    const records = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const col = (key: string) => t(`lead:csv.${key}`);
    expect(records.map((r) => r[col('id')])).toEqual(rows.map((r) => r.id));
    expect(records.map((r) => r[col('claimNumber')])).toEqual(rows.map((r) => r.cells.claimNumber));
    expect(records.map((r) => r[col('reviewer')])).toEqual(rows.map((r) => r.cells.reviewer));
    expect(records.map((r) => r[col('action')])).toEqual(rows.map((r) => r.cells.action));
    expect(records.map((r) => formatInstant(r[col('decidedAt')]!, 'en', ZONE))).toEqual(rows.map((r) => r.cells.decidedAt));
    for (const r of records) {
      const at = DateTime.fromISO(r[col('decidedAt')]!);
      expect(at >= lastMonth.from && at < lastMonth.before, `${r[col('claimNumber')]} decided ${r[col('decidedAt')]} in last month`).toBe(true);
      expect(r[col('reviewer')]).toBe(reviewer.name);
    }
    const row = records.find((r) => r[col('claimNumber')] === pinned.claim.number)!;
    expect(row[col('checklistNotes')]).toContain(NOTE);
    expect(row[col('offline')]).toBe(t('lead:yes'));

    // The claim as decided: its pinned region drawn as a box where the region lies on its page.
    await page.locator('.MuiDataGrid-row').filter({ hasText: pinned.claim.number }).first().click();
    await page.getByRole('heading', { name: t('lead:decided.title', { claim: pinned.claim.number }) }).waitFor({ timeout: 60_000 });
    await until('the pinned region drawn on its page', async () => (await page.locator('.poe-region-mark[data-kept]').count()) > 0, 90_000);
    const where = await page.evaluate((n) => {
      const pageDiv = document.querySelector<HTMLElement>(`.pdfViewer .page[data-page-number="${n}"]`);
      const canvas = pageDiv?.querySelector('canvas')?.getBoundingClientRect();
      const mark = document.querySelector<HTMLElement>('.poe-region-mark[data-kept]');
      const box = mark?.getBoundingClientRect();
      return canvas && box && mark ? { onPage: pageDiv!.contains(mark), x: (box.left - canvas.left) / canvas.width, y: (box.top - canvas.top) / canvas.height, w: box.width / canvas.width, h: box.height / canvas.height } : null;
    }, pinned.pin.page);
    expect(where, `the box on page ${pinned.pin.page}`).not.toBeNull();
    expect(where!.onPage).toBe(true);
    const r = pinned.pin.region;
    for (const [got, want] of [[where!.x, r.x], [where!.y, r.y], [where!.w, r.width], [where!.h, r.height]] as const) expect(Math.abs(got - want)).toBeLessThan(0.01);
    expect(await page.locator('main aside').innerText()).toContain(t('lead:decided.note', { note: NOTE }));
  }, 400_000);

  it('comes back from the claim as decided to the log as filtered, and reopens the other rejection with a justification: the claim’s history has it', async () => {
    const { reopened, lastMonth } = scenario;
    await page.getByRole('button', { name: t('lead:decided.back') }).click();
    await filteredRows();
    expect(await page.getByRole('search').getByRole('textbox', { name: t('lead:log.from') }).inputValue()).toBe(formatDay(lastMonth.from.toISODate()!, 'en'));
    await page.locator('.MuiDataGrid-row').filter({ hasText: reopened.number }).first().click();
    await page.getByRole('heading', { name: t('lead:decided.title', { claim: reopened.number }) }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: t('lead:reopen.action') }).click();
    const dialog = page.getByRole('dialog');
    const justification = 'The partner sent the signed PoE by mail; the review starts again.';
    await dialog.getByLabel(/Justification/).fill(justification);
    await dialog.getByRole('button', { name: t('lead:reopen.confirm'), exact: true }).click();
    await page.getByText(t('lead:reopen.saved')).waitFor({ timeout: 30_000 });
    const claim = await until(
      'the service to have the reopening',
      async () => {
        const c = await claimNow(reopened.id);
        return c.status === 'in_review' && c.history.at(-1)?.action === 'reopen' ? c : null;
      },
      60_000,
    );
    expect(claim.history.at(-1)).toMatchObject({ action: 'reopen', from: 'rejected', to: 'in_review', actor: { id: scenario.lead.session.user.id }, details: { justification } });
  }, 300_000);

  it('reassigns three claims at once: the service has the new assignee on each', async () => {
    await show(page, '#/lead-assign');
    await page.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
    await settled(page);
    const pool = (await scenario.lead.call('GET', '/lead/pool?limit=500')) as { loads: { reviewer: { id: string; name: string }; openClaims: number }[] };
    const from = [...pool.loads].sort((a, b) => b.openClaims - a.openClaims).find((l) => l.reviewer.id !== scenario.reviewer.id && l.openClaims >= 3)!;
    const to = pool.loads.find((l) => l.reviewer.id !== from.reviewer.id)!.reviewer;
    await choose(page, t('lead:assign.show'), t('lead:assign.ofReviewer', { name: from.reviewer.name }));
    await until('the grid to show that reviewer’s claims', async () => {
      await settled(page);
      const rows = await gridRows(page);
      return rows.length >= 3 && rows.every((r) => r.cells.assignee === from.reviewer.name);
    }, 60_000);
    // Three rows ticked (a tick the grid missed while it was still drawing is given again).
    const ids = (await gridRows(page)).slice(0, 3).map((r) => r.id);
    for (const id of ids) {
      const box = page.locator(`.MuiDataGrid-row[data-id="${id}"]`).getByRole('checkbox');
      await until(`the row of ${id} ticked`, async () => (await box.isChecked()) || void (await box.click()), 20_000);
    }
    await choose(page, t('lead:assign.assignTo'), to.name);
    await page.getByRole('button', { name: t('lead:assign.assignSelected', { count: 3 }) }).click();
    await page.getByText(t('lead:assign.done', { count: 3 })).waitFor({ timeout: 30_000 });
    await until(
      'the service to have the three assignments',
      async () => (await Promise.all(ids.map(claimNow))).every((c) => c.assignee?.id === to.id && c.history.at(-1)?.action === 'assign'),
      60_000,
    );
  }, 300_000);

  it('shows the sampled rejection blind in another reviewer’s QA tasks, on their own desk', async () => {
    const { pinned, qaReviewer, reviewer } = scenario;
    expect(qaReviewer.account.username).not.toBe(reviewer.account.username);
    qaWeb = await startWeb(path.join(dataDir, 'qa'), service.url);
    qaContext = await browser.newContext({ viewport: { width: 1600, height: 960 } });
    qa = await qaContext.newPage();
    qa.on('pageerror', (e) => pageErrors.push(`QA reviewer: ${e.message}`));
    await signIn(qa, qaWeb.url, qaReviewer.account);
    await qa.getByRole('navigation').getByRole('button', { name: t('lead:nav.qaTasks'), exact: true }).click();
    await qa.locator(`[data-qa-task="${pinned.claim.number}"]`).waitFor({ timeout: 60_000 });
    await screenshot(qa, 'qa-tasks-en');
    expect(await seriousViolations(qa), 'axe on the QA tasks').toEqual([]);
    await qa.locator(`[data-qa-task="${pinned.claim.number}"]`).click();
    await qa.getByRole('heading', { name: t('lead:qaTasks.review', { claim: pinned.claim.number }) }).waitFor({ timeout: 60_000 });
    await qa.getByText(t('lead:qaTasks.blind')).waitFor({ timeout: 30_000 });
    // The PoE beside the review, in the viewer: its first page drawn, no pinned region of the first decision on it.
    await qa.locator('.pdfViewer .page[data-page-number="1"] canvas').waitFor({ timeout: 90_000 });
    expect(await qa.locator('main').innerText()).toContain(pinned.claim.documents.find((d) => d.sha256 === pinned.pin.documentSha256)!.name);
    expect(await qa.locator('.poe-region-mark').count()).toBe(0);
    await screenshot(qa, 'qa-task-en');
    expect(await seriousViolations(qa), 'axe on a QA task').toEqual([]);
    // Blind: nothing of the first decision (its outcome, reason, flags, note, comment) is on the screen.
    const blind = await qa.locator('main').innerText();
    for (const hidden of [NOTE, COMMENT, t('domain:rejectionReason.insufficient_poe'), t('lead:qaTasks.answered', { outcome: t('domain:action.reject') }), reviewer.name]) expect(blind).not.toContain(hidden);
    for (const group of await qa.locator('main aside [role="group"]').all()) expect(await group.getByRole('button', { pressed: true }).innerText()).toBe(t('domain:itemState.passed'));
    await qa.getByRole('button', { name: 'Čeština' }).click();
    await qa.locator('html[lang="cs"]').waitFor({ timeout: 10_000 });
    await screenshot(qa, 'qa-task-cs');
    expect(await seriousViolations(qa), 'axe on a QA task (cs)').toEqual([]);
    await qa.getByRole('button', { name: 'English' }).click();
    await qa.locator('html[lang="en"]').waitFor({ timeout: 10_000 });
  }, 400_000);

  // The verdict goes from the QA reviewer's desk to the service with its task's base (their desk
  // holds the claim blind, without the task). The lead resolves the disagreement on a claim the
  // lead's desk holds (it is overdue) in a copy older than the verdict until its next pull: the
  // lead's desk pulls first (electron/engine/decisions.ts).
  it('has the QA reviewer disagree from their desk; the lead sees the disagreement and upholds it', async () => {
    const { pinned, qaReviewer, reviewer } = scenario;
    await qa.getByLabel(t('lead:qaTasks.comment')).fill('The acknowledgement is on the last page; I would approve.');
    await qa.getByRole('button', { name: t('lead:qaTasks.record') }).click();
    // Once the service has the verdict, the first decision is shown, and the disagreement.
    try {
      await until('the service to have the verdict', async () => (await claimNow(pinned.claim.id)).qa.some((q) => q.state !== 'open'), 60_000);
      await qa.getByText(t('lead:qaTasks.agreement.disagreed')).waitFor({ timeout: 60_000 });
    } catch (error) {
      await screenshot(qa, 'qa-task-stuck');
      const sync = qa.getByTestId('sync-status');
      throw new Error(
        `${(error as Error).message}\nThe QA reviewer's screen: ${await qa.locator('main').innerText()}\nTheir sync status: ${await sync.getAttribute('data-connection')}, ${await sync.getAttribute('data-pending')} pending\nThe claim's QA: ${JSON.stringify((await claimNow(pinned.claim.id)).qa)}`,
      );
    }
    expect(await qa.locator('main').innerText()).toContain(t('lead:qaTasks.answered', { outcome: t('domain:action.reject') }));
    // Now the first decision beside the verdict: its reviewer, reason, comment, the item's note beside the
    // QA reviewer's own state (they passed what was missing: marked as differing), its pinned region drawn.
    const compared = await qa.locator('main aside').innerText();
    for (const shown of [NOTE, COMMENT, t('domain:rejectionReason.insufficient_poe'), reviewer.name]) expect(compared).toContain(shown);
    const item = qa.locator('[data-qa-item="customer_acknowledgement"]');
    expect(await item.innerText()).toContain(t('lead:qaTasks.yourItem', { state: t('domain:itemState.passed') }));
    expect(await item.locator('[data-agrees="false"]').count()).toBe(1);
    await until('the first decision’s pinned region drawn on its page', async () => (await qa.locator('.poe-region-mark[data-kept]').count()) > 0, 90_000);
    expect(await seriousViolations(qa), 'axe on a QA task, answered').toEqual([]);
    await screenshot(qa, 'qa-task-answered-en');
    await qa.getByRole('button', { name: 'Čeština' }).click();
    await qa.locator('html[lang="cs"]').waitFor({ timeout: 10_000 });
    await screenshot(qa, 'qa-task-answered-cs');
    expect(await seriousViolations(qa), 'axe on a QA task, answered (cs)').toEqual([]);

    // The lead sees it on the QA screen and upholds the first decision.
    await show(page, '#/lead-qa');
    const card = page.locator(`[data-qa-disagreement="${pinned.claim.number}"]`);
    await card.waitFor({ timeout: 60_000 });
    const shown = await card.innerText();
    expect(shown).toContain(t('lead:qa.first', { outcome: t('domain:action.reject'), name: reviewer.name }));
    expect(shown).toContain(t('lead:qa.verdict', { outcome: t('domain:action.approve'), name: qaReviewer.name }));
    const justification = 'The acknowledgement on the last page is unsigned; the rejection stands.';
    await card.getByLabel(t('lead:qa.justification')).fill(justification);
    await card.getByRole('button', { name: t('lead:qa.uphold') }).click();
    const saved = await until(
      'the resolution saved or refused',
      async () => ((await page.getByText(t('lead:qa.resolved')).count()) > 0 ? 'saved' : (await card.locator('.MuiAlert-root').count()) > 0 && `refused: ${await card.innerText()}`),
      30_000,
    );
    expect(saved).toBe('saved');
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    const resolved = await until(
      'the service to have the resolution',
      async () => {
        const c = await claimNow(pinned.claim.id);
        return c.history.at(-1)?.action === 'resolveQaDisagreement' ? c : null;
      },
      60_000,
    );
    expect(resolved.status).toBe('rejected');
    expect(resolved.qa.find((q) => q.id === pinned.claim.qa.find((t) => t.state === 'open')!.id)).toMatchObject({ state: 'resolved', resolution: { outcome: 'upheld', by: { id: scenario.lead.session.user.id } } });
    expect(resolved.history.at(-1)).toMatchObject({ actor: { kind: 'team_lead', id: scenario.lead.session.user.id }, details: { resolution: 'upheld', justification } });
  }, 400_000);

  for (const lang of ['en', 'cs'] as const) {
    it(`shows every lead screen in ${lang} once its data has loaded, accessible`, async () => {
      const tl = createI18n(lang).t;
      await page.getByRole('button', { name: lang === 'cs' ? 'Čeština' : 'English' }).click();
      await page.locator(`html[lang="${lang}"]`).waitFor({ timeout: 10_000 });
      const look = async (name: string, what: string) => {
        await settled(page);
        await screenshot(page, `${name}-${lang}`);
        expect(await seriousViolations(page), `axe on ${what} (${lang})`).toEqual([]);
      };

      await show(page, '#/lead-log');
      await page.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
      // Still filtered as the lead left it, its days in the language's own format (d. M. yyyy in Czech).
      expect(await page.getByRole('search').getByRole('textbox', { name: tl('lead:log.from') }).inputValue()).toBe(formatDay(scenario.lastMonth.from.toISODate()!, lang));
      await look('lead-log', 'the decision log');

      await show(page, `#/lead-decision/${scenario.pinned.decisionId}`);
      await until('the pinned region drawn on its page', async () => (await page.locator('.poe-region-mark[data-kept]').count()) > 0, 90_000);
      await look('lead-decided', 'the claim as decided');

      await show(page, '#/lead-assign');
      await page.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
      await look('lead-assign', 'assignment');

      await show(page, '#/lead-sla');
      // Loaded: the "as of" line, the chart's bars and the counts per clock.
      await page.getByText(tl('lead:sla.asOf', { at: '' }).trim()).first().waitFor({ timeout: 60_000 });
      await page.locator('main .MuiBarElement-root, main [class*="MuiBarChart"] rect').first().waitFor({ timeout: 60_000 });
      await page.locator('main table tbody tr').first().waitFor({ timeout: 60_000 });
      await look('lead-sla', 'the SLA board');

      await show(page, '#/lead-metrics');
      await page.getByRole('heading', { name: tl('lead:metrics.title'), level: 1 }).waitFor({ timeout: 60_000 });
      await page.locator('main section[aria-label] h2').first().waitFor({ timeout: 60_000 });
      await look('lead-metrics', 'metrics');

      await show(page, '#/lead-qa');
      await until('the audit chain checked', async () => (await page.getByTestId('audit-chain').getAttribute('data-state')) !== 'unknown', 60_000);
      await look('lead-qa', 'QA');
    }, 300_000);
  }

  it('shows the audit chain verified, then broken once a row of audit_events is altered in the database', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ timeout: 10_000 });
    await show(page, '#/lead-qa');
    const chain = page.getByTestId('audit-chain');
    await until('the audit chain verified', async () => (await chain.getAttribute('data-state')) === 'verified', 60_000);

    // The service's database, altered behind its back: the lead's justification of the reopening rewritten.
    await service.stop();
    const store = await openPglite(path.join(dataDir, 'service', 'pglite'));
    let altered: number;
    try {
      const result = (await store.db.execute(sql`
        UPDATE audit_events SET details = jsonb_set(details, '{justification}', '"Reopened because the partner asked nicely."')
        WHERE seq = (SELECT max(seq) FROM audit_events WHERE action = 'reopen' AND claim_id = ${scenario.reopened.id})
        RETURNING seq`)) as unknown as { rows: { seq: number | string }[] };
      expect(result.rows).toHaveLength(1);
      altered = Number(result.rows[0]!.seq);
    } finally {
      await store.close();
    }
    await service.start();

    // Re-checked from the screen (again while the desk is still finding the restarted service).
    const recheck = chain.getByRole('button', { name: t('lead:qa.recheck') });
    await until(
      'the audit chain broken',
      async () => {
        if ((await chain.getAttribute('data-state')) === 'broken') return true;
        if ((await recheck.count()) === 1 && (await recheck.isEnabled())) await recheck.click();
        return false;
      },
      90_000,
    );
    expect(await chain.innerText()).toContain(`Broken at event ${altered}`);
    await screenshot(page, 'lead-qa-broken-en');
  }, 300_000);

  it('met no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
