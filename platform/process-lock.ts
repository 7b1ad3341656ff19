// One process at a time on a directory: the desktop engine on its data folder, the claims service
// on its embedded store. The lock is a file holding the owner's pid and when that process started;
// a lock whose process is gone (a crash, a SIGKILL), or whose pid now names a process that started
// later (the pid reused after a reboot, e.g. PID 1), is stale and taken over at once, so a restart
// never waits. (proper-lockfile decides staleness by the lock's age instead: every restart after a
// crash would wait out its stale period, and a sleeping laptop's live lock would look stale.)
// A lock needs no fsync: after a power cut no process holds anything.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { z } from 'zod';
import { readTextOrNull } from './read-text-or-null.js';

export const LockOwner = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  /** When the lock was taken (its holder was running by then). */
  startedAt: z.string(),
  /** When the holding process started, as processStartedAt measured it (absent in older locks). */
  processStartedAt: z.number().nullable().optional(),
});
export type LockOwner = z.infer<typeof LockOwner>;

/** The lock is held by a live process; callers say what that process is and what to do. */
export class LockHeldError extends Error {
  constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {
    super(`${file} is held by process ${owner.pid} on ${owner.hostname} since ${owner.startedAt}`);
    this.name = 'LockHeldError';
  }
}

export interface ProcessLock {
  release(): Promise<void>;
}

/** Start times measured twice may differ by the clock's rounding (whole seconds of btime or ps). */
const START_SLACK_MS = 2_000;

/**
 * When process `pid` started (ms since the epoch), or null where that cannot be told: Linux from
 * /proc (boot time plus the start in clock ticks; USER_HZ is 100 on every Linux ABI), macOS and
 * the BSDs from ps. Windows gives null: there a live pid is taken as the holder.
 */
export async function processStartedAt(pid: number): Promise<number | null> {
  if (process.platform === 'linux') {
    try {
      const [stat, boot] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile('/proc/stat', 'utf8')]);
      // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
      const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      const btime = Number(/^btime (\d+)$/m.exec(boot)?.[1]);
      return Number.isFinite(ticks) && Number.isFinite(btime) ? btime * 1000 + ticks * 10 : null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  return new Promise((resolve) =>
    execFile('ps', ['-o', 'lstart=', '-p', String(pid)], { env: { ...process.env, LC_ALL: 'C' }, timeout: 5_000 }, (error, stdout) => {
      const at = error ? NaN : Date.parse(stdout.trim());
      resolve(Number.isFinite(at) ? at : null);
    }),
  );
}

/** Is the lock's holder still running: its pid alive and naming the same process that took the lock? */
async function isHeld(owner: LockOwner): Promise<boolean> {
  // A lock from another machine (a shared folder) cannot be checked: treat it as held.
  if (owner.hostname !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = await processStartedAt(owner.pid);
  if (started === null) return true;
  if (owner.processStartedAt != null) return Math.abs(started - owner.processStartedAt) <= START_SLACK_MS;
  // An older lock without the start time: its holder was running when it wrote startedAt.
  const lockedAt = Date.parse(owner.startedAt);
  return !Number.isFinite(lockedAt) || started <= lockedAt + START_SLACK_MS;
}

async function readOwner(file: string): Promise<{ text: string; owner: LockOwner | null } | null> {
  const text = await readTextOrNull(file);
  if (text === null) return null;
  let owner: LockOwner | null = null;
  try {
    owner = LockOwner.parse(JSON.parse(text));
  } catch {
    // A half-written lock (crash while taking it) has no owner: it is stale.
  }
  return { text, owner };
}

/** Takes the lock file `file` for this process; throws LockHeldError while a live process holds it. */
export async function takeProcessLock(file: string): Promise<ProcessLock> {
  const mine = JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), processStartedAt: await processStartedAt(process.pid) } satisfies LockOwner);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx', mode: 0o600 });
      return {
        release: async () => {
          const current = await readOwner(file);
          if (current?.text === mine) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readOwner(file);
    if (!held) continue;
    if (held.owner && (await isHeld(held.owner))) throw new LockHeldError(file, held.owner);
    // Stale: move it aside, and make sure what we moved is the stale lock and not a fresh one that
    // another starting process wrote in between (then put it back and let the next attempt report it).
    const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readFile(aside, 'utf8');
    if (moved !== held.text) await rename(aside, file);
    else await rm(aside, { force: true });
  }
  throw new Error(`Could not take the lock ${file}: other processes keep starting on it. Start only one per folder.`);
}
