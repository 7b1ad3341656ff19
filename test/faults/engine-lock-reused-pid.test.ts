// Issue 14, item 12 (engine side): a lock whose pid now names another live process (the pid reused
// after a reboot; PID 1 is always alive) is stale and must not block the engine; a lock held by a
// live engine still refuses, naming it.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../electron/engine/data-dir-lock.js';
import { processStartedAt } from '../../platform/process-lock.js';
import { tempDir } from '../unit/engine/fixtures.js';

const lockFile = (dir: string) => path.join(dir, 'engine.lock');

describe('engine data directory lock and reused pids', () => {
  it('takes over a lock from before the reboot whose pid (1) is alive again as another process', async () => {
    const dir = await tempDir('lock-pid1');
    // The format written before start times were recorded: a pid and when the lock was taken.
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock whose recorded process start differs from the live pid’s', async () => {
    const dir = await tempDir('lock-pid1-start');
    const pid1 = await processStartedAt(1);
    expect(pid1).not.toBeNull();
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: new Date().toISOString(), processStartedAt: pid1! + 3_600_000 }));
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('still refuses a lock whose holder is the live process that took it', async () => {
    const dir = await tempDir('lock-live');
    const first = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).processStartedAt).toBeTypeOf('number');
    const second = await lockDataDir(dir).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as Error).message).toContain(`in use by another PoE Desk engine (process ${process.pid}`);
    await first.release();
  });
});
