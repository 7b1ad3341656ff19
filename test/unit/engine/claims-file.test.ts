// The synced claims kept as summaries in snapshot.json with their bodies in a claims file (issue 17,
// item 5): bodies read on demand, a store of format 1 migrated on first open (and resynced once),
// a damaged body or a claims file missing from a restored backup fetched again, dead bodies
// dropped into a new claims file, and files a crash left behind removed.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLine } from '../../../electron/engine/append-log.js';
import { DurableJsonFile } from '../../../electron/engine/durable-json-file.js';
import { LocalStore } from '../../../electron/engine/local-store.js';
import { SnapshotDoc, SnapshotDocV1 } from '../../../electron/engine/store-files.js';
import type { PullResponse } from '../../../shared/contract/sync.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { makeClaim, REVIEWER, tempDir } from './fixtures.js';
import { seedStore } from './seed-store.js';

const claimsFiles = async (dir: string) => (await readdir(dir)).filter((n) => /^claims-.*\.jsonl$/.test(n));
const page = (p: Partial<PullResponse>): PullResponse => ({ reset: false, cookie: 1, lastMutationId: 0, claims: [], removed: [], mutationResults: [], more: false, ...p });
const readSnapshot = (dir: string) => new DurableJsonFile(path.join(dir, 'snapshot.json'), SnapshotDoc).read();

