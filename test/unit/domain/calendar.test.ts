// Business days (spec "Clocks": Monday to Friday minus the holidays of a configurable calendar) and
// how a clock reads on a given day. Times are written as wall-clock times in the calendar's zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, expireClock, pauseClock, readClock, startClock, stopClock } from '../../../shared/domain/index.js';
import { listedHolidays } from '../../../shared/domain/calendar.js';
import { calendarOf, publicHolidayList } from '../../../shared/domain/public-holidays.js';
import { calendar as cz, DAY, local, plusMs, wall } from './fixtures.js';

const NY = 'America/New_York';
const us = calendarOf({ zone: NY, country: 'US' });
const at = (w: string) => local(w);
const ny = (w: string) => local(w, NY);

/** Add business days to a Prague wall time and read the result as a Prague wall time. */
const addCz = (from: string, days: number) => wall(cz.addBusinessDays(at(from), days));
const addUs = (from: string, days: number) => wall(us.addBusinessDays(ny(from), days), NY);

describe('BusinessCalendar', () => {
  describe('weekends', () => {
    it.each([
      ['2026-03-06T15:00', 1, '2026-03-09T15:00', 'Friday + 1 = Monday, same time'],
      ['2026-03-06T15:00', 5, '2026-03-13T15:00', 'Friday + 5 = next Friday'],
      ['2026-03-02T09:30', 10, '2026-03-16T09:30', 'two weeks'],
      ['2026-03-04T23:59', 3, '2026-03-09T23:59', 'late Wednesday + 3 = Monday'],
    ])('%s + %d business days = %s (%s)', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });

    it.each([
      ['2026-03-06', true],
      ['2026-03-07', false],
      ['2026-03-08', false],
      ['2026-03-09', true],
    ])('%s is a business day: %s', (date, business) => {
      expect(cz.isBusinessDay(date)).toBe(business);
    });

    it.each([
      ['2026-03-06T12:00', '2026-03-09T12:00', 1],
      ['2026-03-07T10:00', '2026-03-08T18:00', 0],
      ['2026-03-06T18:00', '2026-03-07T10:00', 0.25],
      ['2026-03-06T18:00', '2026-03-09T06:00', 0.5],
      ['2026-03-02T09:00', '2026-03-16T09:00', 10],
    ])('between %s and %s: %d business days', (from, to, days) => {
      expect(cz.businessDaysBetween(at(from), at(to))).toBe(days);
      expect(cz.businessDaysBetween(at(to), at(from)) + 0).toBe(-days + 0);
    });
  });

  describe('Czech public holidays (from date-holidays)', () => {
    it('2026: the thirteen days of the Czech holiday law', () => {
      expect(cz.holidaysBetween('2026-01-01', '2026-12-31').map((h) => h.date)).toEqual([
        '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-08', '2026-07-05', '2026-07-06',
        '2026-09-28', '2026-10-28', '2026-11-17', '2026-12-24', '2026-12-25', '2026-12-26',
      ]);
    });

    it.each(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-08', '2026-07-06', '2026-09-28', '2026-10-28', '2026-11-17', '2026-12-24', '2026-12-25'])(
      '%s (a weekday) is not a business day',
      (date) => {
        expect(cz.isBusinessDay(date)).toBe(false);
      },
    );

    it.each([
      ['2026-12-23T10:00', 1, '2026-12-28T10:00', 'Christmas: 24 and 25 Dec, then the weekend (26 Dec is a Saturday)'],
      ['2027-12-23T10:00', 1, '2027-12-27T10:00', 'Christmas 2027: 24 Dec a Friday, 25-26 a weekend'],
      ['2026-04-02T10:00', 1, '2026-04-07T10:00', 'Easter 2026: Good Friday and Easter Monday'],
      ['2027-03-25T10:00', 1, '2027-03-30T10:00', 'Easter 2027 (also the change to summer time)'],
      ['2026-04-30T10:00', 2, '2026-05-05T10:00', 'Labour Day, Friday 1 May'],
      ['2026-10-27T10:00', 1, '2026-10-29T10:00', 'Statehood Day, Wednesday 28 October'],
      ['2026-11-16T10:00', 1, '2026-11-18T10:00', 'Freedom and Democracy Day, Tuesday 17 November'],
      ['2026-07-03T10:00', 1, '2026-07-07T10:00', 'Jan Hus Day, Monday 6 July'],
    ])('%s + %d = %s (%s)', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });

    it('a holiday counts for nothing between two instants', () => {
      expect(cz.businessDaysBetween(at('2026-04-02T10:00'), at('2026-04-07T10:00'))).toBe(1);
    });
  });

  describe('extra closures and worked holidays from the configuration', () => {
    const custom = calendarOf({ zone: 'Europe/Prague', country: 'CZ', extraClosures: ['2026-12-31', '2027-01-04', '2026-03-07'], workedHolidays: ['2026-12-24'] });

    it('closure days are not business days; worked holidays are', () => {
      expect(custom.isBusinessDay('2026-12-31')).toBe(false);
      expect(custom.isBusinessDay('2027-01-04')).toBe(false);
      expect(custom.isBusinessDay('2026-12-24')).toBe(true);
      expect(cz.isBusinessDay('2026-12-31')).toBe(true); // the default calendar is untouched
    });

    it.each([
      ['2026-12-23T10:00', 1, '2026-12-24T10:00', 'Christmas Eve worked'],
      ['2026-12-24T10:00', 1, '2026-12-28T10:00', 'then 25 Dec and the weekend'],
      ['2026-12-30T10:00', 1, '2027-01-05T10:00', '31 Dec closed, New Year, weekend, 4 Jan closed'],
      ['2026-03-06T10:00', 1, '2026-03-09T10:00', 'a closure on a Saturday changes nothing'],
    ])('%s + %d = %s (%s)', (from, days, to) => {
      expect(wall(custom.addBusinessDays(at(from), days))).toBe(to);
    });

    it('holidaysBetween lists closures with the public holidays, without the worked ones, across the year end', () => {
      expect(custom.holidaysBetween('2026-12-20', '2027-01-10')).toEqual([
        { date: '2026-12-25', name: '1. svátek vánoční' },
        { date: '2026-12-26', name: '2. svátek vánoční' },
        { date: '2026-12-31', name: 'closure' },
        { date: '2027-01-01', name: 'Nový rok a Den obnovy samostatného českého státu' },
        { date: '2027-01-04', name: 'closure' },
      ]);
    });

    it.each([
      [{ zone: 'Mars/Olympus_Mons', country: 'CZ' }],
      [{ zone: 'Europe/Prague', country: 'cz' }],
      [{ zone: 'Europe/Prague', country: 'CZ', extraClosures: ['2026-13-01'] }],
      [{ zone: 'Europe/Prague', country: 'CZ', workedHolidays: ['24.12.2026'] }],
    ])('an invalid configuration is refused: %o', (config) => {
      expect(() => calendarOf(config)).toThrow();
    });
  });

  describe('DST in Europe/Prague keeps the wall-clock time', () => {
    it('across the last Sunday of March (CET -> CEST)', () => {
      const from = at('2026-03-27T10:00');
      const to = cz.addBusinessDays(from, 1);
      expect([from, to]).toEqual(['2026-03-27T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
      expect(cz.businessDaysBetween(from, to)).toBe(1);
    });

    it('across the last Sunday of October (CEST -> CET)', () => {
      const from = at('2026-10-23T10:00');
      const to = cz.addBusinessDays(from, 1);
      expect([from, to]).toEqual(['2026-10-23T08:00:00.000Z', '2026-10-26T09:00:00.000Z']);
      expect(cz.businessDaysBetween(from, to)).toBe(1);
      expect(addCz('2026-10-23T10:00', 5)).toBe('2026-11-02T10:00'); // and 28 October is a holiday
    });

    it('fractions of a day across the change', () => {
      expect(addCz('2026-03-27T18:00', 0.5)).toBe('2026-03-30T06:00');
      expect(addCz('2026-10-23T18:00', 0.5)).toBe('2026-10-26T06:00');
    });

    it('calendar days keep the wall-clock time too', () => {
      expect(wall(cz.addCalendarDays(at('2026-03-25T10:00'), 7))).toBe('2026-04-01T10:00');
      expect(wall(cz.addCalendarDays(at('2026-10-20T10:00'), 30))).toBe('2026-11-19T10:00');
      expect(cz.addCalendarDays(at('2026-03-25T10:00'), 7)).toBe('2026-04-01T08:00:00.000Z');
    });

    it('the local date follows the zone offset of the day', () => {
      expect(cz.localDate('2026-03-28T23:30:00.000Z')).toBe('2026-03-29'); // 00:30 CET
      expect(cz.localDate('2026-03-29T22:30:00.000Z')).toBe('2026-03-30'); // 00:30 CEST
      expect(cz.localDate('2026-03-29T21:30:00.000Z')).toBe('2026-03-29'); // 23:30 CEST
      expect(cz.localDate('2026-10-25T22:30:00.000Z')).toBe('2026-10-25'); // 23:30 CET
    });
  });

  describe('year ends', () => {
    it.each([
      ['2026-12-31T10:00', 1, '2027-01-04T10:00', 'New Year\'s Day is a Friday'],
      ['2026-12-31T10:00', 5, '2027-01-08T10:00', 'a week into the new year'],
      ['2026-12-30T10:00', 2, '2027-01-04T10:00', ''],
      ['2026-12-22T16:00', 5, '2026-12-31T16:00', 'over Christmas'],
      ['2026-12-22T16:00', 6, '2027-01-04T16:00', 'over Christmas and New Year'],
    ])('%s + %d = %s %s', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });

    it('counts back across the year end', () => {
      expect(cz.businessDaysBetween(at('2026-12-22T16:00'), at('2027-01-04T16:00'))).toBe(6);
    });
  });

  describe('a deadline on a day boundary is the end (24:00) of the last business day', () => {
    it.each([
      ['2026-03-02T00:00', 5, '2026-03-07T00:00', 'from Monday 00:00: the end of Friday, not Monday'],
      ['2026-03-05T00:00', 1, '2026-03-06T00:00', 'the end of Thursday'],
      ['2026-04-02T00:00', 1, '2026-04-03T00:00', 'the end of Thursday before Good Friday, not Tuesday'],
      ['2026-12-23T00:00', 1, '2026-12-24T00:00', 'the end of 23 December'],
      ['2026-12-31T00:00', 1, '2027-01-01T00:00', 'the end of the year'],
      ['2026-03-05T12:00', 1.5, '2026-03-07T00:00', 'Thursday noon + 1.5: the end of Friday'],
    ])('%s + %d = %s (%s)', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });

    it('the end of Friday is still Friday for the clock reading (due today, not Monday)', () => {
      const clock = { ...startClock(cz, 'review_sla', at('2026-03-02T00:00')) };
      expect(clock.dueAt).toBe(at('2026-03-07T00:00'));
      expect(readClock(cz, clock, at('2026-03-06T09:00'))).toEqual({ kind: 'due_today', dueAt: clock.dueAt });
      expect(readClock(cz, clock, at('2026-03-06T23:59'))).toEqual({ kind: 'due_today', dueAt: clock.dueAt });
      expect(readClock(cz, clock, at('2026-03-07T00:00')).kind).toBe('overdue');
    });
  });

  describe('starts on a weekend or holiday count from the next business day', () => {
    it.each([
      ['2026-03-07T10:00', 1, '2026-03-10T00:00', 'Saturday + 1: the end of Monday'],
      ['2026-03-08T23:59', 5, '2026-03-14T00:00', 'Sunday + 5: the end of Friday'],
      ['2026-05-01T10:00', 1, '2026-05-05T00:00', 'Labour Day (a Friday) + 1: the end of Monday'],
      ['2026-04-05T10:00', 1, '2026-04-08T00:00', 'Easter Sunday + 1: Easter Monday is closed too'],
      ['2027-01-01T10:00', 1, '2027-01-05T00:00', 'New Year\'s Day + 1: the end of Monday 4 January'],
      ['2026-03-08T10:00', 0.5, '2026-03-09T12:00', 'Sunday + 0.5: Monday noon'],
    ])('%s + %d = %s (%s)', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });
  });

  describe('fractional days', () => {
    it.each([
      ['2026-03-02T10:00', 0.5, '2026-03-02T22:00'],
      ['2026-03-02T10:00', 0.25, '2026-03-02T16:00'],
      ['2026-03-06T18:00', 0.5, '2026-03-09T06:00'],
      ['2026-03-02T10:00', 2.75, '2026-03-05T04:00'],
      ['2026-03-02T10:00', 0, '2026-03-02T10:00'],
    ])('%s + %d = %s', (from, days, to) => {
      expect(addCz(from, days)).toBe(to);
    });

    it('between returns fractions, negative backwards', () => {
      expect(cz.businessDaysBetween(at('2026-03-02T10:00'), at('2026-03-02T22:00'))).toBe(0.5);
      expect(cz.businessDaysBetween(at('2026-03-02T22:00'), at('2026-03-02T10:00'))).toBe(-0.5);
    });

    it.each([-1, -0.001, Number.NaN])('refuses %d days', (days) => {
      expect(() => cz.addBusinessDays(at('2026-03-02T10:00'), days)).toThrow(RangeError);
    });
  });

  describe('another zone and country: America/New_York with US federal holidays', () => {
    it.each([
      ['2026-07-02T10:00', 1, '2026-07-06T10:00', 'Independence Day observed on Friday 3 July'],
      ['2026-11-25T10:00', 1, '2026-11-27T10:00', 'Thanksgiving'],
      ['2026-01-16T10:00', 1, '2026-01-20T10:00', 'Martin Luther King Jr. Day'],
      ['2026-12-24T10:00', 1, '2026-12-28T10:00', 'Christmas Day; Christmas Eve is worked'],
      ['2026-10-27T10:00', 1, '2026-10-28T10:00', 'the Czech 28 October is a working day here'],
    ])('%s + %d = %s (%s)', (from, days, to) => {
      expect(addUs(from, days)).toBe(to);
    });

    it('the US changes to summer time on the second Sunday of March, weeks before Prague', () => {
      const from = ny('2026-03-06T10:00');
      const to = us.addBusinessDays(from, 1);
      expect([from, to]).toEqual(['2026-03-06T15:00:00.000Z', '2026-03-09T14:00:00.000Z']);
      // The same instants in Prague: still CET on both days.
      expect([wall(from), wall(to)]).toEqual(['2026-03-06T16:00', '2026-03-09T15:00']);
    });

    it('and back on the first Sunday of November', () => {
      expect(addUs('2026-10-30T10:00', 1)).toBe('2026-11-02T10:00');
    });

    it('US holidays are not Czech holidays and the other way round', () => {
      expect(us.isBusinessDay('2026-07-03')).toBe(false);
      expect(cz.isBusinessDay('2026-07-03')).toBe(true);
      expect(us.isBusinessDay('2026-12-24')).toBe(true);
      expect(cz.isBusinessDay('2026-12-24')).toBe(false);
    });

    it('the local date is the zone\'s', () => {
      expect(us.localDate('2026-03-02T03:00:00.000Z')).toBe('2026-03-01');
      expect(cz.localDate('2026-03-02T03:00:00.000Z')).toBe('2026-03-02');
    });

    it('a clock started in New York is stored with its zone', () => {
      expect(startClock(us, 'review_sla', ny('2026-07-02T10:00'))).toMatchObject({ zone: NY, dueAt: ny('2026-07-10T10:00') });
    });
  });

  describe('properties (random instants in 2026-2028, both calendars)', () => {
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
    const days = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 30, noNaN: true }).map((d) => Math.round(d * DAY) / DAY));
    const calendars = fc.constantFrom(cz, us);

    it('businessDaysBetween(x, addBusinessDays(x, d)) = d', () => {
      fc.assert(
        fc.property(calendars, instant, days, (cal, x, d) => {
          expect(cal.businessDaysBetween(x, cal.addBusinessDays(x, d))).toBeCloseTo(d, 9);
        }),
        { numRuns: 300 },
      );
    });

    it('a deadline (d > 0) lies in a business day or at the 24:00 end of one', () => {
      fc.assert(
        fc.property(calendars, instant, days.filter((d) => d > 0), (cal, x, d) => {
          const due = cal.addBusinessDays(x, d);
          expect(due > x).toBe(true);
          expect(cal.isBusinessDay(cal.localDate(plusMs(due, -1)))).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('more business days never give an earlier deadline', () => {
      fc.assert(
        fc.property(calendars, instant, days, days, (cal, x, d1, d2) => {
          const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(cal.addBusinessDays(x, a) <= cal.addBusinessDays(x, b)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('whole business days from a business-day time keep the wall-clock time', () => {
      fc.assert(
        fc.property(calendars, instant, fc.integer({ min: 1, max: 30 }), (cal, x, d) => {
          fc.pre(cal.isBusinessDay(cal.localDate(x)));
          const zone = cal.zone;
          const time = (i: string) => wall(i, zone).slice(11);
          const due = cal.addBusinessDays(x, d);
          if (time(x) === '00:00') expect(time(due)).toBe('00:00'); // the 24:00 end of the last day
          else expect(time(due)).toBe(time(x));
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('readClock', () => {
  const clock = startClock(cz, 'review_sla', at('2026-03-02T10:00')); // due Monday 9 March 10:00

  it('running: business and calendar days left', () => {
    expect(clock.dueAt).toBe(at('2026-03-09T10:00'));
    expect(readClock(cz, clock, at('2026-03-03T10:00'))).toEqual({ kind: 'running', dueAt: clock.dueAt, businessDaysLeft: 4, calendarDaysLeft: 6 });
    // Friday afternoon: 8 hours of Friday and 10 of Monday left, i.e. part of one business day; three calendar days.
    expect(readClock(cz, clock, at('2026-03-06T16:00'))).toEqual({ kind: 'running', dueAt: clock.dueAt, businessDaysLeft: 1, calendarDaysLeft: 3 });
    // Read on the weekend.
    expect(readClock(cz, clock, at('2026-03-07T12:00'))).toMatchObject({ kind: 'running', businessDaysLeft: 1 });
  });

  it('due today: from the start of the due day until the due time', () => {
    expect(readClock(cz, clock, at('2026-03-09T00:00'))).toEqual({ kind: 'due_today', dueAt: clock.dueAt });
    expect(readClock(cz, clock, at('2026-03-09T09:59'))).toEqual({ kind: 'due_today', dueAt: clock.dueAt });
  });

  it('overdue: from the due time on, in whole business days', () => {
    expect(readClock(cz, clock, at('2026-03-09T10:00'))).toEqual({ kind: 'overdue', dueAt: clock.dueAt, businessDaysOverdue: 0 });
    expect(readClock(cz, clock, at('2026-03-10T11:00'))).toEqual({ kind: 'overdue', dueAt: clock.dueAt, businessDaysOverdue: 1 });
    // A weekend does not add to it: Monday 10:00 to the next Monday 10:00 is 5.
    expect(readClock(cz, clock, at('2026-03-16T10:00'))).toMatchObject({ kind: 'overdue', businessDaysOverdue: 5 });
    expect(readClock(cz, clock, at('2026-03-14T10:00'))).toMatchObject({ kind: 'overdue', businessDaysOverdue: 4 });
  });

  it('overdue across a holiday', () => {
    const c = startClock(cz, 'review_sla', at('2026-03-26T10:00')); // due Thursday 2 April 10:00
    expect(c.dueAt).toBe(at('2026-04-02T10:00'));
    expect(readClock(cz, c, at('2026-04-07T10:00'))).toMatchObject({ kind: 'overdue', businessDaysOverdue: 1 });
  });

  it('paused: since when', () => {
    const paused = pauseClock(clock, at('2026-03-04T12:00'))!;
    expect(readClock(cz, paused, at('2026-03-20T12:00'))).toEqual({ kind: 'paused', since: at('2026-03-04T12:00') });
  });

  it('stopped: met when stopped by the due time, missed after', () => {
    expect(readClock(cz, stopClock(clock, at('2026-03-09T09:00'))!, at('2026-03-20T12:00'))).toEqual({ kind: 'stopped', at: at('2026-03-09T09:00'), met: true });
    expect(readClock(cz, stopClock(clock, at('2026-03-09T10:00'))!, at('2026-03-20T12:00'))).toEqual({ kind: 'stopped', at: at('2026-03-09T10:00'), met: true });
    expect(readClock(cz, stopClock(clock, at('2026-03-09T10:01'))!, at('2026-03-20T12:00'))).toEqual({ kind: 'stopped', at: at('2026-03-09T10:01'), met: false });
  });

  it('expired (a window the timer closed): when', () => {
    const consent = startClock(cz, 'customer_consent', at('2026-03-02T10:00'));
    expect(readClock(cz, expireClock(consent, consent.dueAt)!, at('2026-03-20T12:00'))).toEqual({ kind: 'expired', at: consent.dueAt });
  });

  it('a stopped or expired clock is not started or paused again by mistake', () => {
    const stopped = stopClock(clock, at('2026-03-03T10:00'))!;
    expect(pauseClock(stopped, at('2026-03-04T10:00'))).toBe(stopped);
    expect(stopClock(stopped, at('2026-03-05T10:00'))).toBe(stopped);
    expect(expireClock(stopped, at('2026-03-05T10:00'))).toBe(stopped);
  });
});

describe('the renderer’s calendar, built from the holidays the engine sends', () => {
  it('counts the same business days as the engine’s, deployment adjustments included, over the years sent', () => {
    const config = { zone: 'Europe/Prague', country: 'CZ', extraClosures: ['2026-12-31'], workedHolidays: ['2026-12-24'] };
    const engine = calendarOf(config);
    const renderer = new BusinessCalendar(config, listedHolidays(publicHolidayList(config, new Date('2026-12-02T10:00:00Z'))));
    for (const from of ['2021-01-01', '2026-01-01', '2031-01-01']) {
      const to = `${from.slice(0, 4)}-12-31`;
      expect(renderer.holidaysBetween(from, to)).toEqual(engine.holidaysBetween(from, to));
    }
    expect(renderer.holidaysBetween('2026-12-20', '2026-12-31').map((h) => h.date)).toEqual(['2026-12-25', '2026-12-26', '2026-12-31']);
    expect(renderer.addBusinessDays(at('2026-12-22T15:00'), 3)).toBe(engine.addBusinessDays(at('2026-12-22T15:00'), 3));
  });
});
