import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppendLog, checksum, readLog } from '../../../electron/engine/append-log.js';
import { tempDir } from './fixtures.js';

const Rec = z.strictObject({ n: z.number() });

describe('append-only log', () => {
  it('reads back what was appended, in order', async () => {
    const file = path.join(await tempDir('log'), 'a.jsonl');
    const log = await AppendLog.open<z.infer<typeof Rec>>(file);
    await log.append({ n: 1 });
    await log.append({ n: 2 }, { n: 3 });
    await log.close();
    expect(await readLog(file, Rec)).toEqual({ records: [{ n: 1 }, { n: 2 }, { n: 3 }], damaged: [] });
  });

  it('tells a damaged line in the middle from an interrupted last line', async () => {
    const file = path.join(await tempDir('log'), 'a.jsonl');
    const log = await AppendLog.open<z.infer<typeof Rec>>(file);
    await log.append({ n: 1 }, { n: 2 }, { n: 3 });
    await log.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"n":2', '"n":7'); // a flipped digit: valid JSON, wrong checksum
    await writeFile(file, lines.join('\n'));
    await appendFile(file, '0123456789abcdef {"n":'); // a torn append
    const { records, damaged } = await readLog(file, Rec);
    expect(records).toEqual([{ n: 1 }, { n: 3 }]);
    expect(damaged).toEqual([
      expect.objectContaining({ line: 2, reason: 'checksum mismatch', tail: false }),
      expect.objectContaining({ line: 4, tail: true }),
    ]);
  });

  it('rejects a line whose content does not match the schema even with a good checksum', async () => {
    const file = path.join(await tempDir('log'), 'a.jsonl');
    const log = await AppendLog.open<unknown>(file);
    await log.append({ n: 'one' });
    await log.close();
    const { damaged } = await readLog(file, Rec);
    expect(damaged[0]?.reason).toMatch(/unexpected content/);
  });

  it('answers where each appended line lies in bytes, with text of several bytes a character', async () => {
    const file = path.join(await tempDir('log'), 'a.jsonl');
    const log = await AppendLog.open<{ text: string }>(file);
    const records = [{ text: 'Jana Dvořáková' }, { text: 'ascii' }, { text: 'PoE 📄 ověřeno' }];
    const at = [...(await log.append(records[0]!)), ...(await log.append(records[1]!, records[2]!))];
    await log.close();
    const bytes = await readFile(file);
    expect(at.map(([offset, length]) => bytes.subarray(offset, offset + length).toString('utf8'))).toEqual(
      records.map((r) => `${checksum(JSON.stringify(r))} ${JSON.stringify(r)}\n`),
    );
  });

  it('rewrites durably and keeps appending after the rewrite', async () => {
    const file = path.join(await tempDir('log'), 'a.jsonl');
    const log = await AppendLog.open<z.infer<typeof Rec>>(file);
    await log.append({ n: 1 }, { n: 2 });
    await log.rewrite([{ n: 2 }]);
    await log.append({ n: 3 });
    expect(log.bytes).toBe((await readFile(file)).length);
    await log.close();
    expect((await readLog(file, Rec)).records).toEqual([{ n: 2 }, { n: 3 }]);
  });
});
