// Issue 19, the fault suite: the claims service (server/main.ts, a process of its own) is SIGKILLed
// while a reviewer's desk is pushing decisions to it, on the embedded PGlite and on PostgreSQL, and a
// supervisor starts it again on the same data. A push cut this way may have been applied and
// committed with its answer lost, or rolled back with it: either way the desk sends it again and the
// service must apply it exactly once. The desk talks to the service through the fault proxy, which
// only watches: when a push of a batch arrives, the service is killed a few milliseconds after the
// proxy forwarded it, while it is applying the batch. At the end every decision the engine acknowledged is on the
// service once (one applied result for its client and mutation id, its comment once in the claim),
// and the audit chain still verifies.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../server/audit/verify.js';
import { readConfig } from '../../server/config.js';
import { blobsDir, openConfiguredStore } from '../../server/db/open.js';
import { readClaim } from '../../server/claims/read.js';
import { freePort, start, type Started } from '../e2e/support/processes.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { assignAll, clientIdsOf, mutationResults, people, startClaimsService, submittedClaims } from '../integration/engine/claims-service.js';
import { EngineChild } from '../integration/engine/engine-child.js';
import { BACKENDS, freshDatabase, type TestDatabase } from '../integration/server/harness.js';
import { FULL, reportCounts } from './counts.js';
import { startFaultProxy } from './fault-proxy.js';

const KILLS = FULL ? 8 : 2;
const CLAIMS = 4;
/** Decisions made before each push that is cut, so that the push is a batch in flight. */
const PER_ROUND = FULL ? 40 : 20;

describe.each(BACKENDS)('claims service SIGKILLed mid-push (%s)', (backend) => {
  const dropped: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dropped) await db.drop();
  });

  it(`delivers every acknowledged decision exactly once through ${KILLS} kills`, { timeout: 900_000 }, async () => {
    const dataDir = await tempDir(`service-mid-push-${backend}`);
    const database = backend === 'postgres' ? await freshDatabase('postgres') : null;
    if (database) dropped.push(database);
    const env = { DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url! } : {}) };
    const config = readConfig(env);

    // Accounts and claims made through the service's own API, in this process, on the data the
    // service process will run on.
    const seeding = await startClaimsService({ store: (await openConfiguredStore(config)).store, blobsDir: blobsDir(config) });
    const who = await people(seeding);
    const claimIds = await submittedClaims(seeding, who.partner, CLAIMS);
    await assignAll(seeding, who.lead, claimIds, who.reviewer);
    await seeding.close();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let service: Started | null = null;
    const startService = async () => {
      service = start(process.execPath, ['--import', 'tsx', 'server/main.ts'], { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, 'the claims service');
      await service.waitFor(/listening on http/, 240_000);
    };
    await startService();

    const proxy = await startFaultProxy(url);
    const engineDir = await tempDir(`mid-push-engine-${backend}`);
    const { engine } = await EngineChild.start({ dataDir: engineDir, serverUrl: proxy.url, autoSync: false });
    const acked: { claimId: string; commentId: string }[] = [];
    /** Pushes whose answer never reached the desk: the kill came while the service handled them. */
    let cut = 0;
    try {
      await engine.call('session.signIn', { username: who.reviewer.username, password: who.reviewer.password });
      expect(await engine.call('sync.now', {})).toMatchObject({ connection: 'online' });

      for (let kill = 1; kill <= KILLS; kill++) {
        for (let i = 0; i < PER_ROUND; i++) {
          const claimId = claimIds[(kill * PER_ROUND + i) % CLAIMS]!;
          const commentId = crypto.randomUUID();
          const saved = await engine.call('claims.mutate', { claimId, name: 'comment', args: { commentId, text: `Checked round ${kill}, item ${i}.` } });
          expect(saved.ok).toBe(true);
          acked.push({ claimId, commentId });
        }
        const child = service!.child;
        const gone = new Promise((resolve) => child.once('exit', resolve));
        // The next push the proxy sees is forwarded, and the service is killed while it works on it.
        proxy.rule = (request) => {
          if (request.path !== '/sync/push') return null;
          proxy.rule = () => null;
          setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 3 + ((kill * 7) % 18));
          return null;
        };
        const answered = await engine.call('sync.now', {}); // whatever it reached: delivered in part, or offline
        await gone;
        if (answered.pending > 0) cut++;
        await startService();
      }

      let status = await engine.call('sync.now', {});
      for (let i = 0; i < 20 && (status.pending > 0 || status.connection !== 'online'); i++) status = await engine.call('sync.now', {});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      // Kills that came after the push was answered would test nothing here.
      expect(cut).toBeGreaterThan(0);
    } finally {
      await engine.close();
      await proxy.close();
      await (service as Started | null)?.stop();
      await rm(engineDir, { recursive: true, force: true });
    }

    // The service stopped, its data is read here.
    const opened = await openConfiguredStore(config);
    try {
      const db = opened.store.db;
      const on = { deps: { db } };
      const [clientId, ...others] = await clientIdsOf(on, who.reviewer);
      expect(others).toEqual([]);
      const results = await mutationResults(on, clientId!);
      const comments = new Map<string, number>();
      for (const id of claimIds) for (const c of (await readClaim(db, id))!.comments) comments.set(c.id, (comments.get(c.id) ?? 0) + 1);
      const lost = acked.filter((a) => !comments.has(a.commentId));
      const duplicated = [...comments.values()].filter((n) => n > 1).length;
      expect(lost).toEqual([]);
      expect(duplicated).toBe(0);
      expect(results).toHaveLength(acked.length);
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(new Set(results.map((r) => r.mutationId)).size).toBe(acked.length);
      expect(await verifyChain({ db, auditAnchor: opened.anchor })).toMatchObject({ ok: true });
      reportCounts(`service SIGKILL mid-push (${backend})`, { killPoints: KILLS, faultsInjected: cut, decisionsChecked: acked.length, lost: lost.length, duplicated });
    } finally {
      await opened.store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
