// Days as the user reads and types them in the desk's language, whatever the browser's locale.
import { describe, expect, it } from 'vitest';
import { formatDay, formatShortDay, parseDay } from '../../../renderer/format/day.js';

describe('formatDay', () => {
  it('writes Czech as d. M. yyyy and English as dd/MM/yyyy', () => {
    expect(formatDay('2026-11-03', 'cs')).toBe('3. 11. 2026');
    expect(formatDay('2026-11-03', 'en')).toBe('03/11/2026');
  });

  it('writes a chart axis’s day without its year', () => {
    expect(formatShortDay('2026-11-03', 'cs')).toBe('3. 11.');
    expect(formatShortDay('2026-11-03', 'en')).toBe('03/11');
  });

  it('writes nothing for no day or one that is not a day', () => {
    expect(formatDay('', 'cs')).toBe('');
    expect(formatDay('2026-02-30', 'en')).toBe('');
  });
});

describe('parseDay', () => {
  it.each([
    ['3. 11. 2026', 'cs', '2026-11-03'],
    ['03.11.2026', 'cs', '2026-11-03'],
    [' 3 .11. 2026 ', 'cs', '2026-11-03'],
    ['03/11/2026', 'en', '2026-11-03'],
    ['3/11/2026', 'en', '2026-11-03'],
    ['2026-11-03', 'cs', '2026-11-03'],
    ['2026-11-03', 'en', '2026-11-03'],
  ] as const)('reads "%s" (%s) as %s', (text, locale, iso) => {
    expect(parseDay(text, locale)).toBe(iso);
  });

  it.each([
    ['11/03/2026', 'cs'],
    ['3. 11. 2026', 'en'],
    ['30. 2. 2026', 'cs'],
    ['13/13/2026', 'en'],
    ['3. 11. 26', 'cs'],
    ['3. 11.', 'cs'],
    ['', 'en'],
    ['yesterday', 'en'],
  ] as const)('refuses "%s" (%s)', (text, locale) => {
    expect(parseDay(text, locale)).toBeNull();
  });

  it('reads back what it writes', () => {
    for (const locale of ['cs', 'en'] as const) expect(parseDay(formatDay('2027-01-09', locale), locale)).toBe('2027-01-09');
  });
});
