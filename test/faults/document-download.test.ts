// Issue 14, item 11: a PoE download that fails (the document store answering 503) never fails the
// sync cycle: push and pull worked, so the desk is online; the document is retried on its own
// schedule, with backoff, and arrives once the store answers again, without another sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';

import { faultyServiceFixture } from './fault-proxy.js';

describe('a failed PoE download', () => {
  const fixture = faultyServiceFixture(2, { beforeAll, afterAll });

  it('leaves the desk online and is retried by itself until it arrives', async () => {
    const { who, claimIds } = fixture;
    let storeDown = true;
    fixture.proxy.rule = (r) => (storeDown && r.path.startsWith('/documents/') ? { status: 503, body: { code: 'unavailable', message: 'The document store is not answering.' } } : null);
    const engine = await Engine.open({ dataDir: await tempDir('doc-retry'), serverUrl: fixture.proxy.url, autoSync: false, documentBackoff: { baseMs: 100, maxMs: 400 } });
    try {
      await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', lastError: null, pending: 0 });
      expect((await engine['queue.query']({})).total).toBe(claimIds.length);
      expect((await engine['documents.list']({ claimId: claimIds[0]! }))[0]?.cached).toBe(false);

      // Still failing: retried on its own, with the desk online all along.
      await expect.poll(() => fixture.proxy.seen.filter((r) => r.path.startsWith('/documents/')).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect((await engine['sync.status']({})).connection).toBe('online');

      storeDown = false;
      const syncs = fixture.proxy.seen.filter((r) => r.path === '/sync/pull').length;
      for (const claimId of claimIds) await expect.poll(async () => (await engine['documents.list']({ claimId }))[0]?.cached, { timeout: 10_000 }).toBe(true);
      expect(fixture.proxy.seen.filter((r) => r.path === '/sync/pull').length).toBe(syncs);
      expect(await engine['sync.status']({})).toMatchObject({ connection: 'online', lastError: null, progress: null });
    } finally {
      await engine.close();
    }
  });
});
