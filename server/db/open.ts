// The store the configuration names, migrated: PostgreSQL when DATABASE_URL is set, else the
// embedded PGlite in DATA_DIR/pglite (created on first use).
import path from 'node:path';
import type { ServerConfig } from '../config.js';
import { openPglite, openPostgres, redact, type Store } from './connect.js';
import { migrate } from './migrate.js';

export interface OpenedStore {
  store: Store;
  /** Where it is, for messages: a directory or a redacted connection string. */
  location: string;
  /** Migration files applied by this start (all of them on a new store). */
  applied: string[];
}

export async function openConfiguredStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<OpenedStore> {
  const store = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(path.join(config.dataDir, 'pglite'));
  try {
    const applied = await migrate(store);
    return { store, location: config.databaseUrl ? redact(config.databaseUrl) : path.join(config.dataDir, 'pglite'), applied };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function blobsDir(config: Pick<ServerConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'blobs');
}
