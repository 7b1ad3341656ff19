// Business days: Monday to Friday minus the public holidays of a configurable calendar (spec:
// "Clocks"). The country's public holidays come from a source given to the calendar (date-holidays
// on the server and in the engine, public-holidays.ts; the list the engine sends in the renderer,
// which so does not carry the library's data for every country), adjusted per deployment; every computation happens in the calendar's named time zone, so a deadline keeps its
// wall-clock time across DST changes and a day is a local calendar day.
//
// Model: a "business clock" maps an instant to a position counted in business days. Time on a
// weekend or holiday does not advance it. Adding N business days to 15:00 on a Friday gives 15:00
// N business days later; a deadline that falls exactly on a day boundary is the end (24:00) of the
// last business day, not the start of the next one, so "due Friday" is never shown as "due Monday".
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Instant } from './model.js';

const IsoDate = z.iso.date();

export const CalendarConfig = z.strictObject({
  /** IANA zone the deployment's deadlines are computed and shown in. */
  zone: z.string().refine((zone) => DateTime.now().setZone(zone).isValid, 'an IANA time zone such as Europe/Prague'),
  /** ISO 3166 country whose public holidays are non-business days. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Optional region (state, canton) of that country. */
  region: z.string().min(1).optional(),
  /** Extra closure days of this deployment (e.g. a company holiday). */
  extraClosures: z.array(IsoDate).default([]),
  /** Public holidays this deployment works anyway. */
  workedHolidays: z.array(IsoDate).default([]),
});
export type CalendarConfig = z.input<typeof CalendarConfig>;

export const DEFAULT_CALENDAR: CalendarConfig = { zone: 'Europe/Prague', country: 'CZ' };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; plain integer arithmetic, no time zone involved. */
function ordinalOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}
function dateOf(ordinal: number): string {
  return new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
}

export interface Holiday {
  date: string;
  name: string;
}

/** The public holidays of the calendar's country (and region) in a year, before the deployment's adjustments. */
export type PublicHolidays = (year: number) => readonly Holiday[];

/** Public holidays from a list (what the engine sends the renderer), for the years the list covers. */
export function listedHolidays(list: readonly Holiday[]): PublicHolidays {
  const byYear = new Map<number, Holiday[]>();
  for (const h of list) {
    const year = Number(h.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), h]);
  }
  return (year) => byYear.get(year) ?? [];
}

export class BusinessCalendar {
  readonly zone: string;
  private readonly config: z.output<typeof CalendarConfig>;
  private readonly closedByYear = new Map<number, Map<string, string>>();
  /** Zone offsets by 15-minute UTC bucket: offsets only change on quarter hours (DST, zone rules). */
  private readonly offsets = new Map<number, number>();
  private readonly businessByOrdinal = new Map<number, boolean>();

  constructor(
    config: CalendarConfig,
    private readonly publicHolidays: PublicHolidays,
  ) {
    this.config = CalendarConfig.parse(config);
    this.zone = this.config.zone;
  }

  /** The non-business days (other than weekends) of a year, with their names. */
  closures(year: number): Map<string, string> {
    let closed = this.closedByYear.get(year);
    if (!closed) {
      closed = new Map();
      for (const h of this.publicHolidays(year)) closed.set(h.date, h.name);
      for (const d of this.config.extraClosures) if (d.startsWith(`${year}-`)) closed.set(d, 'closure');
      for (const d of this.config.workedHolidays) closed.delete(d);
      this.closedByYear.set(year, closed);
    }
    return closed;
  }

