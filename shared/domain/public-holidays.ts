// The public holidays of a country (and region) from date-holidays, and the business calendar built
// on them: what the claims service and the engine use. The library carries every country's data
// (about 1.4 MB of code with its lunar and solar calendars), so the renderer does not import this
// file: it builds its calendar from the list the engine sends with the session (.dependency-cruiser.cjs).
import Holidays from 'date-holidays';
import { BusinessCalendar, CalendarConfig, DEFAULT_CALENDAR, type Holiday, type PublicHolidays } from './calendar.js';

export function publicHolidaysOf(input: CalendarConfig): PublicHolidays {
  const config = CalendarConfig.parse(input);
  const holidays = config.region ? new Holidays(config.country, config.region, { types: ['public'] }) : new Holidays(config.country, { types: ['public'] });
  return (year) => holidays.getHolidays(year).filter((h) => h.type === 'public').map((h): Holiday => ({ date: h.date.slice(0, 10), name: h.name }));
}

/** The deployment's business calendar with its country's public holidays. */
export function calendarOf(config: CalendarConfig = DEFAULT_CALENDAR): BusinessCalendar {
  return new BusinessCalendar(config, publicHolidaysOf(config));
}

/**
 * The public holidays the engine sends the renderer with the session (listedHolidays builds its
 * calendar from them): five years either side of now, more than any clock a claim runs needs.
 */
export function publicHolidayList(config: CalendarConfig, now: Date): Holiday[] {
  const source = publicHolidaysOf(config);
  const year = now.getUTCFullYear();
  const list: Holiday[] = [];
  for (let y = year - 5; y <= year + 5; y++) list.push(...source(y));
  return list;
}
