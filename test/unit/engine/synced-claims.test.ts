// Folding pull pages: incremental pages change the shown claims at once; a full resync is staged
// and replaces them only with its last page; a page already folded in is skipped.
import { describe, expect, it } from 'vitest';
import { SyncedClaims } from '../../../electron/engine/synced-claims.js';
import type { PageRecord } from '../../../electron/engine/synced-claims.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { PullResponse } from '../../../shared/contract/sync.js';
import { makeClaim } from './fixtures.js';

let seq = 0;
const page = (p: Partial<PullResponse>): PageRecord<Claim> => ({
  seq: ++seq,
  page: { reset: false, cookie: seq, lastMutationId: 0, claims: [], removed: [], mutationResults: [], more: false, ...p },
});

describe('synced claims', () => {
  it('stages a full resync: the old claims stay shown until its last page', () => {
    const old = makeClaim({ n: 1 });
    const s = new SyncedClaims<Claim>();
    s.apply(page({ reset: true, claims: [old] }));
    expect([...s.claims.keys()]).toEqual([old.id]);

    const a = makeClaim({ n: 2 });
    const b = makeClaim({ n: 3 });
    const first = s.apply(page({ reset: true, claims: [a], more: true, lastMutationId: 4 }));
    expect(first).toEqual({ changed: [], all: false, complete: false });
    expect([...s.claims.keys()]).toEqual([old.id]); // still the old set
    expect(s.lastMutationId).toBe(0); // not adopted before the pull completes
    const last = s.apply(page({ claims: [b], lastMutationId: 4 }));
    expect(last).toEqual({ changed: [], all: true, complete: true });
    expect([...s.claims.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(s.lastMutationId).toBe(4);
    expect(s.staging).toBeNull();
  });

  it('applies incremental pages and skips a page it already has', () => {
    const a = makeClaim({ n: 1 });
    const s = new SyncedClaims<Claim>();
    s.apply(page({ reset: true, claims: [a] }));
    const changed = { ...a, version: a.version + 1 };
    const p = page({ claims: [changed], mutationResults: [{ mutationId: 7, claimId: a.id, status: 'applied', receivedAt: '2026-03-02T08:00:00.000Z' }], more: true });
    expect(s.apply(p)).toEqual({ changed: [a.id], all: false, complete: false });
    expect(s.claims.get(a.id)?.version).toBe(a.version + 1);
    expect(s.isSettled(7)).toBe(true); // its result arrived, even before the pull completed
    expect(s.apply(p)).toEqual({ changed: [], all: false, complete: false });
  });
});

describe('synced claims: a result that arrives before its claim', () => {
  it('keeps the decision pending (replayed in the view) until the page with its claim', () => {
    const a = makeClaim({ n: 1 });
    const b = makeClaim({ n: 2 });
    const s = new SyncedClaims<Claim>();
    s.apply(page({ reset: true, claims: [a, b] }));
    const result = { mutationId: 3, claimId: a.id, status: 'applied' as const, receivedAt: '2026-03-02T08:00:00.000Z' };
    // Page 1 carries the result but only claim b (claim a changed again later, so it comes later).
    s.apply(page({ claims: [b], mutationResults: [result], more: true }));
    expect(s.isSettled(3)).toBe(false);
    s.apply(page({ claims: [{ ...a, version: a.version + 2 }], more: true }));
    expect(s.isSettled(3)).toBe(true);
  });

  it('settles a refusal at once, and anything still awaiting its claim when the pull completes', () => {
    const a = makeClaim({ n: 1 });
    const s = new SyncedClaims<Claim>();
    s.apply(page({ reset: true, claims: [a] }));
    s.apply(
      page({
        more: true,
        mutationResults: [
          { mutationId: 1, claimId: a.id, status: 'refused', refusal: { code: 'claim_changed' }, receivedAt: '2026-03-02T08:00:00.000Z' },
          { mutationId: 2, claimId: a.id, status: 'applied', receivedAt: '2026-03-02T08:00:00.000Z' },
        ],
      }),
    );
    expect([s.isSettled(1), s.isSettled(2)]).toEqual([true, false]);
    s.apply(page({ lastMutationId: 1 }));
    expect(s.isSettled(2)).toBe(true);
  });
});

describe('synced claims: a server that forgot', () => {
  it('follows the server’s lastMutationId down after a restore, and a resync forgets old results', () => {
    const a = makeClaim({ n: 1 });
    const s = new SyncedClaims<Claim>();
    s.apply(page({ reset: true, claims: [a], lastMutationId: 30 }));
    s.apply(page({ more: true, mutationResults: [{ mutationId: 31, claimId: a.id, status: 'applied', receivedAt: '2026-03-02T08:00:00.000Z' }], claims: [a] }));
    expect(s.highestProcessed()).toBe(31);
    // The service was restored from a backup: its cookie space restarted, so it resyncs us.
    s.apply(page({ reset: true, claims: [a], lastMutationId: 12 }));
    expect(s.lastMutationId).toBe(12);
    expect(s.isSettled(13)).toBe(false);
    expect(s.isSettled(31)).toBe(false);
  });
});
