// `npm run server`: the claims service alone, without the demo generator (`npm run demo` loads the
// demo data; `npm start` and `npm run web` run server/demo/main.ts, which does so on a new store).
import { users } from './db/schema.js';
import { runMain, runService } from './service.js';

runMain(() =>
  runService(async (store) => {
    if ((await store.db.$count(users)) === 0) console.log('The store has no accounts yet. Load the demo data with `npm run demo` (same DATABASE_URL or DATA_DIR).');
  }),
);
