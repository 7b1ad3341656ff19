// The engine with no server reachable: decisions show at once with a pending mark, survive a
// restart, are checked by the domain before anything is written, and every channel parses its
// arguments.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { EngineError } from '../../../electron/engine/engine-error.js';
import { passedChecklist } from './checklists.js';
import { makeClaim, REVIEWER, tempDir } from './fixtures.js';
import { seedStore } from './seed-store.js';

const open: Engine[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

async function engineWith(claims: ReturnType<typeof makeClaim>[]) {
  const dir = await tempDir('engine');
  await seedStore(dir, claims);
  const engine = await Engine.open({ dataDir: dir, autoSync: false, documentUrl: (sha) => `/poe/${sha}` });
  open.push(engine);
  return { dir, engine };
}

describe('engine offline', () => {
  it('shows a decision at once with a pending mark, and keeps it across a restart', async () => {
    const claim = makeClaim({ inReview: true });
    const { dir, engine } = await engineWith([claim]);
    const events: string[] = [];
    engine.on((event) => events.push(event));

    const result = await engine['claims.mutate']({ claimId: claim.id, name: 'approve', args: { checklist: passedChecklist(claim.products) } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mutationId).toBe(1);
    const decided = await engine['claims.get']({ id: claim.id });
    expect(decided!.claim.status).toBe('approved');
    expect(decided!.pending).toEqual([{ mutationId: 1, name: 'approve', decidedAt: expect.any(String) }]);
    expect(events).toContain('claims.changed');
    const row = (await engine['queue.query']({})).rows[0]!;
    expect(row).toMatchObject({ status: 'approved', pending: true });
    expect((await engine['sync.status']({})).pending).toBe(1);

    await engine.close();
    open.pop();
    const again = await Engine.open({ dataDir: dir, autoSync: false });
    open.push(again);
    const view = await again['claims.get']({ id: claim.id });
    expect(view?.claim.status).toBe('approved');
    expect(view?.pending.map((p) => p.mutationId)).toEqual([1]);
    // The outbox holds what the server needs: the base version the reviewer saw, and when.
    const outbox = await readFile(path.join(dir, 'outbox.jsonl'), 'utf8');
    expect(outbox).toContain(`"baseVersion":${claim.version}`);
  });

  it('refuses what the domain refuses, and writes nothing', async () => {
    const claim = makeClaim({ inReview: true });
    const { dir, engine } = await engineWith([claim]);
    const checklist = { ...passedChecklist(claim.products), dates: { state: 'missing', evidence: [] } };
    const result = await engine['claims.mutate']({ claimId: claim.id, name: 'approve', args: { checklist } });
    expect(result).toEqual({ ok: false, refusal: { code: 'checklist_not_passed', params: { items: ['dates'] } } });
    const notMine = makeClaim({ assignee: { id: 'someone-else', name: 'Someone' } });
    const { engine: other } = await engineWith([notMine]);
    expect(await other['claims.mutate']({ claimId: notMine.id, name: 'startReview', args: {} })).toMatchObject({ ok: false, refusal: { code: 'not_assigned' } });
    expect((await engine['sync.status']({})).pending).toBe(0);
    expect(await readFile(path.join(dir, 'outbox.jsonl'), 'utf8')).toBe('');
  });

  it('replays several pending decisions in order through the domain', async () => {
    const claim = makeClaim();
    const { engine } = await engineWith([claim]);
    expect((await engine['claims.mutate']({ claimId: claim.id, name: 'startReview', args: {} })).ok).toBe(true);
    const commentId = crypto.randomUUID();
    expect((await engine['claims.mutate']({ claimId: claim.id, name: 'comment', args: { commentId, text: 'Signature on page 2 is missing.' } })).ok).toBe(true);
    const view = await engine['claims.get']({ id: claim.id });
    expect(view?.claim.status).toBe('in_review');
    expect(view?.claim.comments.map((c) => c.id)).toEqual([commentId]);
    expect(view?.claim.version).toBe(claim.version + 2);
    expect(view?.pending.map((p) => p.name)).toEqual(['startReview', 'comment']);
  });

  it('parses every channel argument and names what is wrong', async () => {
    const { engine } = await engineWith([makeClaim()]);
    const error = await engine.invoke('claims.get', { id: 'not-a-uuid' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('invalid_arguments');
    expect((error as Error).message).toMatch(/claims\.get .*\(id: Invalid UUID\)/);
    expect(((await engine.invoke('nope', {}).catch((e: unknown) => e)) as EngineError).code).toBe('unknown_channel');
    expect(await engine['settings.set']({ theme: 'dark' })).toEqual({ locale: 'en', theme: 'dark' });
    expect(await engine['session.current']({})).toMatchObject({ user: { id: REVIEWER.id }, serverUrl: 'http://127.0.0.1:9' });
  });

  it('lists a claim’s documents with their viewer URLs', async () => {
    const claim = makeClaim({ sha256: 'b'.repeat(64) });
    const { engine } = await engineWith([claim]);
    expect(await engine['documents.list']({ claimId: claim.id })).toEqual([
      { sha256: 'b'.repeat(64), name: 'poe.pdf', size: 1000, pages: 2, cached: false, damaged: false, url: `/poe/${'b'.repeat(64)}` },
    ]);
  });
});
