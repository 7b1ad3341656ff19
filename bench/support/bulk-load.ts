// A bulk load's usual shape, for seeding benchmark stores: the tables' secondary indexes dropped,
// the rows loaded by set-based SQL, the indexes built again once over all of them and the tables
// vacuumed and analysed, as autovacuum would leave them (statistics, and the visibility map
// index-only scans read). Keeping them while a million rows go in (claims_search is a GIN index over each claim's
// words) costs several times the load itself. Keys and unique constraints stay: they are the data's.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/connect.js';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

export async function withoutIndexes(db: Db, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const defs = rowsOf<{ indexname: string; indexdef: string }>(
    await db.execute(sql`
      SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`),
  );
  for (const d of defs) await db.execute(sql.raw(`DROP INDEX ${d.indexname}`));
  await load();
  for (const d of defs) await db.execute(sql.raw(d.indexdef));
  for (const table of tables) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
}
