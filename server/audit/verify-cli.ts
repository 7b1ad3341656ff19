// `npm run audit:verify`: re-verifies the audit hash chain of the configured store. Prints
// "verified up to N", or the first broken event and exits with status 1.
import { readConfig } from '../config.js';
import { openConfiguredStore } from '../db/open.js';
import { verifyChain } from './verify.js';

async function main(): Promise<number> {
  const { store, anchor } = await openConfiguredStore(readConfig());
  try {
    const result = await verifyChain({ db: store.db, auditAnchor: anchor });
    console.log(result.message);
    return result.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
