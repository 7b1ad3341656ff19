// A QA reviewer reads the PoE of the claim their task is about, in the viewer beside the blind
// review: the engine lists the task's documents and fetches them on first use, whether or not the
// desk holds the claim; another reviewer has no such task.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { claimsServiceFixture, sampledDecision, serverClaim } from './claims-service.js';

describe('a QA task’s PoE', () => {
  const fx = claimsServiceFixture(1, { beforeAll, afterAll });

  it('is listed and fetched for the task’s QA reviewer, and for no one else', async () => {
    const { service, who } = fx;
    const id = fx.claimIds[0]!;
    const task = await sampledDecision(fx, id, 'approve');
    const claim = await serverClaim(service, id);
    expect(task.qaReviewer.id).toBe(who.reviewer2.id);

    const qa = await Engine.open({ dataDir: await tempDir('qa-documents'), serverUrl: service.url, autoSync: false });
    try {
      // Signed in, not synced: the desk does not hold the claim yet.
      await qa['session.signIn']({ username: who.reviewer2.username, password: who.reviewer2.password });
      const documents = await qa['qa.documents']({ taskId: task.id });
      expect(documents.map((d) => ({ sha256: d.sha256, name: d.name, cached: d.cached }))).toEqual(claim.documents.map((d) => ({ sha256: d.sha256, name: d.name, cached: false })));
      expect(await qa.ensureDocument(claim.documents[0]!.sha256)).toBe(true);
      expect((await qa['qa.documents']({ taskId: task.id }))[0]?.cached).toBe(true);
      await qa['session.signOut']({});

      await qa['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
      await expect(qa['qa.documents']({ taskId: task.id })).rejects.toMatchObject({ code: 'not_found' });
      await expect(qa['qa.documents']({ taskId: randomUUID() })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await qa.close();
    }
  });
});