describe('claims file', () => {
  it('keeps summaries in snapshot.json and each body in the claims file, read when asked for', async () => {
    const dir = await tempDir('claims-file');
    const claims = [makeClaim({ n: 1, customerName: 'Dvořák Stavby' }), makeClaim({ n: 2 })];
    await seedStore(dir, claims);
    const doc = (await readSnapshot(dir))!;
    expect(doc.format).toBe(2);
    expect(await claimsFiles(dir)).toEqual([doc.bodies]);
    expect(doc.claims.map((c) => [c.number, c.customerName])).toEqual([
      [claims[0]!.number, 'Dvořák Stavby'],
      [claims[1]!.number, claims[1]!.customer.name],
    ]);
    // No history in the snapshot: opening does not parse it.
    expect(await readFile(path.join(dir, 'snapshot.json'), 'utf8')).not.toContain('"history"');
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.syncedClaim(claims[1]!.id)).toEqual(claims[1]);
    expect(store.syncedClaim(crypto.randomUUID())).toBeUndefined();
    await store.close();
  });

  it('migrates a store of format 1 on first open, keeping claims, outcomes and the outbox, and resyncs it once', async () => {
    const dir = await tempDir('claims-file-v1');
    const [a, b] = [makeClaim({ n: 1 }), makeClaim({ n: 2 })];
    // A store as format 1 left it: the claims whole in snapshot.json, a later page whole in the journal.
    const seeded = await LocalStore.open({ dataDir: dir });
    const clientId = seeded.clientId;
    await seeded.saveSession({ user: REVIEWER, owner: REVIEWER, token: 'unused', expiresAt: '2099-01-01T00:00:00.000Z' });
    await seeded.outbox.add({
      kind: 'mutation',
      clientId,
      actor: { kind: 'reviewer', id: REVIEWER.id, name: REVIEWER.name },
      mutation: { id: 5, claimId: a.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'note' }, baseVersion: a.version, decidedAt: new Date().toISOString() },
    });
    await seeded.close();
    await Promise.all((await claimsFiles(dir)).map((n) => rm(path.join(dir, n))));
    const v1: SnapshotDocV1 = { format: 1, clientId, cookie: 7, journalSeq: 1, lastMutationId: 4, seenResults: [], lastSyncAt: '2026-03-02T08:00:00.000Z', claims: [a] };
    await new DurableJsonFile(path.join(dir, 'snapshot.json'), SnapshotDocV1).write(v1);
    const changedA = { ...a, version: a.version + 1 };
    const v1Page = { seq: 2, clientId, receivedAt: '2026-03-02T09:00:00.000Z', page: page({ cookie: 8, claims: [changedA, b], lastMutationId: 4 }) };
    await writeFile(path.join(dir, 'pulls.jsonl'), encodeLine(v1Page));

    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toBeNull();
    expect([...store.synced.claims.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(store.syncedClaim(a.id)).toEqual(changedA);
    expect(store.synced.lastMutationId).toBe(4);
    expect(store.pending().map((r) => r.mutation.id)).toEqual([5]);
    // Format 1 stores predate QA tasks coming with their claims: the next pull asks for everything.
    expect(store.synced.cookie).toBeNull();
    expect(store.lastSyncAt).toBe('2026-03-02T09:00:00.000Z');
    await store.close();

    const doc = (await readSnapshot(dir))!;
    expect(doc.format).toBe(2);
    expect(doc.cookie).toBeNull();
    expect(await readFile(path.join(dir, 'pulls.jsonl'), 'utf8')).toBe('');
    expect(await claimsFiles(dir)).toEqual([doc.bodies]);

    // Once: the full pull that follows leaves an ordinary store, which reopens as it is.
    const again = await LocalStore.open({ dataDir: dir });
    await again.recordPage(page({ reset: true, cookie: 9, claims: [changedA], lastMutationId: 5 }), []);
    await again.close();
    const reopened = await LocalStore.open({ dataDir: dir });
    expect(reopened.synced.cookie).toBe(9);
    expect([...reopened.synced.claims.keys()]).toEqual([a.id]);
    await reopened.close();
  });

  it('does not show a damaged body, and fetches every claim again into a new claims file', async () => {
    const dir = await tempDir('claims-file-damaged');
    const claims = [makeClaim({ n: 1 }), makeClaim({ n: 2 })];
    await seedStore(dir, claims);
    const [name] = await claimsFiles(dir);
    const file = path.join(dir, name!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('Contoso', 'Cintoso'));

    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toBeNull(); // bodies are checked when read, not at open
    expect(store.syncedClaim(claims[0]!.id)).toBeUndefined();
    expect(store.report.resyncBecause).toMatch(/claims-.*\.jsonl is damaged \(the claim at byte 0: checksum mismatch\)/);
    expect(store.synced.cookie).toBeNull(); // the next pull asks for everything
    await store.recordPage(page({ reset: true, cookie: 2, claims }), []);
    expect(store.syncedClaim(claims[0]!.id)).toEqual(claims[0]);
    const files = await claimsFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(name);
    await store.close();
  });

  it('resyncs a snapshot restored without its claims file', async () => {
    const dir = await tempDir('claims-file-restored');
    await seedStore(dir, [makeClaim({ n: 1 })]);
    for (const n of await claimsFiles(dir)) await rm(path.join(dir, n));
    const store = await LocalStore.open({ dataDir: dir });
    expect(store.report.resyncBecause).toMatch(/claims file .* shorter/);
    expect(store.synced.claims.size).toBe(0);
    expect(store.synced.cookie).toBeNull();
    expect((await readdir(dir)).some((n) => n.startsWith('snapshot.json.damaged-'))).toBe(true);
    await store.close();
  });

  it('moves the live bodies to a new claims file when dead ones outweigh them, and removes what a crash left', async () => {
    const dir = await tempDir('claims-file-gc');
    let claim: Claim = makeClaim({ n: 1 });
    const other = makeClaim({ n: 2 });
    await seedStore(dir, [claim, other]);
    const store = await LocalStore.open({ dataDir: dir, journalCompactBytes: 1 });
    const first = (await claimsFiles(dir))[0]!;
    for (let i = 0; i < 3; i++) {
      claim = { ...claim, version: claim.version + 1 };
      await store.recordPage(page({ cookie: 2 + i, claims: [claim] }), []);
    }
    expect(await claimsFiles(dir)).not.toContain(first);
    expect(store.syncedClaim(claim.id)).toEqual(claim);
    expect(store.syncedClaim(other.id)).toEqual(other);
    await store.close();
    const current = (await claimsFiles(dir))[0]!;
    const live = (await readFile(path.join(dir, current), 'utf8')).trim().split('\n');
    expect(live).toHaveLength(2);

    // A claims file nothing points into (a crash before its page was journaled) goes at the next open.
    await writeFile(path.join(dir, 'claims-0123456789ab.jsonl'), encodeLine(other));
    const reopened = await LocalStore.open({ dataDir: dir });
    expect(await claimsFiles(dir)).toEqual([current]);
    expect(reopened.syncedClaim(claim.id)).toEqual(claim);
    await reopened.close();
  });
});
