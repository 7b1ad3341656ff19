// `npm run dist`: builds the renderer and the Electron bundles, then packages the app with
// electron-builder (electron-builder.yml): AppImage and deb on Linux, NSIS on Windows, dmg on
// macOS; pass electron-builder's own flags after `--` (e.g. `npm run dist -- --win`).
//
// electron-builder needs the Electron binary of each target and its packaging tools, which it
// downloads from GitHub. Where neither is at hand (no network, a proxy), it would retry for
// minutes; this script checks first and fails at once, saying what is missing and what to do.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build-all.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

export interface Target {
  platform: 'linux' | 'win32' | 'darwin';
  arch: string;
}

/** The targets electron-builder will build for these arguments (its --linux/--win/--mac and arch flags). */
export function targetsOf(args: readonly string[], host: Target = { platform: process.platform as Target['platform'], arch: process.arch }): Target[] {
  const platforms = new Set<Target['platform']>();
  for (const arg of args) {
    if (/^(-l|--linux)$/.test(arg)) platforms.add('linux');
    if (/^(-w|--win|--windows)$/.test(arg)) platforms.add('win32');
    if (/^(-m|--mac|--macos|-o)$/.test(arg)) platforms.add('darwin');
  }
  const arches = ['x64', 'arm64', 'ia32', 'armv7l'].filter((arch) => args.includes(`--${arch}`));
  return [...(platforms.size ? platforms : [host.platform])].flatMap((platform) => (arches.length ? arches : [host.arch]).map((arch) => ({ platform, arch })));
}

/** @electron/get's cache of downloaded Electron zips. */
function electronCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (env.electron_config_cache) return env.electron_config_cache;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron');
}

function findFile(dir: string, name: string, depth = 2): string | null {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory() && depth > 0) {
      const found = findFile(full, name, depth - 1);
      if (found) return found;
    }
  }
  return null;
}

async function reachable(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return response.status < 500 ? null : `it answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

/**
 * What stops packaging for these targets, one sentence each; empty when nothing does. Checks the
 * Electron zip of every target (in @electron/get's cache, or downloadable) and that electron-builder's
 * tools (AppImage, fpm, NSIS, dmg) can be fetched.
 */
export async function packagingPreflight(targets: readonly Target[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 10_000): Promise<string[]> {
  const problems: string[] = [];
  const cache = electronCacheDir(env);
  const mirror = env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  for (const { platform, arch } of targets) {
    const zip = `electron-v${ELECTRON_VERSION}-${platform}-${arch}.zip`;
    if (findFile(cache, zip)) continue;
    const url = `${mirror}${env.ELECTRON_CUSTOM_DIR ?? `v${ELECTRON_VERSION}`}/${zip}`;
    const failure = await reachable(url, timeoutMs);
    if (failure) {
      problems.push(
        `Packaging for ${platform}-${arch} needs the Electron ${ELECTRON_VERSION} binary (${zip}): it is not in the Electron cache (${cache}) and ${new URL(url).host} cannot be reached (${failure}). ` +
          'Run `npm run dist` where that host is reachable, set ELECTRON_MIRROR to a mirror that is, or put the zip in the cache.',
      );
    }
  }
  const tools = env.ELECTRON_BUILDER_BINARIES_DOWNLOAD_OVERRIDE_URL ?? env.ELECTRON_BUILDER_BINARIES_MIRROR ?? 'https://github.com/electron-userland/electron-builder-binaries/releases/';
  const toolsFailure = await reachable(tools, timeoutMs);
  if (toolsFailure) {
    problems.push(
      `electron-builder downloads its packaging tools (AppImage, fpm, NSIS, dmg) from ${new URL(tools).host}, which cannot be reached (${toolsFailure}). ` +
        'Run `npm run dist` where it is reachable, or set ELECTRON_BUILDER_BINARIES_MIRROR.',
    );
  }
  return problems;
}

async function main(args: string[]): Promise<number> {
  await ensureBuilt((line) => console.log(line));
  const problems = await packagingPreflight(targetsOf(args));
  if (problems.length) {
    for (const problem of problems) console.error(`npm run dist: ${problem}`);
    return 1;
  }
  const builder = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const child = spawn(process.execPath, [builder, '--config', 'electron-builder.yml', '--publish', 'never', ...args], { cwd: ROOT, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
