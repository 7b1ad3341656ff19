import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../../electron/engine/data-dir-lock.js';
import { tempDir } from './fixtures.js';

describe('data directory lock', () => {
  it('refuses a second owner while the first holds it, naming the process, and lets go on release', async () => {
    const dir = await tempDir('lock');
    const first = await lockDataDir(dir);
    const second = await lockDataDir(dir).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as Error).message).toContain(`process ${process.pid}`);
    expect((second as Error).message).toMatch(/Close that PoE Desk window/);
    await first.release();
    const third = await lockDataDir(dir);
    await third.release();
  });

  it('takes over the lock of a process that is gone (a crash) at once', async () => {
    const dir = await tempDir('lock');
    // A real pid that no longer runs: a child that has exited.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    await writeFile(path.join(dir, 'engine.lock'), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(path.join(dir, 'engine.lock'), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a half-written lock file', async () => {
    const dir = await tempDir('lock');
    await writeFile(path.join(dir, 'engine.lock'), '{"pid":');
    const lock = await lockDataDir(dir);
    await lock.release();
  });
});
