// A claim whose PoE documents a test chose: a partner files it through the partner API with the
// PDFs, the lead assigns it to the reviewer, who starts the review; then the reviewer signs in to
// the browser build. The viewer's E2E tests (alignment, tools) start from here.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LoginResponse } from '../../../shared/contract/server.js';
import { ClaimsService, type Account } from './claims-service.js';
import { ensureRendererBuilt, launchChromium, screenshot, startWeb, type Web } from './desk.js';
import { freePort } from './processes.js';

export interface PoeFile {
  name: string;
  bytes: Uint8Array;
}

/** Files the claim with `files` and puts it in review on the reviewer's desk; returns its id and the reviewer. */
async function claimInReview(service: ClaimsService, files: PoeFile[]): Promise<{ claimId: string; reviewer: Account }> {
  const login = async (username: string) => {
    const account = service.accounts.get(username)!;
    const res = await fetch(`${service.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: account.password }) });
    return LoginResponse.parse(await res.json());
  };
  const partnerName = [...service.accounts.values()].find((a) => a.role === 'partner_admin')!.username;
  const partner = await login(partnerName);
  const api = async (method: string, url: string, body: unknown, type = 'application/json') => {
    const res = await fetch(`${service.url}${url}`, { method, headers: { 'content-type': type, authorization: `Bearer ${partner.token}` }, body: type === 'application/json' ? JSON.stringify(body) : Buffer.from(body as Uint8Array) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string; number: string }>;
  };
  const claim = await api('POST', '/partner/claims', {
    partnerId: partner.user.partnerId,
    partnerName: 'Viewer test partner',
    activity: 'pre_sales',
    customer: { tenantId: randomUUID(), name: 'Viewer Test Ltd' },
    products: ['power-bi'],
    customerContact: { name: 'Carl Customer', email: 'carl@viewer.example' },
    partnerContact: { name: 'Paula Partner', email: 'paula@viewer.example' },
  });
  for (const file of files) await api('PUT', `/partner/claims/${claim.id}/documents?name=${encodeURIComponent(file.name)}`, file.bytes, 'application/pdf');
  await api('POST', `/partner/claims/${claim.id}/submit`, {});
  const reviewer = service.account('reviewer');
  const reviewerDesk = await service.as(reviewer);
  const lead = await service.as(service.account('team_lead'));
  if ((await lead.act(claim.number, 'assign', { assignee: { id: reviewerDesk.session.user.id, name: reviewerDesk.session.user.name } })) !== 'applied') throw new Error('The lead could not assign the claim.');
  if ((await reviewerDesk.act(claim.number, 'startReview', {})) !== 'applied') throw new Error('The reviewer could not start the review.');
  return { claimId: claim.id, reviewer };
}

/** Signs the reviewer in to the browser build at `webUrl` and waits for the queue. */
async function signIn(page: Page, webUrl: string, service: ClaimsService, reviewer: Account): Promise<void> {
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
  await page.goto(webUrl);
  await page.getByLabel('Claims service').fill(service.url);
  await page.getByLabel('User name').fill(reviewer.username);
  await page.getByLabel('Password').fill(reviewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor({ timeout: 60_000 });
}

/** Opens the claim in the desk and waits until its first PoE's page 1 has its text layer (a screenshot if not). */
async function openClaim(page: Page, webUrl: string, claimId: string, label: string): Promise<void> {
  await page.goto(`${webUrl}#/claim/${claimId}`);
  await page
    .locator('.pdfViewer .page[data-page-number="1"] .textLayer span')
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async (error: Error) => {
      await screenshot(page, `${label}-not-opened`);
      throw error;
    });
}

/**
 * The whole set-up of a viewer E2E file: a claims service, a claim in review with these PoEs, the
 * browser build and Chromium with the reviewer signed in. stop() ends what start() got to.
 */
export class ViewerDesk {
  private readonly dataDir: string;
  service?: ClaimsService;
  web?: Web;
  browser?: Browser;
  page!: Page;
  claimId!: string;

  constructor(label: string) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), `poe-desk-${label}-`));
  }

  async start(files: () => Promise<PoeFile[]>): Promise<void> {
    this.service = new ClaimsService(await freePort(), path.join(this.dataDir, 'service'));
    await Promise.all([this.service.start(), ensureRendererBuilt()]);
    const filed = await claimInReview(this.service, await files());
    this.claimId = filed.claimId;
    this.web = await startWeb(this.dataDir, this.service.url);
    ({ browser: this.browser, page: this.page } = await launchChromium());
    await signIn(this.page, this.web.url, this.service, filed.reviewer);
  }

  /** Opens the claim and waits for its first PoE's page 1. */
  open(label: string): Promise<void> {
    return openClaim(this.page, this.web!.url, this.claimId, label);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await Promise.all([this.web?.process.stop(), this.service?.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
