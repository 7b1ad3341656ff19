// Writes that survive a crash or a power cut: a file is replaced by writing a temp file next to it,
// fsyncing it, renaming it over the old one and fsyncing the directory (the rename itself lives in
// the directory). A reader therefore sees the old content or the new, never a torn mix.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Makes a directory's entries (creations, renames, removals) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals metadata changes itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `data` (given whole, in parts, or in parts made as it is written) atomically and durably. */
export async function writeFileDurably(file: string, data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    const parts = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
    for await (const part of parts) await (typeof part === 'string' ? handle.write(part) : handle.write(part));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  await fsyncDir(dir);
}

/** Removes a file durably; a missing file is fine. */
export async function removeDurably(file: string): Promise<void> {
  await rm(file, { force: true });
  await fsyncDir(path.dirname(file));
}

/** Moves a file aside (a damaged store file kept for diagnosis) durably. */
export async function moveAside(file: string, suffix: string): Promise<string> {
  const target = `${file}.${suffix}`;
  await rename(file, target);
  await fsyncDir(path.dirname(file));
  return target;
}

/** Removes temp files a crash left behind in `dir` (they were never renamed into place). */
export async function removeStaleTemps(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })));
}
