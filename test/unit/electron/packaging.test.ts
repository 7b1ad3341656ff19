// Packaging: electron-builder.yml passes electron-builder's own schema and says what the issue
// asks (targets, asar, the fuses hook, the icons); `npm run dist` refuses at once, naming what is
// missing, where it could not fetch the Electron binary or the packaging tools.
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUTS } from '../../../scripts/build-electron.js';
import { packagingPreflight, targetsOf } from '../../../scripts/dist.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ELECTRON_VERSION = (JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

type Config = Record<string, unknown> & { linux: { target: string[]; icon: string }; win: { target: { target: string }[] }; mac: { target: { target: string }[] }; files: unknown };

describe('electron-builder.yml', () => {
  let config: Config;
  beforeAll(async () => {
    // electron-builder's own loader and schema check (what `electron-builder` runs first).
    const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      getConfig(dir: string, file: string | null, extra: null): Promise<Config>;
      validateConfiguration(config: Config, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as unknown as { DebugLogger: new (enabled: boolean) => unknown };
    config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('names the app and packs it into an asar', () => {
    expect(config).toMatchObject({ appId: 'com.poedesk.desktop', productName: 'PoE Desk', asar: true });
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
  });

  it('runs the fuses hook that scripts/build-electron.ts builds', () => {
    expect(path.resolve(ROOT, config.afterPack as string)).toBe(OUTPUTS.afterPack);
  });

  it('ships the bundles, the renderer and the entry point package.json names, and no node_modules', async () => {
    const main = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(path.resolve(ROOT, main)).toBe(OUTPUTS.main);
    // electron-builder's loader may wrap the list in a file set ({ filter: [...] }).
    const files = JSON.stringify(config.files);
    for (const folder of ['dist/electron/main/**/*', 'dist/electron/preload/**/*', 'dist/electron/engine/**/*', 'dist/renderer/**/*', 'package.json', '!node_modules/**/*']) expect(files).toContain(JSON.stringify(folder));
  });

  it('has real icons: a 512 px PNG and the Linux set', async () => {
    const size = async (file: string) => {
      const png = await readFile(path.join(ROOT, file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(await size(config.icon as string)).toEqual([512, 512]);
    for (const n of [16, 32, 48, 64, 128, 256, 512]) expect(await size(`${config.linux.icon}/${n}x${n}.png`)).toEqual([n, n]);
  });
});

describe('npm run dist preflight', () => {
  let dir: string;
  let closedPort: number;
  const server = createServer((_request, response) => response.end());
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'poe-dist-'));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails at once, naming the missing binary and the unreachable hosts', async () => {
    const env = { ELECTRON_CACHE: path.join(dir, 'empty-cache'), ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`, ELECTRON_BUILDER_BINARIES_MIRROR: `http://127.0.0.1:${closedPort}/tools/` };
    const problems = await packagingPreflight([{ platform: 'linux', arch: 'x64' }], env);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`electron-v${ELECTRON_VERSION}-linux-x64.zip`);
    expect(problems[0]).toContain(`127.0.0.1:${closedPort} cannot be reached (ECONNREFUSED)`);
    expect(problems[1]).toMatch(/packaging tools .* cannot be reached/);
  });

  it('passes with the binary in the Electron cache and the tools host reachable', async () => {
    const cache = path.join(dir, 'cache');
    await mkdir(path.join(cache, 'some-hash'), { recursive: true });
    await writeFile(path.join(cache, 'some-hash', `electron-v${ELECTRON_VERSION}-linux-x64.zip`), 'zip');
    const tools = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tools/`;
    expect(await packagingPreflight([{ platform: 'linux', arch: 'x64' }], { ELECTRON_CACHE: cache, ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`, ELECTRON_BUILDER_BINARIES_MIRROR: tools })).toEqual([]);
  });

  it('reads the targets from electron-builder flags', () => {
    const host = { platform: 'linux' as const, arch: 'x64' };
    expect(targetsOf([], host)).toEqual([host]);
    expect(targetsOf(['--win', '--mac', '--arm64'], host)).toEqual([
      { platform: 'win32', arch: 'arm64' },
      { platform: 'darwin', arch: 'arm64' },
    ]);
  });
});
