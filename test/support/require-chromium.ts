// vitest global set-up: a run that includes the browser tests needs Chromium or Chrome. Without
// one, stop before any test runs with the one line that says how to get it (rather than failing
// at the browser's launch after minutes of other tests). A run of other files alone goes on.
// Such a run also builds the renderer here, once, before any test file starts: each browser test
// file builds it when it is out of date, and two files starting together on a clean clone ran two
// vite builds into one dist/renderer, one emptying it under the other (a CI run failed so).
import { readdirSync } from 'node:fs';
import { findChromium, NoChromiumError } from '../../scripts/find-chromium.js';
import { ensureRendererBuilt } from '../e2e/support/desk.js';

const E2E_DIR = 'test/e2e';

/** Whether vitest's file filters (its positional arguments) select any browser test. */
export function selectsBrowserTests(argv: readonly string[], browserTests: readonly string[]): boolean {
  const run = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'related');
  const filters = argv.slice(run + 1).filter((a) => !a.startsWith('-'));
  return filters.length === 0 || filters.some((f) => browserTests.some((file) => file.includes(f) || f.includes(file)));
}

export default async function setup(): Promise<void> {
  const browserTests = readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${E2E_DIR}/${f}`);
  if (!selectsBrowserTests(process.argv.slice(2), browserTests)) return;
  try {
    findChromium();
  } catch (error) {
    if (!(error instanceof NoChromiumError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  await ensureRendererBuilt();
}
