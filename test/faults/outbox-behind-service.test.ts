// Issue 14, item 3: the engine's outbox behind the service. A data folder restored from a copy
// taken before three synced decisions, or an outbox.jsonl deleted between a push and its pull,
// numbers new decisions with ids the service already processed as other decisions; they must be
// delivered (numbered anew after the service's last id) and the reviewer told, never taken as
// settled by the old results. The push route answers a gap with a code naming the expected id.
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { passedChecklist } from '../unit/engine/checklists.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { assignAll, clientIdsOf, http, mutationResults, serverClaim } from '../integration/engine/claims-service.js';
import { faultyServiceFixture } from './fault-proxy.js';

describe('an outbox behind the claims service', () => {
  const fixture = faultyServiceFixture(4, { beforeAll, afterAll });

  const open = (dataDir: string, url = fixture.service.url) => Engine.open({ dataDir, serverUrl: url, autoSync: false });
  const note = (claimId: string, text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });

  it('delivers an approval made on a folder restored from before three synced decisions', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    const dir = await tempDir('restored');
    const backup = `${dir}-backup`;
    let engine = await open(dir);
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await engine['sync.now']({});
    expect((await engine['claims.mutate']({ claimId: claimIds[0]!, name: 'startReview', args: {} })).ok).toBe(true);
    expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0 });
    await engine.close();
    await cp(dir, backup, { recursive: true });

    engine = await open(dir);
    for (const text of ['one', 'two', 'three']) expect((await engine['claims.mutate'](note(claimIds[1]!, text))).ok).toBe(true);
    expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0 });
    await engine.close();

    await rm(dir, { recursive: true });
    await cp(backup, dir, { recursive: true });
    engine = await open(dir);
    try {
      const approved = await engine['claims.mutate']({ claimId: claimIds[0]!, name: 'approve', args: { checklist: passedChecklist(['d365-sales', 'power-bi']) } });
      expect(approved.ok).toBe(true);
      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect((await serverClaim(fixture.service, claimIds[0]!)).status).toBe('approved');
      expect(status.notices).toEqual([expect.objectContaining({ code: 'outbox_behind_server', params: { server: 4, count: 1 } })]);
      const [clientId] = await clientIdsOf(fixture.service, who.reviewer);
      expect((await mutationResults(fixture.service, clientId!)).map((r) => [r.mutationId, r.name, r.status])).toEqual([
        [1, 'startReview', 'applied'],
        [2, 'comment', 'applied'],
        [3, 'comment', 'applied'],
        [4, 'comment', 'applied'],
        [5, 'approve', 'applied'],
      ]);
    } finally {
      await engine.close();
    }
    // After a restart the claim is still approved: the engine's view is the service's.
    engine = await open(dir);
    try {
      await engine['sync.now']({});
      expect((await engine['claims.get']({ id: claimIds[0]! }))?.claim.status).toBe('approved');
    } finally {
      await engine.close();
    }
  });

  it('delivers a decision made after outbox.jsonl and its ledger were deleted between a push and its pull', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    await assignAll(fixture.service, who.lead, claimIds.slice(2), who.reviewer2);
    const dir = await tempDir('outbox-deleted');
    let engine = await open(dir, fixture.proxy.url);
    await engine['session.signIn']({ username: who.reviewer2.username, password: who.reviewer2.password });
    expect((await engine['sync.now']({})).connection).toBe('online');
    const first = [note(claimIds[2]!, 'pushed, never pulled 1'), note(claimIds[2]!, 'pushed, never pulled 2')];
    for (const n of first) expect((await engine['claims.mutate'](n)).ok).toBe(true);
    fixture.proxy.rule = (r) => (r.path === '/sync/pull' ? { status: 503, body: { code: 'unavailable', message: 'down' } } : null);
    expect((await engine['sync.now']({})).connection).toBe('offline');
    fixture.proxy.rule = () => null;
    await engine.close();
    // The ledger too (outbox-truncated.test.ts covers the outbox alone): nothing on this computer remembers the ids.
    await rm(path.join(dir, 'outbox.jsonl'));
    await rm(path.join(dir, 'outbox-ledger.json'));

    engine = await open(dir, fixture.proxy.url);
    try {
      const later = note(claimIds[3]!, 'made after the outbox was lost');
      expect((await engine['claims.mutate'](later)).ok).toBe(true);
      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect((await serverClaim(fixture.service, claimIds[3]!)).comments.map((c) => c.id)).toEqual([later.args.commentId]);
      expect(status.notices.map((n) => n.code)).toEqual(['outbox_behind_server']);
      expect((await serverClaim(fixture.service, claimIds[2]!)).comments.map((c) => c.id)).toEqual(first.map((n) => n.args.commentId));
    } finally {
      await engine.close();
    }
  });

  it('answers a push that leaves a gap with mutation_gap and the expected id', async () => {
    const { service, who, claimIds } = fixture;
    const clientId = crypto.randomUUID();
    const claim = await serverClaim(service, claimIds[3]!);
    const mutation = { id: 3, claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'gap' }, baseVersion: claim.version, decidedAt: new Date().toISOString() };
    const res = await http(service, 'POST', '/sync/push', who.lead.token, { clientId, mutations: [mutation] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'mutation_gap', params: { expectedId: 1, lastMutationId: 0, mutationId: 3 } });
    expect(res.body.message).toMatch(/next mutation id is 1/);
  });
});
