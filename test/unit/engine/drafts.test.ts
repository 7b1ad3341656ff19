// The reviewer's working checklist lives in the engine (drafts.json): saved durably, found again
// after a restart, dropped by a decision on the claim, and a damaged file costs the drafts only,
// never the start. The first save records when the claim was opened, which timeSpentMs counts from.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { EngineError } from '../../../electron/engine/engine-error.js';
import { type RunningHost, startHost } from '../../../electron/host/host.js';
import type { Checklist } from '../../../shared/domain/checklist.js';
import { passedChecklist } from './checklists.js';
import { makeClaim, tempDir } from './fixtures.js';
import { seedStore } from './seed-store.js';

const open: Engine[] = [];
const hosts: RunningHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await Promise.all(open.splice(0).map((e) => e.close()));
});

let clock = Date.parse('2026-03-02T09:00:00.000Z');
const now = () => new Date(clock);

async function openEngine(dir: string) {
  const engine = await Engine.open({ dataDir: dir, autoSync: false, now });
  open.push(engine);
  return engine;
}

async function closeEngine(engine: Engine) {
  await engine.close();
  open.splice(open.indexOf(engine), 1);
}

const flagged = (products: Parameters<typeof passedChecklist>[0]): Checklist => ({
  ...passedChecklist(products),
  dates: { state: 'missing', note: 'The PoE is from 2024.', evidence: [{ documentSha256: 'a'.repeat(64), page: 2, text: 'Signed 3 May 2024' }] },
});

