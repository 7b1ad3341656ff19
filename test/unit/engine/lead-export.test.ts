// The desktop's CSV export (electron/engine/lead-queries.ts lead.exportCsv) when the claims service
// cuts the download short (server/lead/csv-export.ts ends a failing export without its last chunk):
// the lead is told in one line that the export failed and to export again, and no file is left
// under the chosen name or beside it; a complete download is saved whole.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeadQueries } from '../../../electron/engine/lead-queries.js';
import type { ServerClient } from '../../../electron/engine/server-client.js';

const HEADER = '\ufeffid,claimNumber\r\n';

/** A service whose CSV body sends `chunks`, then ends or (when `fail`) errors. */
function serviceSending(chunks: string[], fail: boolean): LeadQueries {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      if (fail) controller.error(new TypeError('terminated'));
      else controller.close();
    },
  });
  const client = { stream: async () => new Response(body, { headers: { 'content-type': 'text/csv' } }) } as unknown as ServerClient;
  return new LeadQueries(() => client);
}

describe('the desktop saving a CSV export', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'lead-export-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('says in one line that an export cut short failed and to export again, and saves nothing', async () => {
    const target = path.join(dir, 'decisions.csv');
    const lead = serviceSending([HEADER, 'e1,CL-2026-00001\r\n'], true);
    const failure = lead.handlers['lead.exportCsv']({ query: { sort: 'newest', lang: 'en' }, path: target } as never);
    await expect(failure).rejects.toMatchObject({ code: 'unreachable' });
    const message = ((await failure.catch((e: Error) => e)) as Error).message;
    expect(message).toMatch(/^The export failed part-way.*Export again\.$/);
    expect(message).not.toContain('\n');
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves a complete export whole under the chosen name', async () => {
    const target = path.join(dir, 'decisions.csv');
    const lead = serviceSending([HEADER, 'e1,CL-2026-00001\r\n'], false);
    const saved = await lead.handlers['lead.exportCsv']({ query: { sort: 'newest', lang: 'en' }, path: target } as never);
    expect(saved).toEqual({ path: target, bytes: Buffer.byteLength(`${HEADER}e1,CL-2026-00001\r\n`) });
    expect(await readFile(target, 'utf8')).toBe(`${HEADER}e1,CL-2026-00001\r\n`);
    expect(await readdir(dir)).toEqual(['decisions.csv']);
  });
});
