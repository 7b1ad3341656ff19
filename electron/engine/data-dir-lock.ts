// One writer per data directory: two engines appending to one outbox would interleave mutation ids
// and lose decisions. The lock (platform/process-lock.ts) is taken over at once when its holder is
// gone, and refuses while a live engine holds it.
import path from 'node:path';
import { LockHeldError, type LockOwner, type ProcessLock, takeProcessLock } from '../../platform/process-lock.js';

const LOCK_FILE = 'engine.lock';

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

export type DataDirLock = ProcessLock;

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  try {
    return await takeProcessLock(path.join(dataDir, LOCK_FILE));
  } catch (error) {
    if (error instanceof LockHeldError) throw new DataDirLockedError(dataDir, error.owner);
    throw error;
  }
}
