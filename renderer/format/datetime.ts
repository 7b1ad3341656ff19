// Dates and times as reviewers read them: always in the deployment's time zone (the calendar's),
// never the machine's, with the zone named where a deadline is shown.
import type { Locale } from '../../shared/i18n/index.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale === 'cs' ? 'cs-CZ' : 'en-GB', { timeZone: zone, ...options })));
  return f;
}

export type InstantStyle = 'deadline' | 'dateTime' | 'date' | 'time';

const STYLES: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  // "Thu 27 Nov 2026, 17:00 CET": a deadline names its weekday and zone.
  deadline: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
};

export function formatInstant(iso: string, locale: Locale, zone: string, style: InstantStyle = 'dateTime'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatter(locale, zone, STYLES[style]).format(ms);
}

/** Time only when it is today in the zone, date and time otherwise ("10:42" / "3 Nov 2026, 10:42"). */
export function formatRecent(iso: string, now: string, locale: Locale, zone: string): string {
  const day = (at: string) => formatter(locale, zone, STYLES.date).format(Date.parse(at));
  return formatInstant(iso, locale, zone, day(iso) === day(now) ? 'time' : 'dateTime');
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
