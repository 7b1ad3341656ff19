// The SLA column reads the domain's clock reading; colour follows the words.
import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../../shared/domain/public-holidays.js';
import { createI18n, clockReadingText } from '../../../shared/i18n/index.js';
import { slaOfDeadline } from '../../../renderer/queue/sla.js';

const calendar = calendarOf({ zone: 'Europe/Prague', country: 'CZ' });
const { t } = createI18n('en');
// Wednesday 25 November 2026, 10:00 in Prague.
const now = '2026-11-25T09:00:00.000Z';

describe('slaOfDeadline', () => {
  it.each([
    ['2026-11-30T07:00:00.000Z', '3 business days left', 'on_track'],
    ['2026-11-26T07:00:00.000Z', '1 business day left', 'due_soon'],
    ['2026-11-25T16:00:00.000Z', 'Due today', 'due_soon'],
    ['2026-11-23T08:00:00.000Z', 'Overdue 2 business days', 'overdue'],
  ])('due %s reads "%s" (%s)', (dueAt, text, severity) => {
    const sla = slaOfDeadline(calendar, { clock: 'review_sla', dueAt }, now);
    expect(clockReadingText(t, sla.reading, sla.unit)).toBe(text);
    expect(sla.severity).toBe(severity);
  });

  it('counts calendar days for the consent window', () => {
    const sla = slaOfDeadline(calendar, { clock: 'customer_consent', dueAt: '2026-11-30T09:00:00.000Z' }, now);
    expect(sla.unit).toBe('calendar_days');
    expect(clockReadingText(t, sla.reading, sla.unit)).toBe('5 days left');
  });
});
