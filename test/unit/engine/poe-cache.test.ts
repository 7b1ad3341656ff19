// The PoE cache: only verified bytes are kept; least recently used out first, never a pinned one;
// served with range requests.
import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentMismatchError, PoeCache } from '../../../electron/engine/poe-cache.js';
import { serveCachedDocument } from '../../../electron/engine/serve-document.js';
import { tempDir } from './fixtures.js';

const bytesOf = (label: string, size: number) => Buffer.alloc(size, label);
const shaOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const stream = (b: Buffer) => new Response(new Uint8Array(b)).body!;

describe('PoE cache', () => {
  it('keeps a download only when its hash and size match', async () => {
    const cache = await PoeCache.open(await tempDir('cache'), 10_000);
    const good = bytesOf('a', 100);
    await cache.store(shaOf(good), 100, stream(good));
    expect(cache.has(shaOf(good))).toBe(true);
    const claimed = shaOf(bytesOf('b', 100));
    await expect(cache.store(claimed, 100, stream(bytesOf('c', 100)))).rejects.toBeInstanceOf(DocumentMismatchError);
    await expect(cache.store(claimed, 100, stream(bytesOf('b', 150)))).rejects.toThrow(/does not match its size/);
    expect(cache.has(claimed)).toBe(false);
    expect((await readdir(cache.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('hashes a copy at its first use in a run, and removes one that no longer matches its SHA-256', async () => {
    const dir = await tempDir('cache');
    const first = await PoeCache.open(dir, 10_000);
    const good = bytesOf('a', 100);
    const other = bytesOf('b', 100);
    await first.store(shaOf(good), 100, stream(good));
    await first.store(shaOf(other), 100, stream(other));
    // The next run: one file was damaged on disk meanwhile (same size, other bytes).
    await writeFile(path.join(dir, shaOf(other)), bytesOf('x', 100));
    const cache = await PoeCache.open(dir, 10_000);
    expect(await cache.verify(shaOf(good))).toBe(true);
    expect(await cache.verify(shaOf(other))).toBe(false);
    expect(cache.has(shaOf(other))).toBe(false);
    expect(await readdir(dir)).not.toContain(shaOf(other));
    // Downloaded again, it is good.
    await cache.store(shaOf(other), 100, stream(other));
    expect(await cache.verify(shaOf(other))).toBe(true);
  });

  it('evicts the least recently used first and never a pinned document', async () => {
    const cache = await PoeCache.open(await tempDir('cache'), 300);
    const docs = ['a', 'b', 'c', 'd'].map((l) => bytesOf(l, 100));
    const [a, b, c, d] = docs.map(shaOf) as [string, string, string, string];
    await cache.setPinned([a]);
    for (const doc of docs.slice(0, 3)) await cache.store(shaOf(doc), 100, stream(doc));
    cache.touch(b); // b is now more recent than c
    await new Promise((r) => setTimeout(r, 5));
    cache.touch(b);
    await cache.store(d, 100, stream(docs[3]!));
    expect([a, b, c, d].map((s) => cache.has(s))).toEqual([true, true, false, true]);
    // Shrinking below the pinned documents keeps them all the same.
    await cache.setMaxBytes(50);
    expect([a, b, c, d].map((s) => cache.has(s))).toEqual([true, false, false, false]);
    await cache.flush();
    const reopened = await PoeCache.open(cache.dir, 1000);
    expect(reopened.has(a)).toBe(true);
    expect(reopened.bytes).toBe(100);
  });

  it('serves whole documents and byte ranges', async () => {
    const cache = await PoeCache.open(await tempDir('cache'), 10_000);
    const doc = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const sha = shaOf(doc);
    await cache.store(sha, doc.length, stream(doc));

    const whole = await serveCachedDocument(cache.dir, sha, null);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(doc)).toBe(true);

    const part = await serveCachedDocument(cache.dir, sha, 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(doc.subarray(100, 200))).toBe(true);

    const tail = await serveCachedDocument(cache.dir, sha, 'bytes=-10');
    expect(Buffer.from(await tail.arrayBuffer()).equals(doc.subarray(990))).toBe(true);

    const beyond = await serveCachedDocument(cache.dir, sha, 'bytes=1000-');
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');

    expect((await serveCachedDocument(cache.dir, 'f'.repeat(64), null)).status).toBe(404);
    expect((await serveCachedDocument(cache.dir, '../../etc/passwd', null)).status).toBe(400);
  });
});
