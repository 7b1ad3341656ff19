import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DamagedFileError, DurableJsonFile } from '../../../electron/engine/durable-json-file.js';
import { tempDir } from './fixtures.js';

const Doc = z.strictObject({ name: z.string(), items: z.array(z.number()) });

describe('durable JSON file (lowdb adapter)', () => {
  it('round-trips, leaves no temp file, and reads a missing file as null', async () => {
    const dir = await tempDir('json');
    const file = new DurableJsonFile(path.join(dir, 'doc.json'), Doc);
    expect(await file.read()).toBeNull();
    await file.write({ name: 'a', items: [1, 2] });
    await file.write({ name: 'b', items: [3] });
    expect(await file.read()).toEqual({ name: 'b', items: [3] });
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it.each([
    ['a changed byte', (t: string) => t.replace('"b"', '"c"'), /checksum mismatch/],
    ['a truncated file', (t: string) => t.slice(0, t.length - 3), /checksum mismatch/],
    ['no header', () => '{"name":"b","items":[]}', /no header|unreadable header/],
  ])('reports %s as damaged', async (_label, damage, reason) => {
    const dir = await tempDir('json');
    const file = new DurableJsonFile(path.join(dir, 'doc.json'), Doc);
    await file.write({ name: 'b', items: [3] });
    await writeFile(file.file, damage(await readFile(file.file, 'utf8')));
    const error = await file.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedFileError);
    expect((error as Error).message).toMatch(reason);
  });

  it('reports content that the schema does not accept, with where', async () => {
    const dir = await tempDir('json');
    const loose = new DurableJsonFile<unknown>(path.join(dir, 'doc.json'), z.unknown());
    await loose.write({ name: 'b', items: ['x'] });
    const error = await new DurableJsonFile(loose.file, Doc).read().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/unexpected content at items\.0/);
  });
});
