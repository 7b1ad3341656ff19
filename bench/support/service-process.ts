// The claims service in a process of its own, started as `npm run server` starts it (server/main.ts,
// its settings from the environment), over a fresh database on the local PostgreSQL. For figures
// whose clients must not share the service's event loop: 50 simulated reviewers building requests
// and parsing answers in the service's own process queue their CPU in front of its handlers, where
// real reviewers are other machines.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../server/clock.js';
import { sealedStore } from '../../server/claims/sealing.js';
import { openPostgres, type Store } from '../../server/db/connect.js';
import { migrate } from '../../server/db/migrate.js';
import { ensureDeskScope } from '../../server/sync/scope.js';
import { freshDatabase } from '../../test/integration/server/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export interface ServiceDatabase {
  url: string;
  /** The bench's own connection to it (migrated, desk scope built, every transaction sealed), for seeding and reading. */
  store: Store;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database, migrated and ready to seed before the service starts on it. */
export async function serviceDatabase(): Promise<ServiceDatabase> {
  const database = await freshDatabase('postgres');
  const url = database.url!;
  const store = sealedStore(await openPostgres(url, { max: 2 }));
  await migrate(store);
  await ensureDeskScope(store.db, systemClock.now());
  return {
    url,
    store,
    drop: async () => {
      await store.close();
      await database.drop();
    },
  };
}

export interface ServiceProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `npm run server` (tsx server/main.ts) on a free port of 127.0.0.1 over `databaseUrl`; resolves once it listens. */
export async function startServiceProcess(databaseUrl: string): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'poe-bench-service-'));
  // BENCH_SERVICE_CPU_PROF=<dir>: the service writes a CPU profile there when it stops (node --cpu-prof), to see where its time goes.
  const profile = process.env.BENCH_SERVICE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_SERVICE_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the claims service did not listen within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the claims service exited (${signal ?? code}) before it listened:\n${output}`));
      });
    });
    return { url, pid: child.pid!, stop: () => stop(child, dataDir) };
  } catch (error) {
    await stop(child, dataDir);
    throw error;
  }
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  await rm(dataDir, { recursive: true, force: true });
}
