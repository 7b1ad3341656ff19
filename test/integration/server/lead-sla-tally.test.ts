// The SLA board's counting (server/lead/clock-index.ts, sla-query.ts) on PGlite and PostgreSQL: the
// board sums whole hours from the tally and counts the clocks due in the hours holding a bucket
// boundary one by one. Clocks due every few minutes over four days, written, moved, reassigned and
// stopped through the change path, are counted at instants on and around every boundary and due
// time, each against the buckets read from the due times directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldClockTally, indexClaimClocks } from '../../../server/lead/clock-index.js';
import { slaBoard } from '../../../server/lead/sla-query.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { ClockState } from '../../../shared/domain/clocks.js';
import { slaBoundaries, type SlaBucket } from '../../../shared/domain/sla-board.js';
import { BACKENDS, serviceFor } from './harness.js';

const MINUTE = 60_000;
const START = Date.parse('2026-03-27T20:00:00.000Z'); // the Friday before Prague's clocks go forward
const ASSIGNEES = [null, 'reviewer-a', 'reviewer-b'] as const;

type Fake = Pick<Claim, 'id' | 'status' | 'assignee' | 'clocks'>;

const running = (dueAt: number): ClockState => ({ state: 'running', startedAt: new Date(START - 86_400_000).toISOString(), dueAt: new Date(dueAt).toISOString(), zone: 'Europe/Prague', extendedByBusinessDays: 0 });

describe.each(BACKENDS)('SLA board counting on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  const claims: Fake[] = [];

  beforeAll(async () => {
    service = await serviceFor(backend);
    for (let i = 0; i < 240; i++) {
      const assignee = ASSIGNEES[i % 3]!;
      claims.push({
        id: crypto.randomUUID(),
        status: i % 17 === 0 ? 'draft' : 'submitted',
        assignee: assignee ? { id: assignee, name: assignee } : null,
        clocks: { submitted_sla: running(START + i * 23 * MINUTE), overall_sla: running(START + i * 29 * MINUTE + 7_000), customer_consent: running(START) },
      });
    }
    // All of them in one statement, as a batch of pushed decisions writes them.
    const write = (list: Fake[]) => service.deps.db.transaction((tx) => indexClaimClocks(tx, list as Claim[]));
    await write(claims);
    await foldClockTally(service.deps.db);
    // Later changes: some clocks move, some claims change hands, some clocks stop, one claim is written unchanged.
    for (const [i, c] of claims.entries()) {
      if (i % 4 === 0) c.clocks.submitted_sla = running(Date.parse(c.clocks.submitted_sla!.dueAt) + 3 * 60 * MINUTE + 11_000);
      if (i % 5 === 0) c.assignee = c.assignee ? null : { id: 'reviewer-b', name: 'reviewer-b' };
      if (i % 7 === 0) c.clocks.overall_sla = { ...c.clocks.overall_sla!, state: 'stopped', stoppedAt: new Date(START).toISOString() };
    }
    await write(claims);
    await write(claims.slice(0, 1));
  }, 120_000);
  afterAll(async () => service?.close());

  it('counts every running clock of the board in the bucket its due time falls in, per clock and assignee', async () => {
    const dues = claims.flatMap((c) => Object.values(c.clocks).map((k) => Date.parse(k.dueAt)));
    const instants = new Set<number>();
    for (let t = START - 60 * MINUTE; t < START + 5 * 24 * 60 * MINUTE; t += 197 * MINUTE) instants.add(t);
    for (const d of dues.filter((_, i) => i % 9 === 0)) for (const off of [-1, 0, 1, -30 * MINUTE]) instants.add(d + off);
    for (const at of [...instants].sort()) {
      const now = new Date(at).toISOString();
      const { endOfToday, soonUntil } = slaBoundaries(service.deps.calendar, now);
      const bucketOf = (due: string): SlaBucket => (due <= now ? 'overdue' : due <= endOfToday ? 'due_today' : due <= soonUntil ? 'due_soon' : 'on_time');
      const want = new Map<string, number>();
      for (const c of claims) {
        if (c.status === 'draft') continue;
        for (const [clock, k] of Object.entries(c.clocks)) {
          if (k.state !== 'running' || clock === 'customer_consent') continue;
          const key = `${clock}/${c.assignee?.id ?? '-'}/${bucketOf(k.dueAt)}`;
          want.set(key, (want.get(key) ?? 0) + 1);
        }
      }
      const board = await slaBoard(service.deps.db, service.deps.calendar, now);
      const got = new Map<string, number>();
      for (const { clock, byReviewer } of board.clocks) {
        for (const r of byReviewer) for (const [bucket, n] of Object.entries(r.counts)) if (n > 0) got.set(`${clock}/${r.reviewer?.id ?? '-'}/${bucket}`, n);
      }
      expect(got, now).toEqual(want);
    }
  }, 300_000);
});
