// A CSV export that fails part-way (server/lead/csv-export.ts) on PGlite and PostgreSQL: the
// download must fail where it is read, not end as a short file that looks complete. The failure is
// made in the middle of the stream by taking the log's table away between two of its batches.
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, people, type People, serviceFor } from './harness.js';

const ROWS = 30_000;

describe.each(BACKENDS)('a CSV export failing part-way on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let url: string;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    await service.deps.db.execute(sql`
      INSERT INTO decision_log (id, claim_id, claim_number, partner_id, partner_name, customer_name, products, reviewer_id, reviewer_name,
                                action, reasons, checklist, comment, decided_at, received_at, offline, time_spent_ms, claim_version, outcome)
      SELECT 'e' || g, gen_random_uuid(), 'CL-2026-' || lpad(g::text, 5, '0'), '1000001', 'Fabrikam', 'Contoso, "Praha"', ARRAY['power-bi'],
             ${who.ids.reviewer1}, 'Jana Reviewer', 'approve', ARRAY[]::text[], '{"poe_present":{"state":"passed","evidence":[]}}'::jsonb, NULL,
             timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute', timestamptz '2026-01-01T00:00:02Z' + g * interval '1 minute', false, 60000, 3, 'applied'
      FROM generate_series(1, ${ROWS}::int) AS g`);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => service?.close());

  const download = async (midway?: () => Promise<void>) => {
    const res = await fetch(`${url}/lead/decisions.csv?lang=en`, { headers: { authorization: `Bearer ${who.lead}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let lines = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { lines };
        bytes += value.length;
        for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
        if (midway && bytes > 0) {
          await midway();
          midway = undefined;
        }
      }
    } catch (error) {
      return { lines, error: error as Error };
    }
  };

  it('streams every row when nothing fails', async () => {
    expect(await download()).toEqual({ lines: ROWS + 1 });
  });

  it('cuts the response short when a batch fails after the first: the download errors instead of ending', async () => {
    const away = () => service.deps.db.execute(sql`ALTER TABLE decision_log RENAME TO decision_log_away`).then(() => undefined);
    try {
      const result = await download(away);
      expect(result.error, `the export ended normally after ${result.lines} lines`).toBeInstanceOf(Error);
      expect(result.lines).toBeGreaterThan(0);
      expect(result.lines).toBeLessThan(ROWS + 1);
    } finally {
      await service.deps.db.execute(sql`ALTER TABLE decision_log_away RENAME TO decision_log`);
    }
    // The service goes on serving exports once the table is back.
    expect(await download()).toEqual({ lines: ROWS + 1 });
  }, 120_000);
});
