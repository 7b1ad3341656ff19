// Issue 14, item 12 (service side): a supervisor restarts the claims service at once after it was
// SIGKILLed, on the same DATA_DIR. The embedded store's lock names a process that is gone, so it is
// taken over at once: the store opens the moment the process is gone (the lock used to be judged by
// its age and refused for 10-20 s), and the restarted service serves, the lead's session from
// before the kill still valid and the audit chain verified.
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { systemClock } from '../../server/clock.js';
import { verifyChain } from '../../server/audit/verify.js';
import { readConfig } from '../../server/config.js';
import { openConfiguredStore } from '../../server/db/open.js';
import { freePort, start, type Started } from '../e2e/support/processes.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { FULL, reportCounts } from './counts.js';

const KILLS = FULL ? 5 : 2;
const LEAD = { username: 'lucie.lead', password: 'correct horse battery', name: 'Lucie Lead', role: 'team_lead' } as const;

describe('claims service SIGKILL and immediate restart on the embedded store', () => {
  let running: Started | null = null;
  afterEach(async () => running?.stop());

  it(`starts and serves at once after each of ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const dataDir = await tempDir('service-kill');
    const config = readConfig({ DATA_DIR: dataDir });
    const { store } = await openConfiguredStore(config);
    await createUser(store.db, systemClock, LEAD);
    await store.close();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const startService = async () => {
      running = start(process.execPath, ['--import', 'tsx', 'server/main.ts'], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, 'the claims service');
      await running.waitFor(/listening on http/, 240_000);
    };
    await startService();
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: LEAD.username, password: LEAD.password }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };

    for (let kill = 1; kill <= KILLS; kill++) {
      const child = running!.child;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await gone;
      // At once, before a restarted process could have let any lock age.
      const reopened = await openConfiguredStore(config);
      try {
        expect(await verifyChain({ db: reopened.store.db, auditAnchor: reopened.anchor })).toMatchObject({ ok: true });
      } finally {
        await reopened.store.close();
      }
      await startService();
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const verify = await fetch(`${url}/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
      expect(verify.status).toBe(200);
      expect(await verify.json()).toMatchObject({ ok: true });
    }
    reportCounts('service SIGKILL and restart', { killPoints: KILLS, lost: 0, duplicated: 0 });
  });
});
