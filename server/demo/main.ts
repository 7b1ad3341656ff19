// The claims service with demo data, as `npm start` and `npm run web` run it: a new embedded store
// is seeded before the service listens. The demo accounts are printed at every start of a demo
// store (kept beside its data), so a user who restarts the app still sees how to sign in.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calendarOf } from '../../shared/domain/public-holidays.js';
import { systemClock } from '../clock.js';
import { users } from '../db/schema.js';
import { runMain, runService } from '../service.js';
import { describeAccounts, describeSeed } from './print.js';
import { seedDemo } from './seed.js';

runMain(() =>
  runService(async (store, blobs, config) => {
    const demoAccounts = path.join(config.dataDir, 'demo-accounts.txt');
    const empty = (await store.db.$count(users)) === 0;
    if (empty && store.kind === 'pglite') {
      console.log('New embedded store: loading the demo data...');
      const result = await seedDemo({ db: store.db, blobs, clock: systemClock, calendar: calendarOf(config.calendar) });
      await writeFile(demoAccounts, describeAccounts(result.users));
      console.log(describeSeed(result, config.publicUrl));
    } else if (!empty && existsSync(demoAccounts)) {
      console.log(await readFile(demoAccounts, 'utf8'));
    } else if (empty) {
      console.log('The store has no accounts yet. Load the demo data with `npm run demo` (same DATABASE_URL).');
    }
  }),
);
