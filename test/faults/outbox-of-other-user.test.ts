// Issue 14, item 4: a decision recorded under another person's name. session.json damaged while a
// reviewer's decision waits, then someone else signs in on that computer: the outbox itself says
// whose decisions it holds, so they are never pushed under the new user's name. They wait, held
// aside and named in a notice, until their owner signs in here again and delivers them as herself.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { claimsServiceFixture, clientIdsOf, serverClaim } from '../integration/engine/claims-service.js';

describe('an outbox when another user signs in', () => {
  const fixture = claimsServiceFixture(2, { beforeAll, afterAll });
  const open = (dataDir: string) => Engine.open({ dataDir, serverUrl: fixture.service.url, autoSync: false });

  /** Who the audit log says made the comment: the actor of the event that added it. */
  async function auditActorOf(claimId: string, action: string): Promise<string[]> {
    const rows = (await fixture.service.deps.db.execute(sql`SELECT actor FROM audit_events WHERE claim_id = ${claimId} AND action = ${action} ORDER BY seq`)) as unknown as {
      rows: { actor: { id: string } }[];
    };
    return rows.rows.map((r) => r.actor.id);
  }

  it('never pushes a pending decision under the name of the user who signs in after session.json was damaged', { timeout: 120_000 }, async () => {
    const { who, claimIds } = fixture;
    const dir = await tempDir('other-user');
    const comment = { claimId: claimIds[0]!, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text: 'Invoice matches the order.' } };
    let engine = await open(dir);
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await engine['sync.now']({});
    expect((await engine['claims.mutate'](comment)).ok).toBe(true);
    await engine.close();
    await writeFile(path.join(dir, 'session.json'), '{"sha256":"damaged"}\n{}');

    const leadsClients = await clientIdsOf(fixture.service, who.lead);
    engine = await open(dir);
    try {
      expect((await engine['session.current']({})).user).toBeNull();
      expect((await engine['session.signIn']({ username: who.lead.username, password: who.lead.password })).user?.id).toBe(who.lead.id);
      const status = await engine['sync.now']({});
      expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect((await serverClaim(fixture.service, claimIds[0]!)).comments.map((c) => c.id)).not.toContain(comment.args.commentId);
      expect(await clientIdsOf(fixture.service, who.lead)).toEqual(leadsClients); // her sync pushed nothing
      const held = status.notices.find((n) => n.code === 'outbox_of_other_user');
      expect(held?.params).toMatchObject({ owner: who.reviewer.name, count: 1 });
      // The copy a team lead can read names the decision and its owner.
      const exported = JSON.parse(await readFile(String(held!.params.exportedTo), 'utf8'));
      expect(exported).toMatchObject({ owner: { user: { id: who.reviewer.id } }, decisions: [{ mutation: { args: comment.args } }] });

      await engine['session.signOut']({});
      await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      const delivered = await engine['sync.now']({});
      expect(delivered).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect(delivered.notices.filter((n) => n.code === 'outbox_of_other_user')).toEqual([]);
    } finally {
      await engine.close();
    }
    const onServer = await serverClaim(fixture.service, claimIds[0]!);
    expect(onServer.comments.filter((c) => c.id === comment.args.commentId).map((c) => c.author.id)).toEqual([who.reviewer.id]);
    expect(await auditActorOf(claimIds[0]!, 'comment')).toEqual([who.reviewer.id]);
  });
});
