// server/db/schema.ts and server/db/migrations describe one store: a database built by the
// migrations and one built from the Drizzle schema (the SQL drizzle-kit generates for it) must have
// the same tables, columns, defaults, keys, constraints and indexes, on both backends.
import { sql } from 'drizzle-orm';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../server/db/connect.js';
import { migrate } from '../../../server/db/migrate.js';
import { schema } from '../../../server/db/schema.js';
import { BACKENDS, freshDatabase } from './harness.js';

/** What the database says about each table, names of keys and constraints left out (Drizzle and PostgreSQL name them differently). */
async function shape(store: Store): Promise<Record<string, string[]>> {
  const rows = async (query: ReturnType<typeof sql>) => ((await store.db.execute(query)) as unknown as { rows: { table: string; line: string }[] }).rows;
  const lines = [
    ...(await rows(sql`
      SELECT c.relname AS table,
             'column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`)),
    ...(await rows(sql`
      SELECT c.relname AS table, 'constraint ' || pg_get_constraintdef(k.oid) AS line
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype <> 'n'`)),
    ...(await rows(sql`
      SELECT c.relname AS table, 'index ' || pg_get_indexdef(i.indexrelid) AS line
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`)),
  ];
  const tables: Record<string, string[]> = {};
  for (const { table, line } of lines) if (table !== 'schema_migrations') (tables[table] ??= []).push(line);
  for (const list of Object.values(tables)) list.sort();
  return tables;
}

describe.each(BACKENDS)('the store schema on %s', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('is the same built by the migrations and by the Drizzle schema', async () => {
    const database = await freshDatabase(backend);
    const store = await database.open();
    cleanup.push(database.drop, () => store.close());
    await migrate(store);
    const migrated = await shape(store);

    // The same database emptied, then built from the schema (cheaper than a second one: PGlite's initdb is slow).
    await store.db.execute(sql`DROP SCHEMA public CASCADE`);
    await store.db.execute(sql`CREATE SCHEMA public`);
    const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(schema));
    for (const statement of statements) await store.db.execute(sql.raw(statement));
    const fromSchema = await shape(store);

    expect(Object.keys(fromSchema).length).toBe(Object.keys(schema).length);
    expect(migrated).toEqual(fromSchema);
  }, 120_000);
});
