// Issue 14, item 1, the engine's side: a decision the service refuses as a whole (a push answered
// 4xx for what it carries, not for the session or the numbering) must not freeze the desk. It goes
// to the conflicts inbox with its content and a decision_undeliverable notice; the decisions after
// it are delivered; pulls go on; and it can be discarded there. And a decision holding a broken
// character is refused by the engine itself, never acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { RawDesk, serverClaim } from '../integration/engine/claims-service.js';
import { faultyServiceFixture } from './fault-proxy.js';

describe('a decision the claims service refuses as a whole', () => {
  const fixture = faultyServiceFixture(2, { beforeAll, afterAll });

  const note = (claimId: string, text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });

  it('goes to Conflicts with its content and a notice; the others are delivered, pulls go on, and it can be discarded', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    const engine = await Engine.open({ dataDir: await tempDir('undeliverable'), serverUrl: fixture.proxy.url, autoSync: false });
    try {
      await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      await engine['sync.now']({});
      const notes = [note(claimIds[0]!, 'first'), note(claimIds[0]!, 'the one the service refuses'), note(claimIds[0]!, 'third')];
      for (const n of notes) expect((await engine['claims.mutate'](n)).ok).toBe(true);
      fixture.proxy.rule = (r) =>
        r.path === '/sync/push' && r.body.includes('the one the service refuses') ? { status: 422, body: { statusCode: 422, error: 'Unprocessable Entity', code: 'unprocessable', message: 'This decision cannot be stored.' } } : null;
      // Someone else's change, which the pull after the refused push must still bring.
      await new RawDesk(fixture.service, who.lead).decide(claimIds[1]!, 'comment', { commentId: crypto.randomUUID(), text: 'From the lead.' });

      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 1, lastError: null });
      const claim = await serverClaim(fixture.service, claimIds[0]!);
      expect(claim.comments.map((c) => c.text)).toEqual(['first', 'third']);
      expect((await engine['claims.get']({ id: claimIds[1]! }))?.claim.comments.map((c) => c.text)).toEqual(['From the lead.']);
      const [conflict] = await engine['conflicts.list']({});
      expect(conflict).toMatchObject({ claimId: claimIds[0], claimNumber: claim.number, name: 'comment', args: notes[1]!.args, refusal: { code: 'undeliverable' } });
      expect(status.notices).toEqual([expect.objectContaining({ code: 'decision_undeliverable', params: { claim: claim.number, reason: 'This decision cannot be stored.' } })]);

      const pushes = fixture.proxy.seen.filter((r) => r.path === '/sync/push').length;
      expect(await engine['conflicts.discard']({ mutationId: conflict!.mutationId })).toEqual({ ok: true });
      const after = await engine['sync.now']({});
      expect(after).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, notices: [] });
      expect(fixture.proxy.seen.filter((r) => r.path === '/sync/push').length).toBe(pushes);
      // Later decisions continue the service's numbering.
      expect((await engine['claims.mutate'](note(claimIds[0]!, 'later'))).ok).toBe(true);
      expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect((await serverClaim(fixture.service, claimIds[0]!)).comments.map((c) => c.text)).toEqual(['first', 'third', 'later']);
    } finally {
      fixture.proxy.rule = () => null;
      await engine.close();
    }
  });

  it('is never made of broken text: the engine refuses a lone surrogate before anything is saved', { timeout: 60_000 }, async () => {
    const { who, claimIds } = fixture;
    const engine = await Engine.open({ dataDir: await tempDir('broken-text'), serverUrl: fixture.service.url, autoSync: false });
    try {
      await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      await engine['sync.now']({});
      const result = await engine['claims.mutate'](note(claimIds[1]!, 'Checked the invoice 👍'.slice(0, 21)));
      expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid_arguments' } });
      expect(await engine['sync.status']({})).toMatchObject({ pending: 0 });
    } finally {
      await engine.close();
    }
  });
});
