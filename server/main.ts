// `npm run server`: the claims service as a process. Reads its settings from the environment
// (server/config.ts), opens and migrates the store, seeds the demo data into a new embedded
// store, runs the timer, and says where it listens.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BusinessCalendar } from '../shared/domain/calendar.js';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { readConfig } from './config.js';
import { blobsDir, openConfiguredStore } from './db/open.js';
import { users } from './db/schema.js';
import { describeAccounts, describeSeed } from './demo/print.js';
import { seedDemo } from './demo/seed.js';
import { BlobStore } from './documents/blob-store.js';
import { startTimerLoop } from './timers.js';

async function main(): Promise<void> {
  const config = readConfig();
  const { store, location, applied } = await openConfiguredStore(config);
  console.log(`Store: ${store.kind} at ${location}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
  const blobs = new BlobStore(blobsDir(config));

  // The demo accounts are printed at every start of a demo store (kept beside its data), so a user
  // who restarts the app still sees how to sign in.
  const demoAccounts = path.join(config.dataDir, 'demo-accounts.txt');
  const empty = (await store.db.$count(users)) === 0;
  if (empty && store.kind === 'pglite') {
    console.log('New embedded store: loading the demo data...');
    const result = await seedDemo({ db: store.db, blobs, clock: systemClock, calendar: new BusinessCalendar(config.calendar) });
    await writeFile(demoAccounts, describeAccounts(result.users));
    console.log(describeSeed(result, config.publicUrl));
  } else if (!empty && existsSync(demoAccounts)) {
    console.log(await readFile(demoAccounts, 'utf8'));
  } else if (empty) {
    console.log('The store has no accounts yet. Load the demo data with `npm run demo` (same DATABASE_URL).');
  }

  const { app, deps } = await buildApp({
    store,
    blobs,
    calendar: config.calendar,
    publicUrl: config.publicUrl,
    sessionTtlMs: config.sessionTtlMs,
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

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
