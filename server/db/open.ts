// The store the configuration names, migrated: PostgreSQL when DATABASE_URL is set, else the
// embedded PGlite in DATA_DIR/pglite (created on first use).
import path from 'node:path';
import { anchoredStore, AuditAnchor } from '../audit/anchor.js';
import type { ServerConfig } from '../config.js';
import { openPglite, openPostgres, redact, type Store } from './connect.js';
import { migrate } from './migrate.js';

export interface OpenedStore {
  /** Every transaction's audit events anchored (server/audit/anchor.ts). */
  store: Store;
  anchor: AuditAnchor;
  /** Where it is, for messages: a directory or a redacted connection string. */
  location: string;
  /** Migration files applied by this start (all of them on a new store). */
  applied: string[];
}

export async function openConfiguredStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'auditAnchorFile'>): Promise<OpenedStore> {
  const anchor = new AuditAnchor(config.auditAnchorFile);
  const store = anchoredStore(config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(path.join(config.dataDir, 'pglite')), anchor);
  try {
    const applied = await migrate(store);
    return { store, anchor, location: config.databaseUrl ? redact(config.databaseUrl) : path.join(config.dataDir, 'pglite'), applied };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function blobsDir(config: Pick<ServerConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'blobs');
}
