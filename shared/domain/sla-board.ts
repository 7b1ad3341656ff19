// The SLA board's buckets (issue 16: on time, due within 2 business days, due today, overdue), from
// the domain's reading of a clock. The service counts a million claims in SQL by comparing due
// times with the boundaries below; slaBucket is the rule those boundaries must agree with (tests
// check one against the other).
import type { BusinessCalendar } from './calendar.js';
import { type ClockState, readClock } from './clocks.js';
import type { Instant } from './model.js';

export type SlaBucket = 'on_time' | 'due_soon' | 'due_today' | 'overdue';
/** "Due soon": due within this many business days (after today). */
export const DUE_SOON_BUSINESS_DAYS = 2;

/** The bucket of a running clock now; null for a clock that is paused, stopped or expired. */
export function slaBucket(calendar: BusinessCalendar, clock: ClockState, now: Instant): SlaBucket | null {
  const reading = readClock(calendar, clock, now);
  switch (reading.kind) {
    case 'overdue':
      return 'overdue';
    case 'due_today':
      return 'due_today';
    case 'running':
      return reading.businessDaysLeft <= DUE_SOON_BUSINESS_DAYS ? 'due_soon' : 'on_time';
    default:
      return null;
  }
}

/**
 * The same buckets as due-time boundaries: overdue when dueAt <= now; due today when
 * dueAt <= endOfToday (the next local midnight); due soon when dueAt <= soonUntil; on time after.
 */
export function slaBoundaries(calendar: BusinessCalendar, now: Instant): { endOfToday: Instant; soonUntil: Instant } {
  const endOfToday = calendar.local(now).startOf('day').plus({ days: 1 }).toUTC().toISO()!;
  return { endOfToday, soonUntil: calendar.addBusinessDays(now, DUE_SOON_BUSINESS_DAYS) };
}
