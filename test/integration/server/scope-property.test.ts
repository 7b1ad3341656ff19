// Property (issue 17): over random interleavings of assign, reassign, offline decisions, time
// passing (timers included) and pulls (some cut after a page), a desk that completes a pull holds
// exactly its user's scope as the service computes it from the claims' history, every claim at the
// service's version, and each decision it pushed settled exactly once, none lost. The desk folds
// pages with the engine's own SyncedClaims. On PGlite and PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncedClaims } from '../../../electron/engine/synced-claims.js';
import { PullResponse } from '../../../shared/contract/sync.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { awaitsReview } from '../../../shared/domain/lifecycle.js';
import { createUser } from '../../../server/auth/users.js';
import { readClaim } from '../../../server/claims/read.js';
import { runDueTimers } from '../../../server/timers.js';
import { BACKENDS, call, decide, Desk, PARTNER_A, PASSWORD, people, type People, serviceFor, submittedClaim } from './harness.js';

const DAY = 86_400_000;
const RECENT_DAYS = 30;
/** The acts that keep a claim on a reviewer's desk (spec: "decided, commented, QA-reviewed"), written out here as the oracle. */
const KEEPING_ACTS = ['approve', 'requestPartnerAction', 'reject', 'resolveDispute', 'comment', 'recordQaVerdict'];
const CLAIMS = 3;

type Step =
  | { kind: 'assign'; claim: number; to: number }
  | { kind: 'decide'; who: number; claim: number }
  | { kind: 'age'; days: number }
  | { kind: 'sync'; who: number; limit: number; cut: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('assign' as const), claim: fc.nat(CLAIMS - 1), to: fc.nat(1) }),
  fc.record({ kind: fc.constant('decide' as const), who: fc.nat(1), claim: fc.nat(CLAIMS - 1) }),
  fc.record({ kind: fc.constant('age' as const), days: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ kind: fc.constant('sync' as const), who: fc.nat(1), limit: fc.integer({ min: 1, max: 3 }), cut: fc.boolean() }),
);

interface ModelMutation {
  id: number;
  claimId: string;
  commentId: string;
  mutation: ReturnType<Desk['mutation']>;
}

/** A desk as the engine keeps one: pages folded by SyncedClaims, an outbox, the outcomes it heard. */
class ModelDesk {
  readonly synced = new SyncedClaims<Claim>();
  readonly outbox: ModelMutation[] = [];
  readonly outcomes = new Map<number, string>();
  duplicates = 0;
  private journalSeq = 0;

  constructor(
    readonly desk: Desk,
    readonly userId: string,
  ) {}

  async sync(limit: number, cut: boolean): Promise<void> {
    const unsent = this.outbox.filter((m) => !this.synced.isSettled(m.id));
    if (unsent.length > 0) {
      const res = await this.desk.push(unsent.map((m) => m.mutation));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    for (;;) {
      const res = await this.desk.pull(this.synced.cookie, limit);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = PullResponse.parse(res.body);
      if (page.reset) this.outcomes.clear();
      for (const r of page.mutationResults) {
        if (this.outcomes.has(r.mutationId)) this.duplicates++;
        this.outcomes.set(r.mutationId, r.status);
      }
      this.synced.apply({ seq: ++this.journalSeq, page });
      if (!page.more || cut) return;
    }
  }
}

describe.each(BACKENDS)('scoped sync under random interleavings on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let partner: People;
  let run = 0;

  beforeAll(async () => {
    service = await serviceFor(backend, { sessionTtlMs: 3650 * DAY });
    partner = await people(service);
  });
  afterAll(async () => service?.close());

  const signIn = async (role: 'reviewer' | 'team_lead', name: string) => {
    const username = `${name}-${backend}-${run}`;
    const id = await createUser(service.deps.db, service.clock, { username, password: PASSWORD, name, role });
    const res = await call(service.app, 'POST', '/auth/login', null, { username, password: PASSWORD });
    return { id, token: res.body.token as string };
  };

  /** The scope as the rules say, computed from the claims as the service holds them now. */
  const expectedScope = async (userId: string, claimIds: string[]) => {
    const now = Date.parse(service.clock.now());
    const out = new Map<string, number>();
    for (const id of claimIds) {
      const claim = (await readClaim(service.deps.db, id))!;
      const assigned = (claim.assignee?.id === userId && awaitsReview(claim)) || claim.qa.some((t) => t.state === 'open' && t.qaReviewer.id === userId);
      const acted = claim.history.some((e) => e.actor.id === userId && KEEPING_ACTS.includes(e.action) && Date.parse(e.at) > now - RECENT_DAYS * DAY);
      if (assigned || acted) out.set(id, claim.version);
    }
    return out;
  };

  it('leaves each desk holding exactly its scope after a complete pull, with no decision lost or applied twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        run++;
        const lead = await signIn('team_lead', 'Lead');
        const leadDesk = new Desk(service, lead.token);
        const reviewers = [await signIn('reviewer', 'Jana'), await signIn('reviewer', 'Petr')];
        const desks = reviewers.map((r) => new ModelDesk(new Desk(service, r.token), r.id));
        const claims: { id: string; products: string[] }[] = [];
        for (let i = 0; i < CLAIMS; i++) claims.push(await submittedClaim(service, partner.partnerA, PARTNER_A));
        const ids = claims.map((c) => c.id);

        for (const s of steps) {
          if (s.kind === 'assign') {
            // The lead's desk pushes like any other; a refusal (already assigned, decided) is fine.
            await decide(service, leadDesk, ids[s.claim]!, 'assign', { assignee: { id: reviewers[s.to]!.id, name: '' } });
          } else if (s.kind === 'decide') {
            const desk = desks[s.who]!;
            const held = desk.synced.claims.get(ids[s.claim]!);
            if (!held) continue; // not on this desk: nothing to decide on
            const commentId = crypto.randomUUID();
            const mutation = desk.desk.mutation(held.id, 'comment', { commentId, text: `offline note ${commentId.slice(0, 8)}` }, held.version);
            desk.outbox.push({ id: mutation.id, claimId: held.id, commentId, mutation });
          } else if (s.kind === 'age') {
            service.clock.advance(s.days * DAY);
            await runDueTimers(service.deps, () => undefined);
          } else {
            await desks[s.who]!.sync(s.limit, s.cut);
          }
        }

        for (const desk of desks) {
          await desk.sync(2, false);
          const expected = await expectedScope(desk.userId, ids);
          const held = new Map([...desk.synced.claims.values()].map((c) => [c.id, c.version]));
          expect(held).toEqual(expected);
          // Every decision pushed has its outcome, heard once; applied ones are in the claim, refused ones are not.
          expect(desk.duplicates).toBe(0);
          for (const m of desk.outbox) {
            expect(desk.synced.isSettled(m.id)).toBe(true);
            const outcome = desk.outcomes.get(m.id);
            expect(outcome === 'applied' || outcome === 'refused').toBe(true);
            const claim = (await readClaim(service.deps.db, m.claimId))!;
            expect(claim.comments.filter((c) => c.id === m.commentId)).toHaveLength(outcome === 'applied' ? 1 : 0);
          }
          expect(desk.synced.lastMutationId).toBe(desk.outbox.length);
        }
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 600_000);
});
