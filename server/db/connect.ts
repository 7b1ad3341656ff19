// Opens the store: embedded PGlite in a data directory (the default, no set-up) or a real
// PostgreSQL through node-postgres (DATABASE_URL). Both give the same Drizzle API over the same
// migrations; the rest of the server does not know which one it talks to.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { LockHeldError, type LockOwner, takeProcessLock } from '../../platform/process-lock.js';
import { schema, type Schema } from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction (or the database itself): everything that runs queries. */
export type Tx = Db;

/** Driver-level access for the migrator: SQL files hold several statements, which Drizzle's query API does not run. */
export interface ScriptTx {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Store {
  kind: 'pglite' | 'postgres';
  db: Db;
  scriptTransaction<T>(work: (tx: ScriptTx) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotice` with each payload NOTIFYed on `channel` (by any connection to this database,
   * once its transaction commits), and `onLost` when notices may have been missed: the connection
   * that listens went down. It listens again by itself; the subscription is `live` meanwhile only
   * when it does.
   */
  listen(channel: string, onNotice: (payload: string) => void, onLost: () => void): Promise<Subscription>;
  close(): Promise<void>;
}

export interface Subscription {
  /** False while notices may be missed (between a lost connection and listening again). */
  readonly live: boolean;
  close(): Promise<void>;
}

/** How long a lost listening connection waits before it connects again. */
const RELISTEN_MS = 1000;

export class StoreInUseError extends Error {
  constructor(dir: string, owner: LockOwner) {
    super(
      `The embedded store in ${dir} is in use by another process (${owner.pid} on ${owner.hostname}, since ${owner.startedAt}: a running server, demo or audit command). ` +
        'Stop that process first (a running server also answers GET /audit/verify), or point DATABASE_URL at a PostgreSQL server, which several processes can share.',
    );
  }
}

/** Embedded PostgreSQL (PGlite). `dir` null keeps it in memory (tests). */
export async function openPglite(dir: string | null): Promise<Store> {
  let release: (() => Promise<void>) | null = null;
  if (dir) {
    await mkdir(dir, { recursive: true });
    // PGlite is single-process: two processes writing one data directory would corrupt it. The lock
    // of a killed service is taken over at once, so a supervisor's restart succeeds.
    try {
      release = (await takeProcessLock(`${dir}.lock.json`)).release;
    } catch (error) {
      if (error instanceof LockHeldError) throw new StoreInUseError(dir, error.owner);
      throw error;
    }
  }
  try {
    const client = dir ? new PGlite(dir) : new PGlite();
    await client.waitReady;
    return pgliteStore(client, release);
  } catch (error) {
    await release?.();
    throw error;
  }
}

/** A store over an open PGlite; `release` runs after it is closed. */
export function pgliteStore(client: PGlite, release: (() => Promise<void>) | null = null): Store {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    scriptTransaction: (work) =>
      client.transaction((tx) =>
        work({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
        }),
      ),
    // One embedded backend: every notice is its own, delivered as the transaction that sent it commits; it cannot be lost.
    listen: async (channel, onNotice) => {
      const unlisten = await client.listen(channel, onNotice);
      return { live: true, close: () => unlisten() };
    },
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(`postgres: idle connection failed: ${error.message}`));
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`);
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    scriptTransaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          exec: async (sql) => void (await client.query(sql)),
          query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onNotice, onLost) => listenPostgres(url, channel, onNotice, onLost),
    close: () => pool.end(),
  };
}

/** LISTEN on a connection of its own (a pooled one goes back to the pool between queries), again after it is lost. */
async function listenPostgres(url: string, channel: string, onNotice: (payload: string) => void, onLost: () => void): Promise<Subscription> {
  let current: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => {
      if (n.channel === channel) onNotice(n.payload ?? '');
    });
    const lost = () => {
      if (current !== client) return;
      current = null;
      onLost();
      if (!closed) again();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (closed) await client.end();
    else current = client;
  };
  const again = () => {
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: Error) => {
        console.error(`postgres: listening on ${channel} failed (${error.message}); trying again`);
        if (!closed) again();
      });
    }, RELISTEN_MS);
    retry.unref();
  };
  await connect();
  return {
    get live() {
      return current !== null;
    },
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = current;
      current = null;
      await client?.end();
    },
  };
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
