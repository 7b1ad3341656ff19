// A calendar day as a user reads and types it, in the language they chose for the desk (not the
// machine's or the browser's: a date input shows mm/dd/yyyy to a Czech lead on an American-English
// Chromium): Czech "3. 11. 2026", English (British, as the desk's other dates) "03/11/2026". Days
// are ISO dates (yyyy-MM-dd) everywhere else.
import { DateTime } from 'luxon';
import type { Locale } from '../../shared/i18n/index.js';

const SHOWN: Record<Locale, string> = { cs: 'd. M. yyyy', en: 'dd/MM/yyyy' };
/** A day of a chart's axis, whose year the period names: "3. 11.", "03/11". */
const SHORT: Record<Locale, string> = { cs: 'd. M.', en: 'dd/MM' };
/** What separates day, month and year when typed; spaces around it do not matter. */
const SEPARATOR: Record<Locale, string> = { cs: '.', en: '/' };
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO day as the user reads it ('' for none or one that is not a day). */
export function formatDay(iso: string, locale: Locale): string {
  const day = DateTime.fromISO(iso);
  return iso && day.isValid ? day.toFormat(SHOWN[locale]) : '';
}

/** The ISO day without its year, for a chart's axis. */
export function formatShortDay(iso: string, locale: Locale): string {
  const day = DateTime.fromISO(iso);
  return day.isValid ? day.toFormat(SHORT[locale]) : iso;
}

/**
 * What the user typed as an ISO day: day, month and a four-digit year in their language's order
 * and separator (leading zeros and spaces optional), or an ISO day (pasted). Null when it is none.
 */
export function parseDay(text: string, locale: Locale): string | null {
  const typed = text.trim();
  const iso = ISO_DAY.exec(typed);
  const parts = iso ? [iso[3], iso[2], iso[1]] : typed.split(SEPARATOR[locale]).map((p) => p.trim());
  if (parts.length !== 3 || !parts.every((p) => p !== undefined && /^\d+$/.test(p)) || parts[2]!.length !== 4) return null;
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const date = DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toISODate() : null;
}
