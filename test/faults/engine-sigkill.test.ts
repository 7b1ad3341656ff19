// Crash safety: the engine runs as a child process and is killed with SIGKILL at random moments
// while a reviewer makes decisions (and while it syncs in the background). After every kill it is
// started again on the same data directory. At the end, every decision the engine acknowledged to
// its caller must be on the server exactly once: one applied result for its (clientId, mutationId),
// its comment once in the claim, and no decision applied twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelArgs } from '../../shared/contract/desktop.js';
import { passedChecklist } from '../unit/engine/checklists.js';
import { tempDir } from '../unit/engine/fixtures.js';
import { claimsServiceFixture, clientIdsOf, mutationResults, serverClaim } from '../integration/engine/claims-service.js';
import { EngineChild } from '../integration/engine/engine-child.js';
import { FULL, reportCounts } from './counts.js';

// The full suite kills more often; both stay at or above the 50 kill points the issue asks for.
const KILLS = FULL ? 150 : 50;
const PRODUCTS = ['d365-sales', 'power-bi'] as const;

/** A small seeded generator, so that a failing run can be repeated with the seed it prints. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acked {
  mutationId: number;
  claimId: string;
  name: string;
  commentId: string | null;
}

describe('engine crash safety', () => {
  const fx = claimsServiceFixture(10, { beforeAll, afterAll });

  // Each of the 51 engine starts takes 1-4 s with the machine's load (an engine start is a tsx process):
  // the bound is for a hung run, not a speed check.
  it(`keeps every acknowledged decision through ${KILLS} SIGKILLs, and the server has each exactly once`, { timeout: 900_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    const options = {
      dataDir: await tempDir('crash'),
      serverUrl: fx.service.url,
      // Sync all the time, in small pages, so that kills also land in pushes, pulls and compactions.
      pollIntervalMs: 150,
      pushDelayMs: 5,
      backoff: { baseMs: 20, maxMs: 200 },
      pullPageSize: 3,
      // Compact often: snapshot rewrites, and claims files replaced by new ones once dead bodies
      // outweigh the live ones, so that kills land in those too.
      journalCompactBytes: 2_000,
    };

    const first = (await EngineChild.start(options)).engine;
    await first.call('session.signIn', { username: fx.who.reviewer.username, password: fx.who.reviewer.password });
    await first.call('sync.now', {});
    await first.close();

    const pick = <T,>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
    const decision = (): { args: ChannelArgs<'claims.mutate'>; commentId: string | null } => {
      const claimId = pick(fx.claimIds);
      const commentId = crypto.randomUUID();
      const r = rnd();
      if (r < 0.7) return { args: { claimId, name: 'comment', args: { commentId, text: `Checked page ${Math.ceil(rnd() * 9)}.` } }, commentId };
      if (r < 0.85) return { args: { claimId, name: 'startReview', args: {} }, commentId: null };
      if (r < 0.9) return { args: { claimId, name: 'approve', args: { checklist: passedChecklist(PRODUCTS), comment: 'All evidenced.', commentId } }, commentId };
      if (r < 0.95) {
        const checklist = { ...passedChecklist(PRODUCTS), dates: { state: 'missing', evidence: [] } };
        return { args: { claimId, name: 'requestPartnerAction', args: { checklist, comment: 'The PoE carries no dates.', commentId } }, commentId };
      }
      return { args: { claimId, name: 'reject', args: { reason: 'insufficient_poe', comment: 'Unrelated document.', commentId } }, commentId };
    };

    const acked: Acked[] = [];
    const started = Date.now();
    for (let kill = 0; kill < KILLS; kill++) {
      const { engine, report } = await EngineChild.start(options);
      expect(report.quarantinedNow).toBe(0);
      let alive = true;
      let ackedThisLife: () => void = () => {};
      const firstAck = new Promise<void>((resolve) => (ackedThisLife = resolve));
      // Three callers at once: the engine's write queue interleaves them as the UI and menus would.
      const callers = [0, 1, 2].map(async () => {
        while (alive) {
          const { args, commentId } = decision();
          try {
            const result = await engine.call('claims.mutate', args);
            if (result.ok) {
              acked.push({ mutationId: result.mutationId, claimId: args.claimId, name: args.name, commentId });
              ackedThisLife();
            }
          } catch {
            return; // killed while this call was in flight: not acknowledged
          }
        }
      });
      // Each life decides something before it dies, however slow the machine (a loaded one once
      // acknowledged 16 decisions in 50 lives), then is killed at a random point of its stream.
      await Promise.race([firstAck, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      await new Promise((resolve) => setTimeout(resolve, rnd() * 300));
      alive = false;
      await engine.kill();
      await Promise.all(callers);
    }
    const crashPhaseMs = Date.now() - started;

    // Start once more and sync until everything acknowledged has gone out.
    const { engine: last } = await EngineChild.start(options);
    let status = await last.call('sync.now', {});
    for (let i = 0; i < 20 && (status.pending > 0 || status.connection !== 'online'); i++) status = await last.call('sync.now', {});
    if (status.conflicts > 0) console.log('refused:', JSON.stringify((await last.call('conflicts.list', {})).map((c) => [c.mutationId, c.name, c.refusal, c.decidedAt])));
    expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, quarantined: 0 });

    const clientIds = await clientIdsOf(fx.service, fx.who.reviewer);
    expect(clientIds).toHaveLength(1); // one client identity across every restart
    const results = await mutationResults(fx.service, clientIds[0]!);
    const byId = new Map(results.map((r) => [r.mutationId, r]));
    // Ids are 1, 2, 3... with no gap and nothing refused: the outbox never lost or repeated a decision.
    expect(results.map((r) => r.mutationId)).toEqual(results.map((_, i) => i + 1));
    expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
    for (const a of acked) expect(byId.get(a.mutationId), `acknowledged mutation ${a.mutationId}`).toMatchObject({ claimId: a.claimId, name: a.name, status: 'applied' });

    let applied = 0;
    for (const id of fx.claimIds) {
      const claim = await serverClaim(fx.service, id);
      const ids = claim.comments.map((c) => c.id);
      expect(new Set(ids).size, `duplicate comment on ${claim.number}`).toBe(ids.length);
      for (const a of acked.filter((x) => x.claimId === id && x.commentId)) expect(ids, `comment of mutation ${a.mutationId}`).toContain(a.commentId);
      const byReviewer = claim.history.filter((e) => e.actor.id === fx.who.reviewer.id);
      // Each applied mutation made exactly one history entry on its claim: nothing was applied twice.
      expect(byReviewer).toHaveLength(results.filter((r) => r.claimId === id).length);
      applied += byReviewer.length;
      const local = await last.call('claims.get', { id });
      expect(local?.claim.version).toBe(claim.version);
      expect(local?.pending).toEqual([]);
    }
    await last.close();
    reportCounts('engine SIGKILL', {
      killPoints: KILLS,
      decisionsChecked: acked.length,
      lost: acked.filter((a) => byId.get(a.mutationId)?.status !== 'applied').length,
      duplicated: applied - results.length,
    });
    const unacknowledgedButSaved = results.length - acked.length;
    console.log(
      `crash test (seed ${seed}): ${KILLS} SIGKILLs in ${(crashPhaseMs / 1000).toFixed(1)} s, ${acked.length} decisions acknowledged, ` +
        `${results.length} applied on the server (${unacknowledgedButSaved} saved but killed before the answer), ${applied} history entries`,
    );
    // Every life got to decide: the kills fell among acknowledged decisions, not before the first.
    expect(acked.length).toBeGreaterThanOrEqual(KILLS);
  });
});
