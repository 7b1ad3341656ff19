// A first sync cut off between pages (the engine asks for the next page while it writes the one
// before, sync-run.ts): the next sync goes on from the last page written, not from the start, and
// the desk ends with every claim of its scope exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { PullRequest } from '../../shared/contract/sync.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { faultyServiceFixture } from './fault-proxy.js';

describe('a first sync interrupted between pages', () => {
  const fixture = faultyServiceFixture(7, { beforeAll, afterAll });

  it('resumes from the last page written, without losing or repeating a claim', { timeout: 120_000 }, async () => {
    const { who, claimIds, proxy } = fixture;
    const engine = await Engine.open({ dataDir: await tempDir('initial-sync-cut'), serverUrl: proxy.url, autoSync: false, pullPageSize: 2 });
    try {
      await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      let pulls = 0;
      proxy.rule = (r) => (r.path === '/sync/pull' && ++pulls === 3 ? { cut: true } : null);
      const failed = await engine['sync.now']({});
      expect(failed.lastError).not.toBeNull();
      const cookies = () => proxy.seen.filter((r) => r.path === '/sync/pull').map((r) => PullRequest.parse(JSON.parse(r.body)).cookie);
      const before = cookies();
      // Pages one and two were written; the third, asked for while the second was, was cut off.
      expect(before).toHaveLength(3);
      expect(before[0]).toBeNull();

      proxy.rule = () => null;
      const done = await engine['sync.now']({});
      expect(done.lastError).toBeNull();
      const after = cookies().slice(before.length);
      expect(after[0]).toBe(before[2]);
      const rows = (await engine['queue.query']({})).rows.map((r) => r.id);
      expect(rows.sort()).toEqual([...claimIds].sort());
    } finally {
      await engine.close();
    }
  });
});
