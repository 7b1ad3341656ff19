// `npm run demo`: (re)loads the demo data into the configured store (DATABASE_URL, or the embedded
// store in DATA_DIR), replacing what is there.
import { calendarOf } from '../../shared/domain/public-holidays.js';
import { systemClock } from '../clock.js';
import { readConfig } from '../config.js';
import { blobsDir, openConfiguredStore } from '../db/open.js';
import { BlobStore } from '../documents/blob-store.js';
import { describeSeed } from './print.js';
import { seedDemo } from './seed.js';

async function main(): Promise<void> {
  const config = readConfig();
  const { store, location } = await openConfiguredStore(config);
  try {
    console.log(`Loading the demo data into ${store.kind} at ${location} (replacing its contents)...`);
    const seedArg = process.argv.find((a) => a.startsWith('--seed='));
    const result = await seedDemo(
      { db: store.db, blobs: new BlobStore(blobsDir(config)), clock: systemClock, calendar: calendarOf(config.calendar) },
      seedArg ? Number(seedArg.slice('--seed='.length)) : undefined,
    );
    console.log(describeSeed(result, config.publicUrl));
  } finally {
    await store.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
