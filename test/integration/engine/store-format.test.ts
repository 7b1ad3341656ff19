// A desk whose store was written before QA tasks reached desks with their claims (issue 17): the
// claims service has a QA task for the reviewer, but the desk synced up to the head before that
// claim was on it, so incremental pulls would never bring it. The store's format 1 is migrated on
// first open and its cookie reset once: the next pull brings the claim with the task.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { DurableJsonFile } from '../../../electron/engine/durable-json-file.js';
import { SnapshotDoc, SnapshotDocV1 } from '../../../electron/engine/store-files.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { claimsServiceFixture, sampledDecision } from './claims-service.js';

describe('a store of format 1', () => {
  const fx = claimsServiceFixture(1, { beforeAll, afterAll });

  it('gets the QA tasks it lacks at its next pull', { timeout: 120_000 }, async () => {
    const { service, who } = fx;
    const id = fx.claimIds[0]!;
    // Every decision of the reviewer is sampled; the QA task goes to the other reviewer, Petr.
    expect((await sampledDecision(fx, id, 'reject')).qaReviewer.id).toBe(who.reviewer2.id);

    // Petr's desk, synced to the head, rewritten as format 1 left a desk that never received the claim.
    const dataDir = await tempDir('store-format-1');
    const first = await Engine.open({ dataDir, serverUrl: service.url, autoSync: false });
    await first['session.signIn']({ username: who.reviewer2.username, password: who.reviewer2.password });
    await first['sync.now']({});
    expect((await first['queue.query']({ limit: 1 })).total).toBe(1);
    await first.close();
    const synced = (await new DurableJsonFile(path.join(dataDir, 'snapshot.json'), SnapshotDoc).read())!;
    const { bodies: _bodies, ...rest } = synced;
    await new DurableJsonFile(path.join(dataDir, 'snapshot.json'), SnapshotDocV1).write({ ...rest, format: 1, claims: [] });
    for (const name of (await readdir(dataDir)).filter((n) => n.startsWith('claims-'))) await rm(path.join(dataDir, name));
    await writeFile(path.join(dataDir, 'pulls.jsonl'), '');

    const engine = await Engine.open({ dataDir, serverUrl: service.url, autoSync: false });
    try {
      expect((await engine['queue.query']({ limit: 1 })).total).toBe(0);
      await engine['sync.now']({});
      expect((await engine['queue.query']({ limit: 1 })).total).toBe(1);
      // Held for his QA task: blind, as it stood before the decision he reviews.
      const held = await engine['claims.get']({ id });
      expect(held?.claim).toMatchObject({ id, status: 'in_review' });
      expect(held!.claim.history.map((e) => e.action)).not.toContain('reject');
    } finally {
      await engine.close();
    }
  });
});
