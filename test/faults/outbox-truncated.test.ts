// Issue 14, item 6: an outbox.jsonl cut short at a line boundary reads as a valid, shorter outbox.
// The ledger beside it (outbox-ledger.json) tells what is missing: the lost decisions are named by
// their claims in an outbox_truncated notice; the others are delivered; a lost decision the service
// already had (pushed before the loss) is not reported once the service says so.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { serverClaim } from '../integration/engine/claims-service.js';
import { faultyServiceFixture } from './fault-proxy.js';

describe('an outbox cut short', () => {
  const fixture = faultyServiceFixture(3, { beforeAll, afterAll });

  const open = (dataDir: string, url = fixture.service.url) => Engine.open({ dataDir, serverUrl: url, autoSync: false });
  const note = (claimId: string, text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });
  const commentsOn = async (claimId: string) => (await serverClaim(fixture.service, claimId)).comments.map((c) => c.text);

  it('names the lost decisions by their claims, delivers the others, and keeps numbering after them', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    const dir = await tempDir('outbox-cut');
    let engine = await open(dir);
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await engine['sync.now']({});
    for (const n of [note(claimIds[0]!, 'one'), note(claimIds[0]!, 'two'), note(claimIds[1]!, 'three'), note(claimIds[1]!, 'four')]) expect((await engine['claims.mutate'](n)).ok).toBe(true);
    await engine.close();
    const outbox = path.join(dir, 'outbox.jsonl');
    const lines = (await readFile(outbox, 'utf8')).split('\n').filter(Boolean);
    await writeFile(outbox, lines.slice(0, -2).map((l) => `${l}\n`).join(''));

    engine = await open(dir);
    try {
      const number = (await serverClaim(fixture.service, claimIds[1]!)).number;
      let status = await engine['sync.status']({});
      expect(status.pending).toBe(2);
      expect(status.notices).toEqual([expect.objectContaining({ code: 'outbox_truncated', params: { file: outbox, missing: 2, claims: number } })]);

      status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect(await commentsOn(claimIds[0]!)).toEqual(['one', 'two']);
      expect(await commentsOn(claimIds[1]!)).toEqual([]);
      // The service never had them: the notice stays, until the reviewer has read it.
      const [lost] = status.notices;
      expect(lost).toMatchObject({ code: 'outbox_truncated', params: { missing: 2 } });
      expect((await engine['claims.mutate'](note(claimIds[1]!, 'three again'))).ok).toBe(true);
      expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect(await commentsOn(claimIds[1]!)).toEqual(['three again']);
      expect((await engine['sync.dismissNotice']({ id: lost!.id })).notices).toEqual([]);
    } finally {
      await engine.close();
    }
    engine = await open(dir);
    try {
      expect((await engine['sync.status']({})).notices).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('stops reporting a lost decision once the service shows it had arrived before the loss', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    const dir = await tempDir('outbox-gone-after-push');
    let engine = await open(dir, fixture.proxy.url);
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    expect((await engine['sync.now']({})).connection).toBe('online');
    expect((await engine['claims.mutate'](note(claimIds[2]!, 'pushed, never pulled'))).ok).toBe(true);
    fixture.proxy.rule = (r) => (r.path === '/sync/pull' ? { status: 503, body: { statusCode: 503, error: 'Service Unavailable', code: 'unavailable', message: 'down' } } : null);
    expect((await engine['sync.now']({})).connection).toBe('offline');
    fixture.proxy.rule = () => null;
    await engine.close();
    await rm(path.join(dir, 'outbox.jsonl'));

    engine = await open(dir, fixture.proxy.url);
    try {
      expect((await engine['sync.status']({})).notices.map((n) => [n.code, n.params.missing])).toEqual([['outbox_truncated', 1]]);
      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, notices: [] });
      expect(await commentsOn(claimIds[2]!)).toEqual(['pushed, never pulled']);
    } finally {
      await engine.close();
    }
  });
});
