// The real main bundle, started under plain Node with a stand-in `electron` module
// (test/fixtures/electron/fake-electron.mjs) and the real engine bundle in a child process: main
// registers its schemes before ready, sandboxes every renderer, locks to one instance, opens one
// secure window on app://poe-desk, binds every contract channel (refusing a foreign sender and bad
// arguments), serves the renderer with its CSP, sends menu commands, and closes the engine on quit.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract/desktop.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp.js';
import { electronBuildOptions } from '../../../scripts/build-electron.js';

const LOADER = fileURLToPath(new URL('../../fixtures/electron/fake-electron-loader.mjs', import.meta.url));

let root: string;
let report: Record<string, unknown> & { results: Record<string, { ok?: unknown; error?: string } & Record<string, unknown>> };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'poe-main-bundle-'));
  const options = electronBuildOptions();
  const out = (...parts: string[]) => path.join(root, 'dist', 'electron', ...parts);
  await Promise.all([
    esbuild.build({ ...options.main, outfile: out('main', 'main.mjs'), sourcemap: false, metafile: false, logLevel: 'silent' }),
    esbuild.build({ ...options.engine, outfile: out('engine', 'engine.cjs'), sourcemap: false, metafile: false, logLevel: 'silent' }),
  ]);
  await mkdir(path.join(root, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>PoE Desk</title>');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', LOADER, out('main', 'main.mjs')], {
    env: { ...process.env, FAKE_ELECTRON_APP_ROOT: root, POE_DESK_USER_DATA: path.join(root, 'user-data'), POE_DESK_SERVER_URL: 'http://127.0.0.1:9/' },
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON_REPORT '));
  if (!line) throw new Error(`main printed no report:\n${stdout}`);
  report = JSON.parse(line.slice('FAKE_ELECTRON_REPORT '.length));
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the main bundle', () => {
  it('started without an error', () => {
    expect(report.playError).toBeUndefined();
    expect(report.errorBox).toBeUndefined();
  });

  it('registers app:// and poe:// as privileged before ready, sandboxes all renderers, keeps one instance', () => {
    expect(report.schemesBeforeReady).toBe(true);
    expect((report.schemes as { scheme: string }[]).map((s) => s.scheme)).toEqual(['app', 'poe']);
    expect(report.sandbox).toBe(true);
    expect(report.singleInstance).toBe(true);
    expect(report.protocolHandlers).toEqual(['app', 'poe']);
    expect(report.permissionHandlers).toEqual(['request', 'check', 'device']);
    // Save a copy: downloads go through the system's save dialog (electron/main/downloads.ts).
    expect(report.sessionEvents).toEqual(['will-download']);
  });

  it('keeps its data where it was told (a development run)', () => {
    expect(report.name).toBe('PoE Desk');
    expect(report.userData).toBe(path.join(root, 'user-data'));
    expect(existsSync(path.join(root, 'user-data', 'engine', 'session.json'))).toBe(true);
    expect(existsSync(path.join(root, 'user-data', 'logs', 'main.log'))).toBe(true);
  });

  it('opens one secure window on app://poe-desk with the sandboxed preload', () => {
    const windows = report.windows as { webPreferences: Record<string, unknown> }[];
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(root, 'dist', 'electron', 'preload', 'preload.cjs') });
    expect(report.loaded).toEqual(['app://poe-desk/index.html']);
    expect(report.engineFork).toEqual({ modulePath: path.join(root, 'dist', 'electron', 'engine', 'engine.cjs'), serviceName: 'PoE Desk engine' });
  });

  it('binds every contract channel to the engine process, and refuses foreign senders and bad arguments', () => {
    expect([...(report.ipcChannels as string[])].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(report.results.sessionCurrent!.ok).toMatchObject({ user: null, serverUrl: 'http://127.0.0.1:9/' });
    expect(report.results.settingsSet!.ok).toEqual({ locale: 'en', theme: 'dark' });
    expect(report.results.foreignSender!.error).toMatch(/refused session\.current: the request came from https:\/\/evil\.example\.com\//);
    expect(report.results.malformed!.error).toMatch(/refused claims\.get: its arguments do not match the desktop contract/);
  });

  it('serves the renderer with the CSP header, and poe:// under CORS for the app only', () => {
    expect(report.results.appPage).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>PoE Desk</title>' });
    expect(report.results.poeMissing).toEqual({ status: 404, allowOrigin: 'app://poe-desk' });
  });

  it('sends a menu command to the page as an app.command event', () => {
    expect(report.menu).toEqual(['&File', 'editMenu', '&Review', '&View', 'help']);
    expect(report.sent).toContainEqual(['poeDesk.event:app.command', { command: 'next' }]);
  });

  it('remembers the window and closes the engine before quitting', async () => {
    expect(JSON.parse(await readFile(path.join(root, 'user-data', 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 10, width: 1400, height: 900, maximized: false });
    expect(report.quitAfterEngineClosed).toBe(true);
  });
});
