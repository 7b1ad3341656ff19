// The claims service as a process: opens and migrates the configured store (server/config.ts),
// runs the timer, listens, and stops cleanly on SIGINT/SIGTERM. `npm run server` runs it as it is;
// the demo entry (server/demo/main.ts) loads demo data first, so this path never carries the generator.
import { buildApp } from './app.js';
import { anchorFirstStart } from './audit/anchor.js';
import { readConfig, type ServerConfig } from './config.js';
import type { Store } from './db/connect.js';
import { blobsDir, openConfiguredStore } from './db/open.js';
import { BlobStore } from './documents/blob-store.js';
import { startTimerLoop } from './timers.js';

/** Runs before the service listens, on the opened and migrated store. */
export type Prepare = (store: Store, blobs: BlobStore, config: ServerConfig) => Promise<void>;

export async function runService(prepare: Prepare): Promise<void> {
  const config = readConfig();
  const { store, anchor, location, applied } = await openConfiguredStore(config);
  await anchorFirstStart(store, anchor);
  console.log(`Store: ${store.kind} at ${location}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
  const blobs = new BlobStore(blobsDir(config));
  await prepare(store, blobs, config);

  const { app, deps } = await buildApp({
    store,
    blobs,
    calendar: config.calendar,
    publicUrl: config.publicUrl,
    sessionTtlMs: config.sessionTtlMs,
    scopeRecentDays: config.scopeRecentDays,
    auditAnchor: anchor,
    pdfLimits: { ...(config.maxPdfBytes ? { maxBytes: config.maxPdfBytes } : {}), ...(config.maxPdfPages ? { maxPages: config.maxPdfPages } : {}) },
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    // No mail server here: show the messages (customer opt-out links) on the console.
    mailer: { send: async (m) => console.log(`[mail to ${m.to}] ${m.subject}\n${m.text}`) },
  });
  const timers = startTimerLoop(deps, config.timerIntervalMs);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping...`);
    await timers.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await timers.stop();
    await store.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} on ${config.host} is already in use. Stop what uses it, or start with another PORT=...`);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`PoE Desk claims service listening on http://${shownHost}:${port} (API description: /openapi.json)`);
}

/** Runs a process's main function: its error's message on the console, exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
