// The migrator: each SQL file once, in order, safe when instances start together; and the embedded
// store's directory, which one process at a time may open.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, StoreInUseError } from '../../../server/db/connect.js';
import { migrate, migrationFiles } from '../../../server/db/migrate.js';
import { freshDatabase } from './harness.js';

describe('migrations on postgres', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('applies every file once when three instances start at the same time', async () => {
    const database = await freshDatabase('postgres');
    const stores = await Promise.all([database.open(), database.open(), database.open()]);
    cleanup.push(database.drop, ...stores.map((s) => () => s.close()));
    const applied = await Promise.all(stores.map((s) => migrate(s)));
    const files = await migrationFiles();
    expect(applied.map((a) => a.length).sort()).toEqual([0, 0, files.length]);
    const rows = (await stores[0]!.db.execute(sql`SELECT name FROM schema_migrations ORDER BY name`)) as unknown as { rows: { name: string }[] };
    expect(rows.rows.map((r) => r.name)).toEqual(files);
    expect(await migrate(stores[1]!)).toEqual([]);
  });

  it('refuses a store migrated by a newer version', async () => {
    const database = await freshDatabase('postgres');
    const store = await database.open();
    cleanup.push(database.drop, () => store.close());
    await migrate(store);
    await store.db.execute(sql`INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future.sql')`);
    await expect(migrate(store)).rejects.toThrow(/newer version of this service \(9999_from_the_future\.sql/);
  });
});

describe('the embedded store directory', () => {
  it('is created and migrated on first open, keeps its data, and is opened by one process at a time', { timeout: 180_000 }, async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'poe-pglite-')), 'pglite');
    try {
      const store = await openPglite(dir);
      expect((await migrate(store)).length).toBeGreaterThan(0);
      await store.db.execute(sql`INSERT INTO claim_numbers (year, last) VALUES (2026, 41)`);
      await expect(openPglite(dir)).rejects.toThrow(StoreInUseError);
      await expect(openPglite(dir)).rejects.toThrow(/in use by another process/);
      await store.close();

      const again = await openPglite(dir);
      expect(await migrate(again)).toEqual([]);
      const rows = (await again.db.execute(sql`SELECT last FROM claim_numbers WHERE year = 2026`)) as unknown as { rows: { last: number }[] };
      expect(rows.rows[0]!.last).toBe(41);
      await again.close();
    } finally {
      await rm(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