describe('review drafts', () => {
  it('saves, keeps the first opening, and finds the draft again after a restart', async () => {
    const claim = makeClaim({ inReview: true });
    const dir = await tempDir('drafts');
    await seedStore(dir, [claim]);
    const engine = await openEngine(dir);
    expect(await engine['drafts.get']({ claimId: claim.id })).toBeNull();

    const opened = '2026-03-02T08:55:00.000Z';
    const first = await engine['drafts.save']({ claimId: claim.id, checklist: passedChecklist(claim.products), openedAt: opened });
    expect(first).toEqual({ claimId: claim.id, checklist: passedChecklist(claim.products), openedAt: opened, savedAt: '2026-03-02T09:00:00.000Z' });

    clock += 60_000;
    // A later save changes the checklist, never when the review began.
    const second = await engine['drafts.save']({ claimId: claim.id, checklist: flagged(claim.products), openedAt: '2026-03-02T09:01:00.000Z' });
    expect(second).toMatchObject({ openedAt: opened, savedAt: '2026-03-02T09:01:00.000Z', checklist: flagged(claim.products) });

    await closeEngine(engine);
    const again = await openEngine(dir);
    expect(again.openReport.movedAside).toEqual([]);
    expect(await again['drafts.get']({ claimId: claim.id })).toEqual(second);
  });

  it('records the opening as now when none is given or the given one is in the future', async () => {
    const [a, b] = [makeClaim({ inReview: true }), makeClaim({ inReview: true })];
    const dir = await tempDir('drafts');
    await seedStore(dir, [a, b]);
    const engine = await openEngine(dir);
    const at = now().toISOString();
    expect((await engine['drafts.save']({ claimId: a.id, checklist: {} })).openedAt).toBe(at);
    expect((await engine['drafts.save']({ claimId: b.id, checklist: {}, openedAt: '2099-01-01T00:00:00.000Z' })).openedAt).toBe(at);
  });

  it('refuses a draft for a claim that is not on this computer, and a checklist the contract does not allow', async () => {
    const dir = await tempDir('drafts');
    await seedStore(dir, [makeClaim()]);
    const engine = await openEngine(dir);
    const unknown = await engine['drafts.save']({ claimId: crypto.randomUUID(), checklist: {} }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(EngineError);
    expect((unknown as EngineError).code).toBe('not_found');
    const bad = await engine.invoke('drafts.save', { claimId: crypto.randomUUID(), checklist: { signature: { state: 'passed', evidence: [] } } }).catch((e: unknown) => e);
    expect((bad as EngineError).code).toBe('invalid_arguments');
  });

  it('drops the draft when a decision on the claim is made, not when a comment is', async () => {
    const claim = makeClaim({ inReview: true });
    const other = makeClaim({ inReview: true });
    const dir = await tempDir('drafts');
    await seedStore(dir, [claim, other]);
    const engine = await openEngine(dir);
    await engine['drafts.save']({ claimId: claim.id, checklist: passedChecklist(claim.products) });
    await engine['drafts.save']({ claimId: other.id, checklist: flagged(other.products) });

    expect((await engine['claims.mutate']({ claimId: claim.id, name: 'comment', args: { commentId: crypto.randomUUID(), text: 'Looking at page 2.' } })).ok).toBe(true);
    expect(await engine['drafts.get']({ claimId: claim.id })).not.toBeNull();

    const approved = await engine['claims.mutate']({ claimId: claim.id, name: 'approve', args: { checklist: passedChecklist(claim.products), timeSpentMs: 60_000 } });
    expect(approved.ok).toBe(true);
    expect(await engine['drafts.get']({ claimId: claim.id })).toBeNull();
    expect(await engine['drafts.get']({ claimId: other.id })).not.toBeNull();

    // A refused decision leaves the draft as it was.
    const refused = await engine['claims.mutate']({ claimId: other.id, name: 'approve', args: { checklist: flagged(other.products) } });
    expect(refused.ok).toBe(false);
    expect(await engine['drafts.get']({ claimId: other.id })).toMatchObject({ checklist: flagged(other.products) });

    await closeEngine(engine);
    const again = await openEngine(dir);
    expect(await again['drafts.get']({ claimId: claim.id })).toBeNull();
    expect(await again['drafts.get']({ claimId: other.id })).not.toBeNull();
  });

  it('moves a damaged drafts.json aside, reports it, and starts with no drafts', async () => {
    const claim = makeClaim({ inReview: true });
    const dir = await tempDir('drafts');
    await seedStore(dir, [claim]);
    const engine = await openEngine(dir);
    await engine['drafts.save']({ claimId: claim.id, checklist: passedChecklist(claim.products) });
    await closeEngine(engine);
    const file = path.join(dir, 'drafts.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"passed"', '"passd"'));

    const again = await openEngine(dir);
    expect(again.openReport.movedAside).toEqual([expect.stringMatching(/drafts\.json\.damaged-/)]);
    // Kept aside as it was, for a person to look at.
    expect(await readFile(again.openReport.movedAside[0]!, 'utf8')).toContain('"passd"');
    expect(await readdir(dir)).not.toContain('drafts.json');
    expect(await again['drafts.get']({ claimId: claim.id })).toBeNull();
    // The claim itself is untouched, and drafts work again at once.
    expect((await again['claims.get']({ id: claim.id }))?.claim.status).toBe('in_review');
    expect((await again['drafts.save']({ claimId: claim.id, checklist: {} })).checklist).toEqual({});
  });

  it('serves the drafts channels over the browser host', async () => {
    const claim = makeClaim({ inReview: true });
    const dir = await tempDir('drafts');
    await seedStore(dir, [claim]);
    const engine = await openEngine(dir);
    const rendererDir = await tempDir('renderer');
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>PoE Desk</title>');
    const host = await startHost({ engine, rendererDir });
    hosts.push(host);
    const api = (channel: string, args: unknown) =>
      fetch(`${host.origin}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-poe-token': host.token }, body: JSON.stringify(args) });

    const saved = await api('drafts.save', { claimId: claim.id, checklist: flagged(claim.products), openedAt: '2026-03-02T08:30:00.000Z' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ claimId: claim.id, openedAt: '2026-03-02T08:30:00.000Z' });
    const got = await api('drafts.get', { claimId: claim.id });
    expect(await got.json()).toMatchObject({ checklist: flagged(claim.products) });
    const bad = await api('drafts.save', { claimId: 'nope', checklist: {} });
    expect(bad.status).toBe(400);
  });
});
