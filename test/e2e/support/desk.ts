// PoE Desk as the end-to-end tests use it: the renderer built (again only when its sources are
// newer than the build), `npm run web` on a free port with a temporary data directory, and
// Debian's Chromium driven by playwright-core, with screenshots and axe checks as artefacts.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../../scripts/find-chromium.js';
import { freePort, start, type Started } from './processes.js';

const RESULTS = path.resolve('test-results');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const info = statSync(p);
    latest = Math.max(latest, info.isDirectory() ? newest(p) : info.mtimeMs);
  }
  return latest;
}

/**
 * `npm run web` serves dist/renderer as it is: build it when renderer/ or shared/ changed since.
 * In its own process, as `npm run build:renderer` would: vitest's NODE_ENV=test must not reach the bundle.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const built = statSync('dist/renderer/index.html', { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > Math.max(newest('renderer'), newest('shared'), statSync('vite.config.ts').mtimeMs)) return;
  const vite = start(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { NODE_ENV: 'production' }, 'vite build');
  const code = await new Promise<number | null>((resolve) => vite.child.once('exit', resolve));
  if (code !== 0) throw new Error(`Building the renderer failed:\n${vite.output.slice(-30).join('\n')}`);
}

export interface Web {
  url: string;
  process: Started;
}

/** `npm run web` with its desk talking to `serverUrl` (the test's own claims service or relay). */
export async function startWeb(dataDir: string, serverUrl: string): Promise<Web> {
  const port = await freePort();
  const web = start('npm', ['run', '--silent', 'web'], { POE_DESK_DATA_DIR: path.join(dataDir, 'desk'), POE_SERVER_URL: serverUrl, POE_WEB_PORT: String(port) }, 'npm run web');
  const [, url] = await web.waitFor(/PoE Desk is running: open (\S+)/, 240_000);
  return { url: url!, process: web };
}

export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  // axe needs a page of an explicit context.
  const context = await browser.newContext({ viewport: { width: 1600, height: 960 } });
  return { browser, context, page: await context.newPage() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The serious and critical accessibility violations axe finds on the page as it is. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Waits until `check` returns a value that is not false/undefined, polling the page's state. */
export async function until<T>(what: string, check: () => Promise<T | false | undefined | null>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== undefined && value !== null) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
