// Damaged files and a second engine, against the real claims service: a damaged snapshot is rebuilt
// from the server with the pending decisions intact; a damaged outbox record is kept aside and
// reported while the others still reach the server; two engines on one data directory are refused.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../../electron/engine/data-dir-lock.js';
import { Engine } from '../../../electron/engine/engine.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { assignAll, claimsServiceFixture, clientIdsOf, mutationResults, type People, serverClaim } from './claims-service.js';
import { EngineCallError, EngineChild } from './engine-child.js';

describe('engine recovery', () => {
  const fx = claimsServiceFixture(6, { beforeAll, afterAll });

  /** A synced engine (no background sync), signed in as the reviewer. */
  async function syncedEngine(dataDir: string, who_: Pick<People, 'reviewer'> = fx.who): Promise<Engine> {
    const engine = await Engine.open({ dataDir, serverUrl: fx.service.url, autoSync: false });
    await engine['session.signIn']({ username: who_.reviewer.username, password: who_.reviewer.password });
    expect(await engine['sync.now']({})).toMatchObject({ connection: 'online', pending: 0 });
    return engine;
  }

  const comment = (claimId: string, text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });

  it('rebuilds a damaged snapshot from the server and still delivers the pending decisions', async () => {
    const dir = await tempDir('recover-snapshot');
    const engine = await syncedEngine(dir);
    expect((await engine['claims.mutate']({ claimId: fx.claimIds[0]!, name: 'startReview', args: {} })).ok).toBe(true);
    const note = comment(fx.claimIds[1]!, 'Customer signature checked.');
    expect((await engine['claims.mutate'](note)).ok).toBe(true);
    await engine.close();

    // Damage the middle of the snapshot (a bad sector, an editor, a sync tool).
    const file = path.join(dir, 'snapshot.json');
    const bytes = await readFile(file);
    bytes.fill(0x20, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    await writeFile(file, bytes);

    const reopened = await Engine.open({ dataDir: dir, serverUrl: fx.service.url, autoSync: false });
    try {
      expect(reopened.openReport.resyncBecause).toMatch(/snapshot\.json is damaged \(checksum mismatch\)/);
      expect(reopened.openReport.movedAside.some((f) => f.includes('snapshot.json.damaged-'))).toBe(true);
      expect((await reopened['queue.query']({})).total).toBe(0);
      expect((await reopened['sync.status']({})).pending).toBe(2);

      expect(await reopened['sync.now']({})).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
      expect((await reopened['queue.query']({})).total).toBe(fx.claimIds.length);
      expect((await serverClaim(fx.service, fx.claimIds[0]!)).status).toBe('in_review');
      expect((await serverClaim(fx.service, fx.claimIds[1]!)).comments.map((c) => c.id)).toEqual([note.args.commentId]);
      for (const id of fx.claimIds) expect((await reopened['claims.get']({ id }))?.claim.version).toBe((await serverClaim(fx.service, id)).version);
    } finally {
      await reopened.close();
    }
  });

  it('keeps a damaged outbox record aside, reports it, and delivers the others', async () => {
    const dir = await tempDir('recover-outbox');
    const engine = await syncedEngine(dir, { reviewer: fx.who.reviewer2 });
    await assignAll(fx.service, fx.who.lead, [fx.claimIds[5]!], fx.who.reviewer2);
    await engine['sync.now']({});
    const notes = ['first', 'second', 'third'].map((t) => comment(fx.claimIds[5]!, `${t} note`));
    for (const n of notes) expect((await engine['claims.mutate'](n)).ok).toBe(true);
    await engine.close();

    const file = path.join(dir, 'outbox.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const i = lines.findIndex((l) => l.includes(notes[1]!.args.commentId));
    const damaged = lines[i]!.replace('second note', 'secxnd note');
    lines[i] = damaged;
    await writeFile(file, lines.join('\n'));

    const reopened = await Engine.open({ dataDir: dir, serverUrl: fx.service.url, autoSync: false });
    try {
      expect(reopened.openReport.quarantinedNow).toBe(1);
      expect(await reopened['sync.status']({})).toMatchObject({ pending: 2, quarantined: 1 });
      const kept = await readFile(path.join(dir, 'quarantine.jsonl'), 'utf8');
      expect(kept).toContain(JSON.stringify(damaged).slice(1, -1));

      // The server applies a client's ids without gaps: the third decision is renumbered into the
      // place of the lost one (neither was ever processed), and both arrive.
      expect(await reopened['sync.now']({})).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, quarantined: 1 });
      const comments = (await serverClaim(fx.service, fx.claimIds[5]!)).comments.map((c) => c.id);
      expect(comments).toEqual([notes[0]!.args.commentId, notes[2]!.args.commentId]);
      const [clientId] = await clientIdsOf(fx.service, fx.who.reviewer2);
      expect((await mutationResults(fx.service, clientId!)).map((r) => [r.mutationId, r.status])).toEqual([
        [1, 'applied'],
        [2, 'applied'],
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second engine on the same data directory, naming the process that holds it', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir('two-engines');
    const { engine: first } = await EngineChild.start({ dataDir, serverUrl: fx.service.url, autoSync: false });
    try {
      const second = await EngineChild.start({ dataDir, serverUrl: fx.service.url, autoSync: false }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(EngineCallError);
      expect((second as EngineCallError).code).toBe('locked');
      expect((second as Error).message).toContain(`in use by another PoE Desk engine (process ${first.pid}`);

      const inProcess = await Engine.open({ dataDir, autoSync: false }).catch((e: unknown) => e);
      expect(inProcess).toBeInstanceOf(DataDirLockedError);

      // Once the first one is gone (even killed), the directory is free at once.
      await first.kill();
      const { engine: third } = await EngineChild.start({ dataDir, serverUrl: fx.service.url, autoSync: false });
      await third.close();
    } finally {
      await first.kill();
    }
  });
});
