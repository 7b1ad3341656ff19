// Issue 14, item 5: the data folder turns read-only while the desk runs. Every write that fails
// says so (the call's error and a notice in sync.status, by file), and once the folder is writable
// again the desk works on without a restart; in particular a failed outbox compaction must not
// leave the outbox closed ("outbox.jsonl is closed" for every later decision).
// Permissions do not bind root, so under root the engine runs as the unprivileged user nobody.
import { chmod, chown, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/desktop.js';
import { passedChecklist } from '../unit/engine/checklists.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { claimsServiceFixture, serverClaim } from '../integration/engine/claims-service.js';
import { EngineCallError, EngineChild } from '../integration/engine/engine-child.js';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

/**
 * Sets the mode of the folder and every file in it (the folder as a whole made read-only, or writable
 * again). The engine writes the outbox's ledger in the background, so a temporary file listed may be
 * renamed away before its turn: that one is skipped.
 */
async function chmodAll(dir: string, writable: boolean): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    await chmod(file, entry.isDirectory() ? (writable ? 0o700 : 0o500) : writable ? 0o600 : 0o400).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await chmod(dir, writable ? 0o700 : 0o500);
}

describe('a read-only data folder', () => {
  const fixture = claimsServiceFixture(2, { beforeAll, afterAll });

  it('fails each write with a clear error and a notice, and recovers without a restart', { timeout: 120_000 }, async () => {
    const { service, who, claimIds } = fixture;
    const dataDir = await tempDir('read-only');
    if (asRoot) await chown(dataDir, NOBODY.uid, NOBODY.gid);
    const { engine } = await EngineChild.start({ dataDir, serverUrl: service.url, autoSync: false }, asRoot ? NOBODY : undefined);
    try {
      await engine.call('session.signIn', { username: who.reviewer.username, password: who.reviewer.password });
      expect(await engine.call('sync.now', {})).toMatchObject({ connection: 'online', notices: [] });
      const note = (text: string) => ({ claimId: claimIds[0]!, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });
      const first = note('Invoice checked.');
      expect((await engine.call('claims.mutate', first)).ok).toBe(true);

      await chmodAll(dataDir, false);
      // The push reaches the service; settling the outbox afterwards cannot rewrite it.
      const failed = await engine.call('sync.now', {});
      expect(failed.connection).toBe('offline');
      expect(failed.lastError).toMatch(/could not write outbox\.jsonl in its data folder .* \(EACCES\)\. Check that the folder is writable/);
      // The outbox's ledger (outbox-ledger.ts) follows the outbox off the decision's path, so its own
      // failed write may or may not be reported by the time this call answers; the outbox's must be.
      expect(failed.notices).toContainEqual(expect.objectContaining({ code: 'write_failed', params: expect.objectContaining({ file: 'outbox.jsonl', error: 'EACCES' }) }));
      for (const n of failed.notices) expect(n).toMatchObject({ code: 'write_failed', params: { error: 'EACCES', file: expect.stringMatching(/^outbox(\.jsonl|-ledger\.json)$/) } });
      // A draft cannot be saved now: the call says why, the status names the file too.
      const draft = await engine.call('drafts.save', { claimId: claimIds[1]!, checklist: passedChecklist(['d365-sales', 'power-bi']) }).catch((e: unknown) => e);
      expect(draft).toBeInstanceOf(EngineCallError);
      expect((draft as EngineCallError).code).toBe('write_failed');
      expect((draft as Error).message).toMatch(/could not write drafts\.json .* \(EACCES\)/);
      const both = await engine.call('sync.status', {});
      expect(both.notices.map((n) => n.params.file).filter((f) => f !== 'outbox-ledger.json').sort()).toEqual(['drafts.json', 'outbox.jsonl']);

      await chmodAll(dataDir, true);
      const second = note('Signature checked.');
      const decided = await engine.call('claims.mutate', second);
      expect(decided.ok).toBe(true);
      expect((await engine.call('drafts.save', { claimId: claimIds[1]!, checklist: passedChecklist(['d365-sales', 'power-bi']) })).claimId).toBe(claimIds[1]);
      const recovered: SyncStatus = await engine.call('sync.now', {});
      expect(recovered).toMatchObject({ connection: 'online', pending: 0, lastError: null });
      // The ledger's next write (after the sync settled the outbox) clears its notice like the others'.
      await expect.poll(async () => (await engine.call('sync.status', {})).notices, { timeout: 10_000 }).toEqual([]);
      expect((await serverClaim(service, claimIds[0]!)).comments.map((c) => c.id)).toEqual([first.args.commentId, second.args.commentId]);
    } finally {
      await chmodAll(dataDir, true);
      await engine.close();
    }
  });
});
