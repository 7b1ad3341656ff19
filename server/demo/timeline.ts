// Picking believable instants for a claim's story, relative to the dataset's `now`: people act on
// business days in office hours, in order, and the one action a scenario is about is placed so that
// its clock reads the way the scenario wants at `now` (due today, overdue...). Whether a clock
// reads so is asked of shared/domain (startClock, readClock), never recomputed here.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import { type ClockName, type ClockReading, readClock, startClock } from '../../shared/domain/clocks.js';
import type { Instant } from '../../shared/domain/model.js';
import type { Random } from './random.js';

const DAY_START = 8 * 60;
const DAY_END = 17 * 60 + 45;
const MINUTE = 60_000;
const DAY_MS = 86_400_000;

export class Timeline {
  private readonly noons = new Map<string, number>();

  constructor(
    readonly calendar: BusinessCalendar,
    readonly now: Instant,
    private readonly random: Random,
  ) {}

  /** Local wall time on a local date, as an instant. */
  at(date: string, minuteOfDay: number): Instant {
    // Office hours never straddle a daylight-saving switch (those happen at night): one zone
    // lookup at noon serves the whole day, which keeps planning 300 claims fast.
    let noon = this.noons.get(date);
    if (noon === undefined) {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      noon = DateTime.fromObject({ year, month, day, hour: 12 }, { zone: this.calendar.zone }).toMillis();
      this.noons.set(date, noon);
    }
    return new Date(noon + (minuteOfDay - 12 * 60) * MINUTE).toISOString();
  }

  /** The business day `count` business days before (negative: after) `date`; 0 is `date` itself if it is one. */
  businessDay(date: string, count: number): string {
    const step = count >= 0 ? -DAY_MS : DAY_MS;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    let day = Date.parse(`${date}T00:00:00Z`);
    while (!this.calendar.isBusinessDay(iso(day))) day += step;
    for (let n = Math.abs(count); n > 0; ) {
      day += step;
      if (this.calendar.isBusinessDay(iso(day))) n--;
    }
    return iso(day);
  }

  /** An office-hours instant `minDays`..`maxDays` business days before `t`, strictly earlier. */
  before(t: Instant, minDays: number, maxDays: number): Instant {
    for (let days = this.random.int(minDays, maxDays); ; days++) {
      const candidate = this.at(this.businessDay(this.calendar.localDate(t), days), this.officeMinute());
      if (candidate < t) return candidate;
      // Same day but later than `t`: an earlier slot that day, if there is one.
      const earliest = this.at(this.businessDay(this.calendar.localDate(t), days), DAY_START);
      if (earliest < t) return this.between(earliest, t);
    }
  }

  /**
   * An office-hours instant `minDays`..`maxDays` business days after `t`, strictly between `t` and
   * `limit`; if that is too late, somewhere in the first 70% of the time left (so that a later step
   * still finds room before `limit`).
   */
  after(t: Instant, minDays: number, maxDays: number, limit: Instant = this.now): Instant {
    const candidate = this.at(this.businessDay(this.calendar.localDate(t), -this.random.int(minDays, maxDays)), this.officeMinute());
    if (candidate > t && candidate < limit) return candidate;
    return this.between(t, new Date(Date.parse(t) + Math.ceil((Date.parse(limit) - Date.parse(t)) * 0.7)).toISOString());
  }

  /** A few minutes after `t` (an upload right after creating the claim), before `limit`. */
  minutesAfter(t: Instant, min: number, max: number, limit: Instant = this.now): Instant {
    const candidate = plusMinutes(t, this.random.int(min, max));
    return candidate < limit ? candidate : this.between(t, new Date(Date.parse(t) + Math.ceil((Date.parse(limit) - Date.parse(t)) * 0.7)).toISOString());
  }

  /**
   * When to start `clock` so that at `now` it reads as the first of `kinds` that is possible (and
   * passes `accept`): e.g. ['due_today', 'running'] when `now` might fall on a weekend. Candidates
   * are office-hours instants `back[0]`..`back[1]` business days before now.
   */
  anchor(clock: ClockName, kinds: readonly ClockReading['kind'][], back: readonly [number, number], accept: (r: ClockReading) => boolean = () => true): Instant {
    const today = this.calendar.localDate(this.now);
    const latest = plusMinutes(this.now, -5);
    const slots: [number, number][] = [];
    for (let days = back[0]; days <= back[1]; days++) for (let minute = DAY_START; minute <= DAY_END; minute += 15) slots.push([days, minute]);
    // Candidates in random order, each read only when tried (reading a clock costs a zone lookup).
    const candidates = this.random.shuffle(slots).map(([days, minute]) => ({ days, minute: minute + this.random.int(0, 14), reading: undefined as ClockReading | undefined }));
    for (const kind of kinds) {
      for (const candidate of candidates) {
        const t = this.at(this.businessDay(today, candidate.days), candidate.minute);
        if (t >= latest) continue;
        candidate.reading ??= readClock(this.calendar, startClock(this.calendar, clock, t), this.now);
        if (candidate.reading.kind === kind && accept(candidate.reading)) return t;
      }
    }
    throw new Error(`no start in ${back[0]}..${back[1]} business days before ${this.now} makes ${clock} read ${kinds.join(' or ')}`);
  }

  /** A random instant strictly between two instants, to the second where there is room. */
  between(from: Instant, to: Instant): Instant {
    const a = Date.parse(from);
    const b = Date.parse(to);
    if (b - a < 2) throw new Error(`no room between ${from} and ${to}`);
    const t = a + 1 + Math.floor(this.random.next() * (b - a - 1));
    const second = Math.ceil(t / 1000) * 1000;
    return new Date(second < b ? second : t).toISOString();
  }

  private officeMinute(): number {
    return this.random.int(DAY_START, DAY_END);
  }
}

export function plusMinutes(t: Instant, minutes: number): Instant {
  return new Date(Date.parse(t) + minutes * MINUTE).toISOString();
}
