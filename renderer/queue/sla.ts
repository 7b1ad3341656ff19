// How a deadline reads in the queue and the claim header: the domain's reading (readClock) plus a
// severity for colour. The words always carry the meaning; colour only repeats it.
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import { CLOCK_RULES, type ClockName, type ClockReading, type ClockState, readClock } from '../../shared/domain/clocks.js';

export type Severity = 'overdue' | 'due_soon' | 'on_track' | 'inactive';

export interface SlaView {
  reading: ClockReading;
  unit: 'business_days' | 'calendar_days';
  severity: Severity;
}

export function severityOf(reading: ClockReading): Severity {
  switch (reading.kind) {
    case 'overdue':
      return 'overdue';
    case 'due_today':
      return 'due_soon';
    case 'running':
      return reading.businessDaysLeft <= 1 ? 'due_soon' : 'on_track';
    default:
      return 'inactive';
  }
}

export function slaOfClock(calendar: BusinessCalendar, name: ClockName, clock: ClockState, now: string): SlaView {
  const reading = readClock(calendar, clock, now);
  return { reading, unit: CLOCK_RULES[name].unit, severity: severityOf(reading) };
}

/** A queue row carries only its nearest running deadline; read it as the running clock it is. */
export function slaOfDeadline(calendar: BusinessCalendar, deadline: { clock: ClockName; dueAt: string }, now: string): SlaView {
  const clock: ClockState = { state: 'running', startedAt: deadline.dueAt, dueAt: deadline.dueAt, zone: calendar.zone, extendedByBusinessDays: 0 };
  return slaOfClock(calendar, deadline.clock, clock, now);
}
