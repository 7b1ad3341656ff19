// The clocks of the spec's table ("Clocks"): their lengths as data, how they start, pause, stop and
// expire, and how a running clock reads on a given day (business days left, due today, overdue).
import { z } from 'zod';
import type { BusinessCalendar } from './calendar.js';
import { Instant } from './model.js';

export const CLOCK_NAMES = [
  'submitted_sla',
  'review_sla',
  'overall_sla',
  'partner_response',
  'customer_consent',
  'dispute_window',
  'dispute_sla',
] as const;
export const ClockName = z.enum(CLOCK_NAMES);
export type ClockName = z.infer<typeof ClockName>;

export interface ClockRule {
  length: number;
  unit: 'business_days' | 'calendar_days';
  /** What expiry does: an SLA only flags the claim overdue; the others are acted on by the timer. */
  onExpiry: 'flag_overdue' | 'reject_no_partner_response' | 'send_to_incentive_evaluation' | 'close_dispute_window';
}

/** spec "Clocks", row by row. */
export const CLOCK_RULES: Record<ClockName, ClockRule> = {
  submitted_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
  review_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
  overall_sla: { length: 10, unit: 'business_days', onExpiry: 'flag_overdue' },
  partner_response: { length: 5, unit: 'business_days', onExpiry: 'reject_no_partner_response' },
  customer_consent: { length: 7, unit: 'calendar_days', onExpiry: 'send_to_incentive_evaluation' },
  dispute_window: { length: 30, unit: 'calendar_days', onExpiry: 'close_dispute_window' },
  dispute_sla: { length: 5, unit: 'business_days', onExpiry: 'flag_overdue' },
};

/**
 * One clock on one claim. `dueAt` is an instant; the zone it is shown in is stored with it so that
 * a deadline reads the same on every machine. A paused clock (the overall SLA while the claim waits
 * on the partner) has no due time until it resumes, extended by the business time it was paused.
 */
export const ClockState = z.strictObject({
  state: z.enum(['running', 'paused', 'stopped', 'expired']),
  startedAt: Instant,
  dueAt: Instant,
  zone: z.string(),
  pausedAt: Instant.optional(),
  /** Business days added to the clock by pauses so far (overall SLA: time waiting on the partner). */
  extendedByBusinessDays: z.number().nonnegative().default(0),
  stoppedAt: Instant.optional(),
  /** Set once the timer has flagged this SLA overdue (for leads). */
  overdueAt: Instant.optional(),
});
export type ClockState = z.infer<typeof ClockState>;

export type Clocks = Partial<Record<ClockName, ClockState>>;

export function dueAfter(calendar: BusinessCalendar, name: ClockName, from: Instant): Instant {
  const rule = CLOCK_RULES[name];
  return rule.unit === 'business_days' ? calendar.addBusinessDays(from, rule.length) : calendar.addCalendarDays(from, rule.length);
}

export function startClock(calendar: BusinessCalendar, name: ClockName, at: Instant): ClockState {
  return { state: 'running', startedAt: at, dueAt: dueAfter(calendar, name, at), zone: calendar.zone, extendedByBusinessDays: 0 };
}

export function stopClock(clock: ClockState | undefined, at: Instant): ClockState | undefined {
  if (!clock || clock.state === 'stopped' || clock.state === 'expired') return clock;
  const { pausedAt: _pausedAt, ...rest } = clock;
  return { ...rest, state: 'stopped', stoppedAt: at };
}

export function pauseClock(clock: ClockState | undefined, at: Instant): ClockState | undefined {
  if (!clock || clock.state !== 'running') return clock;
  return { ...clock, state: 'paused', pausedAt: at };
}

/** Resume a paused clock, moving its deadline by the business time it was paused. */
export function resumeClock(calendar: BusinessCalendar, clock: ClockState | undefined, at: Instant): ClockState | undefined {
  if (!clock || clock.state !== 'paused' || !clock.pausedAt) return clock;
  const paused = Math.max(0, calendar.businessDaysBetween(clock.pausedAt, at));
  const { pausedAt: _pausedAt, ...rest } = clock;
  return {
    ...rest,
    state: 'running',
    dueAt: calendar.addBusinessDays(clock.dueAt, paused),
    extendedByBusinessDays: clock.extendedByBusinessDays + paused,
  };
}

export function expireClock(clock: ClockState | undefined, at: Instant): ClockState | undefined {
  if (!clock || clock.state !== 'running') return clock;
  return { ...clock, state: 'expired', stoppedAt: at };
}

export function isRunning(clock: ClockState | undefined): clock is ClockState {
  return clock?.state === 'running';
}

export function hasExpired(clock: ClockState | undefined, now: Instant): boolean {
  return isRunning(clock) && clock.dueAt <= now;
}

/** The running clock due first: what a queue's SLA column reads (null when none runs). */
export function nextRunningClock(clocks: Clocks): { clock: ClockName; state: ClockState } | null {
  let best: { clock: ClockName; state: ClockState } | null = null;
  for (const [clock, state] of Object.entries(clocks) as [ClockName, ClockState][]) {
    if (state.state !== 'running') continue;
    if (!best || state.dueAt < best.state.dueAt) best = { clock, state };
  }
  return best;
}

/** How a clock reads now, for queues, headers and the SLA board; the text comes from i18n. */
export type ClockReading =
  | { kind: 'running'; dueAt: Instant; businessDaysLeft: number; calendarDaysLeft: number }
  | { kind: 'due_today'; dueAt: Instant }
  | { kind: 'overdue'; dueAt: Instant; businessDaysOverdue: number }
  | { kind: 'paused'; since: Instant }
  | { kind: 'stopped'; at: Instant; met: boolean }
  | { kind: 'expired'; at: Instant };

export function readClock(calendar: BusinessCalendar, clock: ClockState, now: Instant): ClockReading {
  switch (clock.state) {
    case 'paused':
      return { kind: 'paused', since: clock.pausedAt ?? clock.startedAt };
    case 'stopped':
      return { kind: 'stopped', at: clock.stoppedAt ?? clock.startedAt, met: (clock.stoppedAt ?? clock.startedAt) <= clock.dueAt };
    case 'expired':
      return { kind: 'expired', at: clock.stoppedAt ?? clock.dueAt };
    case 'running':
      break;
  }
  if (clock.dueAt <= now) {
    return { kind: 'overdue', dueAt: clock.dueAt, businessDaysOverdue: Math.floor(calendar.businessDaysBetween(clock.dueAt, now)) };
  }
  const dueDay = calendar.localDate(endOfDueDay(clock.dueAt));
  if (dueDay === calendar.localDate(now)) return { kind: 'due_today', dueAt: clock.dueAt };
  return {
    kind: 'running',
    dueAt: clock.dueAt,
    businessDaysLeft: Math.ceil(calendar.businessDaysBetween(now, clock.dueAt)),
    calendarDaysLeft: Math.ceil((Date.parse(clock.dueAt) - Date.parse(now)) / 86_400_000),
  };
}

/** A deadline at 24:00 belongs to the day that ends then, not to the next day. */
function endOfDueDay(dueAt: Instant): Instant {
  return new Date(Date.parse(dueAt) - 1).toISOString();
}

/** The SLA clocks a lead watches; their expiry flags the claim overdue. */
export const SLA_CLOCKS = (Object.keys(CLOCK_RULES) as ClockName[]).filter((c) => CLOCK_RULES[c].onExpiry === 'flag_overdue');
