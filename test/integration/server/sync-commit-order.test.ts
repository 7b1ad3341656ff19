// A change that started first may commit last: its numbers (change sequence, audit event) are
// taken when it is sealed, just before commit (server/claims/sealing.ts), so no other change waits
// for its work, and a pull between the two commits misses neither. PostgreSQL only: PGlite runs one
// transaction at a time, so two changes cannot overlap there.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../shared/contract/sync.js';
import type { Actor } from '../../../shared/domain/model.js';
import { verifyChain } from '../../../server/audit/verify.js';
import { act } from '../../../server/claims/act.js';
import { Desk, PARTNER_A, people, type People, pullAll, serviceFor, submittedClaim } from './harness.js';

describe('changes that overlap on postgres', () => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;

  beforeAll(async () => {
    service = await serviceFor('postgres');
    who = await people(service);
  });
  afterAll(async () => service?.close());

  /** Resolves once another session of this database waits for a lock (a row lock held by an open transaction). */
  async function someoneWaitsForALock(stop: { done: boolean }): Promise<void> {
    while (!stop.done) {
      const { rows } = (await service.deps.db.execute(
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as unknown as { rows: { n: number }[] };
      if (rows[0]!.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('commits a later change while an earlier one is still open, and a pull between the commits misses neither', async () => {
    const early = await submittedClaim(service, who.partnerA, PARTNER_A); // unassigned: both in the lead's pool
    const late = await submittedClaim(service, who.partnerA, PARTNER_A);
    const desk = new Desk(service, who.lead);
    const synced = (await pullAll(desk, null, 2000)).at(-1)!.cookie;
    const lead: Actor = { kind: 'team_lead', id: who.ids.lead, name: 'Lucie Lead' };
    const comment = (text: string) => ({ name: 'comment' as const, args: { commentId: randomUUID(), text } });

    // The early change does its work, then stays open until released.
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = act(service.deps, early.id, lead, comment('started first, committed last'), { extra: () => (inside(), held) });
    await entered;

    const stop = { done: false };
    try {
      const second = act(service.deps, late.id, lead, comment('started second, committed first'));
      const outcome = await Promise.race([second.then(() => 'committed' as const), someoneWaitsForALock(stop).then(() => 'waited for the open change' as const)]);
      expect(outcome).toBe('committed');

      const between = PullResponse.parse((await desk.pull(synced)).body);
      expect(between.claims.map((c) => c.id)).toEqual([late.id]);
      release();
      await first;
      const after = PullResponse.parse((await desk.pull(between.cookie)).body);
      expect(after.claims.map((c) => c.id)).toEqual([early.id]);
      expect(after.cookie).toBeGreaterThan(between.cookie);
      expect(after.claims[0]!.history.at(-1)!.details).toMatchObject({ text: 'started first, committed last' });
    } finally {
      stop.done = true;
      release();
      await first.catch(() => undefined);
    }
    // The chain holds the late change's event before the early one's, each hashed on the one before.
    expect(await verifyChain(service.deps)).toMatchObject({ ok: true });
  });
});
