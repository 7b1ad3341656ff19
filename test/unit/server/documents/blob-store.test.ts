import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../../server/documents/blob-store.js';

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('latin1');
}

describe('BlobStore', () => {
  let dir: string;
  let store: BlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'blobs-'));
    store = new BlobStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const bytes = new TextEncoder().encode('%PDF-1.7 pretend this is a proof of execution');
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('stores bytes under their SHA-256, split into a two-digit folder', async () => {
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.byteLength });
    expect(await readdir(dir)).toEqual([sha.slice(0, 2)]);
    expect(await readdir(path.join(dir, sha.slice(0, 2)))).toEqual([sha.slice(2)]);
    expect(await store.has(sha)).toBe(true);
    expect(await store.stat(sha)).toEqual({ size: bytes.byteLength });
    expect(await store.read(sha)).toEqual(bytes);
  });

  it('is idempotent: the same bytes twice leave one file and no temporary files', async () => {
    await store.put(bytes);
    await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(await readdir(path.join(dir, sha.slice(0, 2)))).toEqual([sha.slice(2)]);
  });

  it('streams a whole blob or an inclusive byte range', async () => {
    await store.put(bytes);
    expect(await collect(store.createReadStream(sha))).toBe('%PDF-1.7 pretend this is a proof of execution');
    expect(await collect(store.createReadStream(sha, { start: 0, end: 4 }))).toBe('%PDF-');
    expect(await collect(store.createReadStream(sha, { start: 9, end: 15 }))).toBe('pretend');
    expect(() => store.createReadStream(sha, { start: 5, end: 2 })).toThrow(RangeError);
  });

  it('knows what it does not hold', async () => {
    const other = createHash('sha256').update('nothing').digest('hex');
    expect(await store.has(other)).toBe(false);
    expect(await store.stat(other)).toBeNull();
    await expect(store.read(other)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses anything but a lowercase hex SHA-256, so no path can escape the folder', async () => {
    for (const bad of ['../../etc/passwd', `${sha.slice(0, 2)}/../${sha.slice(3)}`, sha.toUpperCase(), sha.slice(1), `${sha}0`, '']) {
      await expect(store.has(bad)).rejects.toThrow(TypeError);
      expect(() => store.createReadStream(bad)).toThrow(TypeError);
      await expect(store.read(bad)).rejects.toThrow(TypeError);
    }
  });
});
