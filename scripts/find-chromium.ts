// Where the browser tests, the bench and the icon renderer find Chromium or Chrome: CHROMIUM_PATH
// when set, otherwise where a developer's platform installs it (Debian's /usr/bin/chromium, the
// macOS app bundles, Chrome or Edge on Windows). With none there, one line says how to get one.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export class NoChromiumError extends Error {}

/** The places looked at, in order, for this platform and environment. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home = homedir()): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'];
    return [...apps.map((a) => path.posix.join('/Applications', a)), ...apps.map((a) => path.posix.join(home, 'Applications', a))];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => Boolean(r));
    const exes = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return exes.flatMap((exe) => roots.map((root) => path.win32.join(root, exe)));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];
}

const HOW_TO_GET: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'install Google Chrome, or Chromium (brew install --cask chromium)',
  win32: 'install Google Chrome (or Microsoft Edge)',
  linux: 'install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium)',
};

/** The browser's executable; throws NoChromiumError with a one-line instruction when there is none. */
export function findChromium(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (exists(configured)) return configured;
    throw new NoChromiumError(`CHROMIUM_PATH is ${configured}, but there is no file there: point it at the Chromium or Chrome executable, or unset it.`);
  }
  const found = chromiumCandidates(platform, env).find((file) => exists(file));
  if (found) return found;
  throw new NoChromiumError(`The browser tests need Chromium or Chrome and found none: ${HOW_TO_GET[platform] ?? HOW_TO_GET.linux}, or set CHROMIUM_PATH to its executable.`);
}

// `tsx scripts/find-chromium.ts` (npm test's first step): prints the browser found, or the one line and exit code 1.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  try {
    console.log(`Browser tests use ${findChromium()}`);
  } catch (error) {
    if (!(error instanceof NoChromiumError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
