// A reviewer's session end to end, in Chromium against `npm run web`: sign in, the queue, a claim
// and its PoE (rendered, searched), flags that become a partner-action request, two decisions made
// offline while another reviewer decides one of the same claims, the return online with one
// decision synced and one in the conflicts inbox, the Czech UI, and the 300-page PoE workbook read
// by HTTP ranges while short PoEs come whole. Screenshots of the queue, the claim, the conflicts
// inbox and the Czech UI go to test-results/; axe checks each of them.
//
// The desk reaches its claims service through a relay the test controls: stopping the service and
// closing the relay is the desk's outage; the service comes back first, for the other reviewer
// only, then the relay reopens and the desk syncs, so the conflict happens in a fixed order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, type Actor, ClaimsService } from './support/claims-service.js';
import { ensureRendererBuilt, launchChromium, screenshot, seriousViolations, startWeb, until, type Web } from './support/desk.js';
import { freePort } from './support/processes.js';
import { Relay } from './support/relay.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'poe-desk-e2e-'));
let service: ClaimsService;
let relay: Relay;
let web: Web;
let browser: Browser;
let page: Page;
let reviewer: Account;
const consoleErrors: string[] = [];
/** renderer/viewer/pdfjs.ts's RANGE_CHUNK_SIZE: the unit pdf.js asks a long PoE for. */
const CHUNK = 64 * 1024;

interface PoeExchange {
  sha256: string;
  range: string | undefined;
  token: boolean;
  status: number;
  contentRange: string | undefined;
}
/** Every answer to the page's /poe/<sha256> requests, from the start: how pdf.js read each PoE. */
const poeExchanges: Promise<PoeExchange>[] = [];

function watchPoeRequests(response: Response) {
  const sha256 = /^\/poe\/([0-9a-f]{64})$/.exec(new URL(response.url()).pathname)?.[1];
  if (!sha256) return;
  poeExchanges.push(
    response
      .request()
      .allHeaders()
      .then((sent) => ({ sha256, range: sent.range, token: 'x-poe-token' in sent, status: response.status(), contentRange: response.headers()['content-range'] })),
  );
}

/** The claim number in the claim view's header. */
const openClaim = () => page.locator('main h1').first().innerText();

async function waitForClaim(notNumber?: string): Promise<string> {
  return until('a claim to open', async () => {
    const visible = await page.locator('main h1').first().isVisible().catch(() => false);
    if (!visible) return false;
    const number = await openClaim();
    return /^CL-\d{4}-\d{5}$/.test(number) && number !== notNumber ? number : false;
  });
}

/** Share of clearly non-white pixels on a page's canvas: > 0 means pdf.js drew the page. */
function inkOnPage(n: number): Promise<number> {
  return page.evaluate((n) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`.pdfViewer .page[data-page-number="${n}"] canvas`);
    if (!canvas || canvas.width === 0) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) ink++;
    return ink / (canvas.width * canvas.height);
  }, n);
}

async function decisionState(number: string): Promise<string | null> {
  return page.locator(`[data-decision-state][data-claim="${number}"]`).first().getAttribute('data-decision-state', { timeout: 1000 }).catch(() => null);
}

