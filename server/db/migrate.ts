// Applies server/db/migrations/NNNN_name.sql in order, each once, recording what it applied. All
// of it runs in one transaction under an advisory lock, so two instances starting at the same time
// against one PostgreSQL neither race nor apply a file twice: the second waits, then finds nothing
// left to do. server/db/schema.ts describes what these files build (schema.test.ts checks it).
import { readdir, readFile } from 'node:fs/promises';
import type { Store } from './connect.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
/** Any fixed number: it names the lock every instance of this service takes while migrating. */
const MIGRATION_LOCK = 720_260_401;

export async function migrationFiles(): Promise<string[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql'));
  const bad = names.find((n) => !FILE_NAME.test(n));
  if (bad) throw new Error(`Migration file "${bad}" is not named NNNN_name.sql (lowercase, digits, underscores).`);
  return names.sort();
}

/** Brings the store's schema up to date; returns the files it applied now. */
export async function migrate(store: Store): Promise<string[]> {
  const files = await migrationFiles();
  return store.scriptTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const unknown = [...applied].filter((name) => !files.includes(name));
    if (unknown.length > 0) {
      throw new Error(
        `The store was migrated by a newer version of this service (${unknown.join(', ')} is not known here). Run the newer version, or use a fresh store.`,
      );
    }
    const pending = files.filter((name) => !applied.has(name));
    for (const name of pending) {
      const sql = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
      try {
        await tx.exec(sql);
      } catch (error) {
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    return pending;
  });
}
