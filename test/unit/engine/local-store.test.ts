// Opening a data directory: every file validated, and damage handled as the store's rules say.
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLog } from '../../../electron/engine/append-log.js';
import { LocalStore } from '../../../electron/engine/local-store.js';
import { QuarantineEntry } from '../../../electron/engine/store-files.js';
import { makeClaim, REVIEWER, tempDir } from './fixtures.js';
import { seedStore } from './seed-store.js';

const actor = { kind: 'reviewer' as const, id: REVIEWER.id, name: REVIEWER.name };

async function withDecisions(dir: string, count: number): Promise<string> {
  const claim = makeClaim();
  await seedStore(dir, [claim]);
  const store = await LocalStore.open({ dataDir: dir });
  for (let i = 0; i < count; i++) {
    const id = store.nextMutationId();
    await store.outbox.add({
      kind: 'mutation',
      clientId: store.clientId,
      actor,
      mutation: { id, claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: `note ${id}` }, baseVersion: claim.version, decidedAt: new Date().toISOString() },
    });
  }
  await store.close();
  return claim.id;
}

describe('local store: opening', () => {
  it('reopens with the claims, the cookie and the pending decisions it had', async () => {
    const dir = await tempDir('store');
    const claimId = await withDecisions(dir, 3);
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report).toEqual({ resyncBecause: null, quarantinedNow: 0, movedAside: [] });
    expect([...store.synced.claims.keys()]).toEqual([claimId]);
    expect(store.synced.cookie).toBe(1);
    expect(store.pending().map((r) => r.mutation.id)).toEqual([1, 2, 3]);
    expect(store.nextMutationId()).toBe(4);
    await store.close();
  });

  it('rebuilds from the server when the snapshot is damaged, keeping the outbox and the damaged file aside', async () => {
    const dir = await tempDir('store');
    await withDecisions(dir, 2);
    const store0 = await LocalStore.open({ dataDir: dir });
    await store0.compactSnapshot(); // the claims now live in snapshot.json, not in the journal
    await store0.close();
    const file = path.join(dir, 'snapshot.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Contoso', 'Cintoso'));
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toMatch(/snapshot\.json is damaged \(checksum mismatch\)/);
    expect(store.synced.claims.size).toBe(0);
    expect(store.synced.cookie).toBeNull(); // the next pull asks for everything
    expect(store.pending()).toHaveLength(2);
    expect(store.nextMutationId()).toBe(3); // ids are never reused, even without the snapshot
    expect((await readdir(dir)).some((n) => n.startsWith('snapshot.json.damaged-'))).toBe(true);
    await store.close();
  });

  it('keeps a damaged outbox record aside in the quarantine, reports it, and keeps the others', async () => {
    const dir = await tempDir('store');
    await withDecisions(dir, 3);
    const file = path.join(dir, 'outbox.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const damagedLine = lines[1]!.replace('note 2', 'note X');
    lines[1] = damagedLine;
    await writeFile(file, lines.join('\n'));
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.quarantinedNow).toBe(1);
    expect(store.quarantine.count).toBe(1);
    expect(store.pending().map((r) => r.mutation.id)).toEqual([1, 3]);
    const kept = await readLog(path.join(dir, 'quarantine.jsonl'), QuarantineEntry);
    expect(kept.records).toEqual([expect.objectContaining({ file: 'outbox.jsonl', line: 2, reason: 'checksum mismatch', raw: damagedLine })]);
    await store.close();
    // Repaired: the next start finds nothing new to keep aside, and the count stays.
    const again = await LocalStore.open({ dataDir: dir });
    expect(again.report.quarantinedNow).toBe(0);
    expect(again.quarantine.count).toBe(1);
    expect(again.pending().map((r) => r.mutation.id)).toEqual([1, 3]);
    await again.close();
  });

  it('drops an interrupted last pull page without a resync (nothing was derived from it)', async () => {
    const dir = await tempDir('store');
    await withDecisions(dir, 1);
    await appendFile(path.join(dir, 'pulls.jsonl'), '0123456789abcdef {"seq":2,"clientId":');
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toBeNull();
    expect(store.synced.claims.size).toBe(1);
    await store.close();
  });

  it('rebuilds from the server when a pull page before the last is damaged', async () => {
    const dir = await tempDir('store');
    await withDecisions(dir, 1);
    const store0 = await LocalStore.open({ dataDir: dir });
    // A full resync is compacted into the snapshot at once; these two later pages stay in the journal.
    await store0.recordPage({ reset: false, cookie: 2, lastMutationId: 0, claims: [], removed: [], mutationResults: [], more: false }, []);
    await store0.recordPage({ reset: false, cookie: 3, lastMutationId: 0, claims: [], removed: [], mutationResults: [], more: false }, []);
    await store0.close();
    const file = path.join(dir, 'pulls.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    lines[0] = lines[0]!.replace('"cookie":2', '"cookie":5');
    await writeFile(file, lines.join('\n'));
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toMatch(/pulls\.jsonl line 1: checksum mismatch/);
    expect(store.synced.claims.size).toBe(0);
    await store.close();
  });

  it('keeps a damaged conflicts file whole in the quarantine', async () => {
    const dir = await tempDir('store');
    await withDecisions(dir, 1);
    await writeFile(path.join(dir, 'conflicts.json'), '{"sha256":"00"}\n{"format":1,"conflicts":[]}');
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.quarantinedNow).toBe(1);
    expect(store.conflicts.data.conflicts).toEqual([]);
    await store.close();
  });
});

describe('local store: an initial sync interrupted by a crash', () => {
  it('resumes from the last page received, showing the old claims until the resync completes', async () => {
    const dir = await tempDir('store');
    const old = makeClaim({ n: 1 });
    await seedStore(dir, [old]);
    const [a, b] = [makeClaim({ n: 2 }), makeClaim({ n: 3 })];
    const store = await LocalStore.open({ dataDir: dir });
    await store.recordPage({ reset: true, cookie: 40, lastMutationId: 0, claims: [a], removed: [], mutationResults: [], more: true }, []);
    await store.close(); // a crash here loses nothing: the page is in the journal

    const resumed = await LocalStore.open({ dataDir: dir });
    expect(resumed.synced.cookie).toBe(40); // the next pull continues after page one
    expect([...resumed.synced.claims.keys()]).toEqual([old.id]);
    expect([...resumed.synced.staging!.keys()]).toEqual([a.id]);
    const effect = await resumed.recordPage({ reset: false, cookie: 41, lastMutationId: 0, claims: [b], removed: [], mutationResults: [], more: false }, []);
    expect(effect.all).toBe(true);
    expect([...resumed.synced.claims.keys()].sort()).toEqual([a.id, b.id].sort());
    await resumed.close();

    const after = await LocalStore.open({ dataDir: dir });
    expect(after.synced.staging).toBeNull();
    expect(after.synced.claims.size).toBe(2);
    await after.close();
  });
});
