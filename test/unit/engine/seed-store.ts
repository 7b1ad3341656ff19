// A data directory prepared as a sync would leave it: a signed-in reviewer and these claims as one
// complete pull page, written through the store's own code. For engine tests that need no server.
import { LocalStore } from '../../../electron/engine/local-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { REVIEWER } from './fixtures.js';

export async function seedStore(dataDir: string, claims: Claim[], user = REVIEWER): Promise<void> {
  const store = await LocalStore.open({ dataDir, serverUrl: 'http://127.0.0.1:9' });
  await store.saveSession({ user, owner: user, token: 'unused', expiresAt: '2099-01-01T00:00:00.000Z' });
  await store.recordPage({ reset: true, cookie: 1, lastMutationId: 0, claims, removed: [], mutationResults: [], more: false }, []);
  await store.close();
}
