// `npm start` where the Electron binary is unavailable (as on this machine; forced elsewhere with
// ELECTRON_OVERRIDE_DIST_PATH): one line says what failed and why, then the same app is served in
// the browser at the printed address, which answers with the app's page.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;
let stop: (() => Promise<void>) | null = null;
afterAll(async () => {
  await stop?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start without the Electron binary', () => {
  it('explains in one line and serves the same app in the browser', { timeout: 300_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'poe-npm-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: path.join(dir, 'server'),
      POE_DESK_DATA_DIR: path.join(dir, 'desktop'),
      POE_DESK_USER_DATA: path.join(dir, 'electron'),
      POE_DESK_LOG_DIR: path.join(dir, 'logs'),
    };
    // Where the binary is installed, point the lookup at an empty folder: the same failure.
    if (findElectronBinary(ROOT, env).ok) {
      env.ELECTRON_OVERRIDE_DIST_PATH = path.join(dir, 'no-electron');
      await mkdir(env.ELECTRON_OVERRIDE_DIST_PATH);
    }
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    stop = async () => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      await exited;
    };
    const lines: string[] = [];
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const open = /running in your browser: open (http:\/\/\S+)/.exec(line);
        if (open) resolve(open[1]!);
      });
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before serving the app:\n${lines.join('\n')}\n${stderr}`)));
    });

    const explanations = lines.filter((line) => line.startsWith('Electron could not start: '));
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatch(/^Electron could not start: its binary .+; serving the same app in your browser instead\.$/);
    const logLine = lines.find((line) => line.startsWith('PoE Desk: log in '));
    expect(logLine).toBeDefined();
    expect(existsSync(path.resolve(ROOT, logLine!.slice('PoE Desk: log in '.length)))).toBe(true);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>PoE Desk</title>');
    expect(html).toContain('<div id="root">');
  });
});