  holidaysBetween(fromDate: string, toDate: string): Holiday[] {
    const out: Holiday[] = [];
    for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) {
      for (const [date, name] of this.closures(y)) if (date >= fromDate && date <= toDate) out.push({ date, name });
    }
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }

  isBusinessDay(date: string): boolean {
    return this.isBusinessOrdinal(ordinalOf(date));
  }

  private isBusinessOrdinal(ordinal: number): boolean {
    let business = this.businessByOrdinal.get(ordinal);
    if (business === undefined) {
      const weekday = (ordinal + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      const date = dateOf(ordinal);
      business = weekday !== 0 && weekday !== 6 && !this.closures(Number(date.slice(0, 4))).has(date);
      this.businessByOrdinal.set(ordinal, business);
    }
    return business;
  }

  /** The local calendar date of an instant in this calendar's zone. */
  localDate(at: Instant): string {
    return dateOf(this.wall(at).ordinal);
  }

  local(at: Instant): DateTime {
    return DateTime.fromISO(at, { zone: 'utc' }).setZone(this.zone);
  }

  /** Whole calendar days later at the same local wall-clock time (DST-safe). */
  addCalendarDays(from: Instant, days: number): Instant {
    return this.local(from).plus({ days }).toUTC().toISO()!;
  }

  /** The business days from `from` to `to` (fractional; negative when `to` is earlier). */
  businessDaysBetween(from: Instant, to: Instant): number {
    if (to < from) return -this.businessDaysBetween(to, from);
    const a = this.position(from);
    const b = this.position(to);
    let days = 0;
    for (let o = a.ordinal; o < b.ordinal; o++) if (this.isBusinessOrdinal(o)) days++;
    return (days * DAY_MS + b.ms - a.ms) / DAY_MS;
  }

  /** The instant `days` business days (may be fractional, >= 0) after `from`. */
  addBusinessDays(from: Instant, days: number): Instant {
    if (!(days >= 0)) throw new RangeError(`addBusinessDays needs days >= 0, got ${days}`);
    const start = this.position(from);
    const total = start.ms + Math.round(days * DAY_MS);
    let whole = Math.floor(total / DAY_MS);
    let rest = total - whole * DAY_MS;
    if (rest === 0 && whole > 0) {
      // Exactly on a boundary: the end of the previous business day.
      whole -= 1;
      rest = DAY_MS;
    }
    let ordinal = start.ordinal;
    for (let n = 0; n < whole; ) {
      ordinal++;
      if (this.isBusinessOrdinal(ordinal)) n++;
    }
    return this.atWallTime(dateOf(ordinal), rest);
  }

  /** Where an instant sits on the business clock: a business day and the wall time into it. */
  private position(at: Instant): { ordinal: number; ms: number } {
    const wall = this.wall(at);
    if (this.isBusinessOrdinal(wall.ordinal)) return wall;
    let ordinal = wall.ordinal;
    do ordinal++;
    while (!this.isBusinessOrdinal(ordinal));
    return { ordinal, ms: 0 };
  }

  /**
   * The local calendar day (as an ordinal) and wall-clock time into it, in this zone. This runs for
   * every queue row, so it avoids building a DateTime per call: it asks luxon only for the zone's
   * offset, once per 15-minute bucket.
   */
  private wall(at: Instant): { ordinal: number; ms: number } {
    const utc = Date.parse(at);
    const bucket = Math.floor(utc / 900_000);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      if (this.offsets.size > 100_000) this.offsets.clear();
      offset = DateTime.fromMillis(bucket * 900_000, { zone: this.zone }).offset * 60_000;
      this.offsets.set(bucket, offset);
    }
    const local = utc + offset;
    const ordinal = Math.floor(local / DAY_MS);
    return { ordinal, ms: local - ordinal * DAY_MS };
  }

  private atWallTime(date: string, ms: number): Instant {
    if (ms >= DAY_MS) return DateTime.fromISO(dateOf(ordinalOf(date) + 1), { zone: this.zone }).toUTC().toISO()!;
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const t = DateTime.fromObject(
      { year, month, day, hour: Math.floor(ms / 3_600_000), minute: Math.floor(ms / 60_000) % 60, second: Math.floor(ms / 1000) % 60, millisecond: ms % 1000 },
      { zone: this.zone },
    );
    return t.toUTC().toISO()!;
  }
}
