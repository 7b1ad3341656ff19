// The timer: expires partner-response windows, closes consent and dispute windows, flags overdue
// SLAs. It picks claims whose next_timer_at has passed with FOR UPDATE SKIP LOCKED, so several
// service instances over one PostgreSQL share the work without taking the same claim, and applies
// the domain's dueTimerCommands one per transaction. The domain's guards (a clock must have run
// out, an overdue flag is set once) make a second attempt a no-op, so nothing fires twice.
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Actor } from '../shared/domain/model.js';
import { dueTimerCommands, nextTimerAt } from '../shared/domain/lifecycle.js';
import { applyToClaim } from './claims/apply.js';
import { lockClaims } from './claims/records.js';
import { claims } from './db/schema.js';
import type { Deps } from './deps.js';

const TIMER: Actor = { kind: 'timer', id: 'timer', name: 'Timer' };

export type TimerDeps = Pick<Deps, 'db' | 'clock' | 'calendar'>;

export interface TimerRun {
  /** Timer actions applied (each one history entry). */
  applied: number;
}

/**
 * Applies every timer action due now, claim by claim, until none is left. Returns how many it
 * applied. Safe to run from several processes at once.
 */
export async function runDueTimers(deps: TimerDeps, log: (message: string) => void = console.error, maxActions = 10_000): Promise<TimerRun> {
  let applied = 0;
  while (applied < maxActions) {
    const step = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const [due] = await tx
        .select({ id: claims.id })
        .from(claims)
        .where(and(isNotNull(claims.nextTimerAt), lte(claims.nextTimerAt, new Date(now))))
        .orderBy(asc(claims.nextTimerAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return 'idle' as const;
      const claim = (await lockClaims(tx, [due.id])).get(due.id);
      const [command] = claim ? dueTimerCommands(claim, now) : [];
      const outcome = claim && command ? await applyToClaim(tx, { now, calendar: deps.calendar }, due.id, TIMER, command) : null;
      if (outcome?.kind === 'applied') return 'applied' as const;
      if (outcome) log(`timer: ${command!.name} on claim ${due.id} was refused (${outcome.kind === 'refused' ? outcome.refusal.code : outcome.kind}) although dueTimerCommands listed it`);
      // Nothing the domain does now: store the true next time, so the loop does not pick this claim again and again.
      const next = claim ? nextTimerAt(claim) : null;
      await tx
        .update(claims)
        .set({ nextTimerAt: next && next > now ? new Date(next) : null })
        .where(eq(claims.id, due.id));
      return 'skipped' as const;
    });
    if (step === 'idle') break;
    if (step === 'applied') applied++;
  }
  return { applied };
}

export interface TimerLoop {
  stop(): Promise<void>;
}

/** Runs the timer every `intervalMs` until stopped; a failed run is logged and retried next time. */
export function startTimerLoop(deps: TimerDeps, intervalMs: number, log: (message: string) => void = console.error): TimerLoop {
  let stopped = false;
  let timeout: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runDueTimers(deps, log)
      .then(() => undefined)
      .catch((error: Error) => log(`timer: run failed, retrying in ${intervalMs} ms: ${error.message}`))
      .finally(() => {
        if (!stopped) timeout = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timeout) clearTimeout(timeout);
      await running;
    },
  };
}
