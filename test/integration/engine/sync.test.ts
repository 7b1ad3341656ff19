// The engine against the real claims service: sign-in, a paged initial sync with progress, a
// decision pushed and acknowledged, the PoE of assigned claims prefetched and verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import type { EventName } from '../../../shared/contract/desktop.js';
import { passedChecklist } from '../../unit/engine/checklists.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { assignAll, claimsServiceFixture, clientIdsOf, mutationResults, serverClaim } from './claims-service.js';

describe('engine sync against the claims service', () => {
  const fx = claimsServiceFixture(12, { beforeAll, afterAll }, 8);

  it('signs in, syncs in pages with progress, decides, and the server applies the decision once', async () => {
    const engine = await Engine.open({ dataDir: await tempDir('sync'), serverUrl: fx.service.url, autoSync: false, pullPageSize: 5 });
    try {
      const seen: { event: EventName; payload: unknown }[] = [];
      engine.on((event, payload) => seen.push({ event, payload }));
      const session = await engine['session.signIn']({ username: 'jana', password: fx.who.reviewer.password });
      expect(session.user).toMatchObject({ id: fx.who.reviewer.id, role: 'reviewer' });

      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, lastError: null, progress: null });
      expect(status.lastSyncAt).not.toBeNull();
      const progress = seen.filter((e) => e.event === 'sync.status').map((e) => (e.payload as { progress: { phase: string; done: number; total: number | null } | null }).progress);
      // Her scope is the 8 claims assigned to her (of 12), in pages of 5, counted against the
      // total the service announced; then their documents.
      expect(progress.filter((p) => p?.phase === 'initial_sync').map((p) => [p!.done, p!.total])).toEqual([
        [5, 8],
        [8, 8],
      ]);
      expect(progress.filter((p) => p?.phase === 'documents').at(-1)).toEqual({ phase: 'documents', done: 8, total: 8 });
      const mine = await engine['queue.query']({ assignee: 'me' });
      expect(mine.total).toBe(8);
      const docs = await engine['documents.list']({ claimId: fx.claimIds[0]! });
      expect(docs[0]?.cached).toBe(true);
      expect(await engine['claims.get']({ id: fx.claimIds[11]! })).toBeNull(); // not in her scope

      const id = fx.claimIds[0]!;
      expect((await engine['claims.mutate']({ claimId: id, name: 'startReview', args: {} })).ok).toBe(true);
      const approved = await engine['claims.mutate']({ claimId: id, name: 'approve', args: { checklist: passedChecklist(['d365-sales', 'power-bi']) } });
      expect(approved.ok).toBe(true);
      expect((await engine['claims.get']({ id }))!.claim.status).toBe('approved');
      expect((await engine['sync.status']({})).pending).toBe(2);

      const after = await engine['sync.now']({});
      expect(after).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      const onServer = await serverClaim(fx.service, id);
      expect(onServer.status).toBe('approved');
      const [clientId] = await clientIdsOf(fx.service, fx.who.reviewer);
      expect(await mutationResults(fx.service, clientId!)).toEqual([
        expect.objectContaining({ mutationId: 1, name: 'startReview', status: 'applied' }),
        expect.objectContaining({ mutationId: 2, name: 'approve', status: 'applied' }),
      ]);
      // The desk hears of each settlement once, from the engine, without asking.
      const settled = seen.filter((e) => e.event === 'decisions.settled').flatMap((e) => (e.payload as { decisions: unknown[] }).decisions);
      expect(settled).toEqual([
        { mutationId: 1, claimId: id, state: 'synced' },
        { mutationId: 2, claimId: id, state: 'synced' },
      ]);
      const view = await engine['claims.get']({ id });
      expect(view).toMatchObject({ pending: [], conflicts: [], claim: { status: 'approved', version: onServer.version } });
      expect(view!.claim.history.at(-1)).toEqual(onServer.history.at(-1));
    } finally {
      await engine.close();
    }
  });

  it('keeps one user’s unsent decisions for her while another user signs in, and sends them when she is back', async () => {
    const engine = await Engine.open({ dataDir: await tempDir('sync'), serverUrl: fx.service.url, autoSync: false });
    try {
      await engine['session.signIn']({ username: fx.who.reviewer.username, password: fx.who.reviewer.password });
      await engine['sync.now']({});
      const note = { claimId: fx.claimIds[2]!, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text: 'Before lunch.' } };
      expect((await engine['claims.mutate'](note)).ok).toBe(true);
      expect((await engine['session.signOut']({})).user).toBeNull();
      await expect(engine['queue.query']({})).rejects.toMatchObject({ code: 'not_signed_in' });

      expect((await engine['session.signIn']({ username: fx.who.reviewer2.username, password: fx.who.reviewer2.password })).user?.id).toBe(fx.who.reviewer2.id);
      const held = await engine['sync.status']({});
      expect(held.pending).toBe(0);
      expect(held.notices).toEqual([expect.objectContaining({ code: 'outbox_of_other_user', params: expect.objectContaining({ owner: 'Jana Dvořáková', count: 1 }) })]);
      await engine['session.signOut']({});
      await engine['session.signIn']({ username: fx.who.reviewer.username, password: fx.who.reviewer.password });
      expect((await engine['sync.status']({})).notices).toEqual([]);
      expect(await engine['sync.now']({})).toMatchObject({ pending: 0 });
      expect((await serverClaim(fx.service, fx.claimIds[2]!)).comments.map((c) => c.id)).toContain(note.args.commentId);
      const [janasClient] = await clientIdsOf(fx.service, fx.who.reviewer);

      await engine['session.signOut']({});
      await assignAll(fx.service, fx.who.lead, [fx.claimIds[9]!], fx.who.reviewer2);
      expect((await engine['session.signIn']({ username: fx.who.reviewer2.username, password: fx.who.reviewer2.password })).user?.id).toBe(fx.who.reviewer2.id);
      expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0 });
      // His scope: the one claim assigned to him, and Jana's approval of claim 0 above, sampled for his QA (her first decisions are).
      expect((await engine['queue.query']({})).rows.map((r) => r.id).sort()).toEqual([fx.claimIds[0]!, fx.claimIds[9]!].sort());
      expect((await engine['queue.query']({ assignee: 'me' })).rows.map((r) => r.id)).toEqual([fx.claimIds[9]]);
      const his = await engine['claims.mutate']({ claimId: fx.claimIds[9]!, name: 'startReview', args: {} });
      expect(his.ok && his.mutationId).toBe(1);
      expect(await engine['sync.now']({})).toMatchObject({ pending: 0, conflicts: 0 });
      const petrsClients = await clientIdsOf(fx.service, fx.who.reviewer2);
      expect(petrsClients).toHaveLength(1);
      expect(petrsClients[0]).not.toBe(janasClient); // his own sync identity, ids from 1
    } finally {
      await engine.close();
    }
  });

  it('refuses a partner account and a wrong password with what to do', async () => {
    const engine = await Engine.open({ dataDir: await tempDir('sync'), serverUrl: fx.service.url, autoSync: false });
    try {
      await expect(engine['session.signIn']({ username: 'fabrikam', password: fx.who.partner.password })).rejects.toThrow(/reviewers and team leads/);
      await expect(engine['session.signIn']({ username: 'jana', password: 'wrong password' })).rejects.toMatchObject({ code: 'refused' });
      expect((await engine['session.current']({})).user).toBeNull();
    } finally {
      await engine.close();
    }
  });
});
