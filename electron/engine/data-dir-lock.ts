// One writer per data directory: two engines appending to one outbox would interleave mutation ids
// and lose decisions. The lock is a file holding the owner's pid; a lock whose process is gone (a
// crash, a SIGKILL) is stale and taken over at once, so a restart after a crash never waits.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir } from './durable-fs.js';

const LOCK_FILE = 'engine.lock';

const LockOwner = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.string() });
type LockOwner = z.infer<typeof LockOwner>;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by another PoE Desk engine (process ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}). ` +
        'Close that PoE Desk window, or start this one with a different data directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another machine (a shared folder) cannot be checked: treat it as held.
  if (owner.hostname !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<{ text: string; owner: LockOwner | null } | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let owner: LockOwner | null = null;
  try {
    owner = LockOwner.parse(JSON.parse(text));
  } catch {
    // A half-written lock (crash while taking it) has no owner: it is stale.
  }
  return { text, owner };
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() } satisfies LockOwner);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx', mode: 0o600 });
      await fsyncDir(dataDir);
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
    if (held.owner && isAlive(held.owner)) throw new DataDirLockedError(dataDir, held.owner);
    // Stale: move it aside, and make sure what we moved is the stale lock and not a fresh one that
    // another starting engine wrote in between (then put it back and let the next attempt report it).
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
  throw new Error(`Could not take the lock of ${dataDir}: other engines keep starting on it. Start only one PoE Desk per data directory.`);
}
