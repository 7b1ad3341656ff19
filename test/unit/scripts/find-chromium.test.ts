// Finding Chromium or Chrome for the browser tests on a developer's machine, and stopping a test
// run at once, in one line, where there is none.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium, NoChromiumError } from '../../../scripts/find-chromium.js';
import { selectsBrowserTests } from '../../support/require-chromium.js';

const only = (file: string) => (f: string) => f === file;

describe('findChromium', () => {
  it('finds Chrome where macOS installs it, also in the user’s own Applications', () => {
    expect(findChromium('darwin', {}, only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'))).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(chromiumCandidates('darwin', {}, '/Users/jana')).toContain('/Users/jana/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('finds Chrome or Edge where Windows installs them', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\jana\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    expect(findChromium('win32', env, only('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'))).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(findChromium('win32', env, only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'))).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
  });

  it('prefers Debian’s Chromium on Linux and takes CHROMIUM_PATH over everything', () => {
    expect(findChromium('linux', {}, (f) => f === '/usr/bin/chromium' || f === '/usr/bin/google-chrome')).toBe('/usr/bin/chromium');
    expect(findChromium('linux', { CHROMIUM_PATH: '/opt/my/chrome' }, () => true)).toBe('/opt/my/chrome');
  });

  it('says in one line how to get one when there is none, per platform', () => {
    for (const [platform, hint] of [
      ['linux', 'apt-get install -y chromium'],
      ['darwin', 'brew install --cask chromium'],
      ['win32', 'install Google Chrome'],
    ] as const) {
      let error: unknown;
      try {
        findChromium(platform, {}, () => false);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NoChromiumError);
      expect((error as Error).message).toContain(hint);
      expect((error as Error).message).toContain('CHROMIUM_PATH');
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('a test run without a browser', () => {
  it('needs one only when its filters select a browser test', () => {
    const e2e = ['test/e2e/reviewer.test.ts'];
    expect(selectsBrowserTests(['run'], e2e)).toBe(true);
    expect(selectsBrowserTests(['run', 'test/e2e'], e2e)).toBe(true);
    expect(selectsBrowserTests(['run', 'reviewer'], e2e)).toBe(true);
    expect(selectsBrowserTests(['run', 'test/unit/engine/queue-index.test.ts'], e2e)).toBe(false);
    expect(selectsBrowserTests(['run', '--reporter', 'dot', 'test/unit'], e2e)).toBe(false);
  });

  it('stops before any test with the one line', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/e2e'], { env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').filter((l) => l.includes('CHROMIUM_PATH'))).toEqual([
      'CHROMIUM_PATH is /nonexistent/chromium, but there is no file there: point it at the Chromium or Chrome executable, or unset it.',
    ]);
    expect(run.stdout).not.toMatch(/Test Files|✓|passed/);
  });
});
