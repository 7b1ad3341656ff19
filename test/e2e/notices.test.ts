// What the engine found about the data on this computer reaches the reviewer in the app, not only a
// log (issue 14, items 4 and 6): `npm run web` opened on a data folder with a damaged drafts.json,
// an outbox cut short and another reviewer's decisions waiting shows each in the notice banner, in
// English and in Czech, each dismissible. Screenshots: test-results/notices-{en,cs}.png.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { claimsServiceFixture } from '../integration/engine/claims-service.js';
import { ensureRendererBuilt, launchChromium, screenshot, startWeb, until, type Web } from './support/desk.js';

describe('the notice banner', () => {
  const fixture = claimsServiceFixture(4, { beforeAll, afterAll });
  let web: Web | null = null;
  let browser: Browser | null = null;
  afterAll(async () => {
    await browser?.close();
    await web?.process.stop();
  });

  /** A data folder as a team lead finds it: Jana's decisions held, two of the lead's own cut off, drafts.json damaged. */
  async function preparedFolder(): Promise<string> {
    const { who, claimIds } = fixture;
    const root = await tempDir('notices-e2e');
    const dir = path.join(root, 'desk');
    const open = () => Engine.open({ dataDir: dir, serverUrl: fixture.service.url, autoSync: false });
    const note = (claimId: string, text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });
    const engine = await open();
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await engine['sync.now']({});
    for (const text of ['Invoice checked.', 'Waiting for the signed order.']) await engine['claims.mutate'](note(claimIds[0]!, text));
    await engine['session.signOut']({});
    await engine['session.signIn']({ username: who.lead.username, password: who.lead.password });
    await engine['sync.now']({});
    for (const [i, text] of ['Looks fine.', 'Second look needed.', 'Ask the partner.'].entries()) await engine['claims.mutate'](note(claimIds[1 + i]!, text));
    await engine.close();
    const outbox = path.join(dir, 'outbox.jsonl');
    const lines = (await readFile(outbox, 'utf8')).split('\n').filter(Boolean);
    await writeFile(outbox, lines.slice(0, -2).map((l) => `${l}\n`).join(''));
    await writeFile(path.join(dir, 'drafts.json'), '{"sha256":"0"}\n{"format":1,"drafts":{}}');
    return root;
  }

  it('shows damaged_file, outbox_truncated and outbox_of_other_user in English and Czech', { timeout: 600_000 }, async () => {
    const [root] = await Promise.all([preparedFolder(), ensureRendererBuilt()]);
    web = await startWeb(root, fixture.service.url);
    const chromium = await launchChromium();
    browser = chromium.browser;
    const { page } = chromium;
    await page.goto(web.url);
    const notices = page.locator('[data-testid="notice"]');
    await until('three notices', async () => (await notices.count()) === 3, 60_000);
    expect(await notices.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort())).toEqual(['damaged_file', 'outbox_of_other_user', 'outbox_truncated']);
    const banner = page.getByRole('region', { name: 'About the data on this computer' });
    const en = await banner.innerText();
    expect(en).toMatch(/found drafts\.json damaged when it started and kept it aside as \S+drafts\.json\.damaged-/);
    expect(en).toMatch(/2 decision\(s\) recorded in it are missing, on claim\(s\) CL-\d{4}-\d{5}, CL-\d{4}-\d{5} /);
    expect(en).toMatch(/2 decision\(s\) by Jana Dvořáková wait on this computer and are not sent under your name.* is in \S+held\/\w+\/decisions\.json/);
    await screenshot(page, 'notices-en');

    await page.getByRole('button', { name: 'Čeština' }).click();
    const bannerCs = page.getByRole('region', { name: 'O datech na tomto počítači' });
    await until('the Czech banner', async () => (await bannerCs.count()) === 1);
    const cs = await bannerCs.innerText();
    expect(cs).toMatch(/poškozený soubor drafts\.json/);
    expect(cs).toMatch(/chybí v něm 2 zaznamenaných rozhodnutí, u žádostí CL-/);
    expect(cs).toMatch(/rozhodnutí uživatele Jana Dvořáková \(2\)/);
    await screenshot(page, 'notices-cs');

    await notices.first().getByRole('button', { name: 'Skrýt' }).click();
    await until('two notices after one is dismissed', async () => (await notices.count()) === 2);
  });
});