/** A channel of the engine, called on the browser host's API as the page calls it. */
async function hostApi(channel: string, args: unknown): Promise<unknown> {
  const url = new URL(web.url);
  const response = await fetch(new URL(`/api/${channel}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-poe-token': url.searchParams.get('token')! },
    body: JSON.stringify(args),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** The claims on the desk (the engine's store, every assignee) that match this search. */
const deskClaims = async (search?: string) => (await hostApi('queue.query', { search, limit: 1000 })) as { total: number; rows: { id: string }[] };

const deskHolds = async (search: string) => (await deskClaims(search)).total;

async function syncStatus(): Promise<{ connection: string | null; pending: string | null }> {
  const status = page.getByTestId('sync-status');
  return { connection: await status.getAttribute('data-connection'), pending: await status.getAttribute('data-pending') };
}

/** Sets a checklist item to missing with its number key (not checked → passed → missing). */
async function flagWithKey(n: number) {
  const item = page.locator('aside ol > li').nth(n - 1);
  const missing = item.getByRole('button', { name: 'Missing' });
  for (let i = 0; i < 3 && (await missing.getAttribute('aria-pressed')) !== 'true'; i++) {
    await page.locator('body').press(String(n));
  }
  expect(await missing.getAttribute('aria-pressed')).toBe('true');
}

/** Sets a checklist item to missing with its "Missing" button (a second click would clear it). */
async function flagWithMouse(label: string) {
  const missing = page.locator('aside li', { has: page.getByText(label, { exact: true }) }).getByRole('button', { name: 'Missing' });
  if ((await missing.getAttribute('aria-pressed')) !== 'true') await missing.click();
  expect(await missing.getAttribute('aria-pressed')).toBe('true');
}

async function expectAccessible(screen: string) {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

beforeAll(async () => {
  service = new ClaimsService(await freePort(), path.join(dataDir, 'service'));
  relay = new Relay(await freePort(), () => service.port);
  await Promise.all([service.start(), ensureRendererBuilt()]);
  await relay.open();
  web = await startWeb(dataDir, relay.url);
  reviewer = service.account('reviewer');
  ({ browser, page } = await launchChromium());
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('response', watchPoeRequests);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await Promise.all([web?.process.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('a reviewer in PoE Desk', () => {
  it('signs in to the claims service', async () => {
    await page.goto(web.url);
    await page.getByLabel('Claims service').fill(relay.url);
    await page.getByLabel('User name').fill(reviewer.username);
    await page.getByLabel('Password').fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor({ timeout: 30_000 });
    // The token came in the address and is no longer there.
    expect(page.url()).not.toContain('token=');
  }, 60_000);

  it('opens the queue: SLA in words, sorted by deadline, filtered to claims in review', async () => {
    await page.locator('[role=row][data-row="0"]').getByText(/^CL-\d{4}-\d{5}$/).waitFor({ timeout: 60_000 });
    const sla = await page.locator('[role=row][data-row="0"] [role=gridcell]').nth(6).innerText();
    expect(sla).toMatch(/business days? left|Due today|Overdue|days? left/);
    await screenshot(page, 'queue');
    await expectAccessible('the queue');
    // The desk holds her scope as the service decides it, not every claim.
    const scope = (await (await service.as(reviewer)).claims()).map((c) => c.id).sort();
    await until('the desk to hold exactly her scope', async () => JSON.stringify((await deskClaims()).rows.map((r) => r.id).sort()) === JSON.stringify(scope), 30_000);
    expect(scope.length).toBeGreaterThan(0);
    const everyone = (await hostApi('claims.search', {})) as { online: boolean; total: number };
    expect(everyone.online).toBe(true);
    expect(scope.length).toBeLessThan(everyone.total);

    await page.getByLabel('Status').click();
    await page.getByRole('option', { name: 'In review' }).click();
    await page.keyboard.press('Escape');
    await until('only claims in review', async () => {
      const statuses = await page.locator('[role=row][data-row] [role=gridcell]:nth-child(5)').allInnerTexts();
      return statuses.length > 0 && statuses.every((s) => s.trim() === 'In review');
    });
  }, 90_000);

  it('opens a claim and renders its first PoE page', async () => {
    await page.locator('[role=row][data-row="0"]').click();
    await waitForClaim();
    const ink = await until('page 1 drawn on its canvas', async () => ((await inkOnPage(1)) > 0.005 ? inkOnPage(1) : false), 60_000);
    expect(ink).toBeGreaterThan(0.005);
    // The text layer is there too: what the reviewer can select and find.
    await page.locator('.pdfViewer .page[data-page-number="1"] .textLayer span').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'claim');
    await expectAccessible('the claim view');

    // J and K walk the queue from the claim view.
    const first = await openClaim();
    await page.locator('body').press('j');
    await waitForClaim(first);
    await page.locator('body').press('k');
    expect(await until('the first claim again', async () => ((await openClaim()) === first ? first : false))).toBe(first);
  }, 90_000);

  it('finds a claimed product in the PoE, every match highlighted', async () => {
    const products = (await page.getByTestId('claim-products').innerText()).split(',').map((p) => p.trim());
    await page.locator('body').press('f');
    const find = page.getByLabel('Find in the PoE');
    await find.waitFor();
    let found: string | null = null;
    for (const product of products) {
      await find.fill(product);
      const status = await until(`the find result for ${product}`, async () => {
        const text = (await page.locator('#find-status').innerText()).trim();
        return /of|Not found/.test(text) ? text : false;
      });
      if (/^\d+ of \d+$/.test(status)) {
        found = product;
        break;
      }
    }
    expect(found, `one of ${products.join(', ')} is in the PoE text`).not.toBeNull();
    expect(await page.locator('.textLayer .highlight').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('flags two items and requests partner action; the decision is saved, then synced, and the next claim opens', async () => {
    const number = await openClaim();
    const savedBoth = page.waitForResponse((r) => {
      if (!r.url().endsWith('/api/drafts.save') || !r.ok()) return false;
      const { checklist } = r.request().postDataJSON() as { checklist: Record<string, { state: string } | undefined> };
      return checklist.customer_acknowledgement?.state === 'missing' && checklist.dates?.state === 'missing';
    });
    await flagWithMouse('Customer acknowledgement signed');
    await flagWithMouse('Dates present and current');
    // The flags are the engine's draft, not the page's: a browser with storage of its own (as after
    // a restart of the browser) opens the claim with them.
    await savedBoth;
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${web.url}${new URL(page.url()).hash}`);
      for (const label of ['Customer acknowledgement signed', 'Dates present and current']) {
        const missing = fresh.locator('aside li', { has: fresh.getByText(label, { exact: true }) }).getByRole('button', { name: 'Missing' });
        await until(`${label} flagged in a fresh browser`, async () => (await missing.getAttribute('aria-pressed').catch(() => null)) === 'true');
      }
    } finally {
      await fresh.close();
    }
    await page.locator('body').press('p');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const preview = dialog.getByLabel('What the partner reads');
    await preview.getByText('Customer acknowledgement missing').waitFor();
    await preview.getByText('Dates missing or stale').waitFor();
    await dialog.getByLabel('Comment').fill('Please add the signed acknowledgement page and a dated statement of work.');
    await preview.getByText('Please add the signed acknowledgement page').waitFor();
    await dialog.getByRole('button', { name: 'Request partner action' }).click();

    await waitForClaim(number);
    await until(`${number} synced`, async () => (await decisionState(number)) === 'synced', 30_000);
  }, 90_000);

  let onlineLater = '';
  let conflicting = '';

  it('decides two claims while the claims service is down', async () => {
    await service.stop();
    await relay.close();
    await page.getByTestId('sync-status').click();
    await until('the desk to see it is offline', async () => (await syncStatus()).connection === 'offline', 30_000);

    onlineLater = await openClaim();
    await flagWithKey(4);
    await page.locator('body').press('p');
    const request = page.getByRole('dialog');
    await request.getByLabel('Comment').fill('Describe the work you did for the customer.');
    await request.getByRole('button', { name: 'Request partner action' }).click();
    conflicting = await waitForClaim(onlineLater);

    await page.locator('body').press('x');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Insufficient PoE').check();
    await dialog.getByLabel('Comment').fill('The PoE does not show the deployment.');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    // The next claim opens, or the queue when that was the last claim in review.
    await until('the desk to move on', async () => (await page.getByRole('heading', { name: 'Queue', level: 1 }).isVisible()) || (await openClaim().catch(() => conflicting)) !== conflicting);

    expect(await decisionState(onlineLater)).toBe('saved');
    expect(await decisionState(conflicting)).toBe('saved');
    expect(await syncStatus()).toEqual({ connection: 'offline', pending: '2' });
  }, 90_000);

  it('meanwhile, the team lead gives one of them to another reviewer, who decides it', async () => {
    await service.start();
    const lead = await service.as(service.account('team_lead'));
    const other = await service.as(service.account('reviewer', [reviewer.username]));
    expect(await lead.act(conflicting, 'assign', { assignee: { id: other.session.user.id, name: other.session.user.name } })).toBe('applied');
    expect(await other.act(conflicting, 'requestPartnerAction', await otherReviewersRequest(other, conflicting))).toBe('applied');
  }, 120_000);

  it('comes back online: one decision synced, the other refused into the conflicts inbox', async () => {
    await relay.open();
    await page.getByTestId('sync-status').click();
    await until('the desk online with nothing pending', async () => {
      const s = await syncStatus();
      return s.connection === 'online' && s.pending === '0';
    }, 60_000);
    await until(`${onlineLater} synced`, async () => (await decisionState(onlineLater)) === 'synced', 30_000);
    // Reassigned away before she decided it: her offline decision was refused into the conflicts
    // inbox, and the claim left her desk at this sync.
    await until(`${conflicting} refused`, async () => (await decisionState(conflicting)) === 'refused', 30_000);
    expect(await deskHolds(conflicting)).toBe(0);
    expect(await deskHolds(onlineLater)).toBe(1);

    await page.getByRole('button', { name: /Conflicts/ }).click();
    const conflict = page.locator(`[data-conflict="${conflicting}"]`);
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.innerText()).toMatch(/Reject/);
    expect(await conflict.innerText()).toMatch(/Why:/);
    for (const action of ['Open claim', 'Re-apply', 'Discard']) await conflict.getByRole('button', { name: action }).waitFor();
    await screenshot(page, 'conflicts');
    await expectAccessible('the conflicts inbox');
  }, 120_000);

  it('switches to Czech', async () => {
    await page.getByRole('button', { name: 'Čeština' }).click();
    await page.getByRole('heading', { name: 'Konflikty', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Fronta' }).click();
    await page.getByRole('heading', { name: 'Fronta', level: 1 }).waitFor();
    await page.getByText(/žádost/).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('cs');
    await screenshot(page, 'czech');
    await expectAccessible('the Czech UI');
  }, 60_000);

  it('keeps a queue of 50,000 claims light: only the rows on screen exist, any row loads on demand', async () => {
    const TOTAL = 50_000;
    // "Everyone" is the claims service's search, through the engine's claims.search.
    await page.route('**/api/claims.search', async (route) => {
      const { offset = 0, limit = 200 } = JSON.parse(route.request().postData() ?? '{}') as { offset?: number; limit?: number };
      const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, k) => syntheticRow(offset + k));
      await route.fulfill({ json: { online: true, total: TOTAL, rows } });
    });
    await page.getByRole('button', { name: 'Všech' }).click();
    await page.getByText(/^50\s000 žádostí$/).waitFor();
    await page.locator('[role=row][data-row="0"]').focus();
    await page.keyboard.press('End');
    await page.locator(`[role=row][data-row="${TOTAL - 1}"]`).getByText('CL-2026-49999').waitFor();
    expect(await page.locator('[role=row][data-row]').count()).toBeLessThan(80);
    await page.unroute('**/api/claims.search');
  }, 60_000);

  it('finds the 300-page workbook’s claim outside her desk through the service, opens it on demand and loads it by ranges: page 1 at once, page 300 when asked', async () => {
    // The demo's claim in review on its 300-page PoE sits on the desk of whichever reviewer it is
    // assigned to; if that is her, the lead gives it to another reviewer, so it is outside her scope.
    let claim: Awaited<ReturnType<Actor['claims']>>[number] | undefined;
    const reviewers = [...service.accounts.values()].filter((a) => a.role === 'reviewer');
    for (const account of reviewers) {
      claim ??= (await (await service.as(account)).claims()).find((c) => c.status === 'in_review' && c.documents.some((d) => d.pages === 300));
    }
    expect(claim, 'the demo data has a claim in review on the 300-page workbook').toBeDefined();
    const desk = await service.as(reviewer);
    if (claim!.assignee?.id === desk.session.user.id) {
      const other = await service.as(reviewers.find((a) => a.username !== reviewer.username)!);
      expect(await (await service.as(service.account('team_lead'))).actOn(claim!, 'assign', { assignee: { id: other.session.user.id, name: other.session.user.name } })).toBe('applied');
      await page.getByTestId('sync-status').click();
    }
    await until(`${claim!.number} off her desk`, async () => (await deskHolds(claim!.number)) === 0, 30_000);
    const workbook = claim!.documents.find((d) => d.pages === 300)!;

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Queue', exact: true }).click();
    await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Everyone' }).click();
    const searched = page.waitForResponse((r) => r.url().endsWith('/api/claims.search') && r.request().postDataJSON()?.search === claim!.number);
    await page.getByRole('searchbox', { name: 'Search' }).fill(claim!.number);
    // The service answered the search (the desk does not hold the claim).
    expect(await (await searched).json()).toMatchObject({ online: true, total: 1, rows: [{ number: claim!.number }] });
    // The count, not the row, says the real answer replaced the 50,000 synthetic rows (whose numbers overlap).
    await page.getByText(/^1 claim$/).waitFor();
    await page.locator('[role=row][data-row="0"]', { hasText: claim!.number }).click();
    await until(`${claim!.number} open`, async () => (await openClaim().catch(() => '')) === claim!.number);
    // Opened on demand: shown, and still not on her desk.
    expect(await deskHolds(claim!.number)).toBe(0);

    await until('page 1 of the workbook drawn', async () => (await inkOnPage(1)) > 0.005, 15_000);
    const pageNumber = page.getByLabel('Page number');
    await pageNumber.fill('300');
    await pageNumber.press('Enter');
    await until('page 300 of the workbook drawn', async () => (await inkOnPage(300)) > 0.005, 15_000);
    expect(await pageNumber.inputValue()).toBe('300');

    const exchanges = await Promise.all(poeExchanges);
    // The short PoEs opened earlier are under two chunks: pdf.js read each whole, in one plain request.
    const others = exchanges.filter((e) => e.sha256 !== workbook.sha256);
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((e) => e.range !== undefined || e.status !== 200)).toEqual([]);

    const seen = exchanges.filter((e) => e.sha256 === workbook.sha256);
    const ranged = seen.filter((e) => e.range !== undefined);
    const spans = ranged.map(({ status, contentRange }) => {
      expect(status).toBe(206);
      const [from, to, size] = (/^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '') ?? []).slice(1).map(Number);
      expect(size, contentRange).toBe(workbook.size);
      return { from: from!, to: to! };
    });
    const fetched = spans.reduce((sum, { from, to }) => sum + to - from + 1, 0);
    console.info(`the ${workbook.size}-byte workbook: ${seen.length - ranged.length} plain request, then ${ranged.length} range requests (${fetched} bytes) for pages 1 and 300`);
    // pdf.js opens with one plain GET and drops it once its headers offer ranges; every read after that is a range.
    expect(seen.length - ranged.length).toBeLessThanOrEqual(1);
    expect(ranged.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((e) => e.token)).toBe(true);
    // Whole chunks of the viewer's chunk size (neighbouring chunks may come in one request), the
    // last cut at the end of the file; a single chunk shows the size is 64 KiB, not a multiple.
    for (const { from, to } of spans) {
      expect(from % CHUNK).toBe(0);
      expect(to === workbook.size - 1 || (to + 1) % CHUNK === 0, `bytes ${from}-${to}`).toBe(true);
    }
    expect(spans.some(({ from, to }) => to - from + 1 === CHUNK)).toBe(true);
  }, 120_000);

  it('met no script error on the way', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

function syntheticRow(i: number) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    number: `CL-2026-${String(i).padStart(5, '0')}`,
    partnerId: '4127093',
    partnerName: 'Fabrikam',
    customerName: `Customer ${i}`,
    products: ['power-bi'],
    status: 'in_review',
    assignee: { id: 'u1', name: 'Jana Svobodová' },
    nextDeadline: { clock: 'review_sla', dueAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(), overdue: false },
    pending: false,
    conflict: false,
  };
}

/** What the other reviewer sends: their own flag and comment, on the claim as it is now. */
async function otherReviewersRequest(other: Awaited<ReturnType<ClaimsService['as']>>, number: string) {
  const claim = await other.claim(number);
  return {
    checklist: { ...claim.review.checklist, poe_present: { state: 'missing', evidence: [] } },
    comment: 'Wrong file: this PoE belongs to another customer.',
    commentId: crypto.randomUUID(),
  };
}
