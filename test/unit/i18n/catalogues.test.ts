// Every status, action, reason, clock and refusal of the domain has an English and a Czech text,
// and the sentences built from domain data read as sentences, not codes.
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES,
  ACTIVITIES,
  CLAIM_STATUSES,
  CLOCK_NAMES,
  GENERAL_ITEMS,
  PAR_REASONS,
  PARTNER_REQUEST_GROUNDS,
  PARTNER_ROLES,
  REFUSAL_CODES,
  REJECTION_REASONS,
  ACTOR_KINDS,
} from '../../../shared/domain/index.js';
import { checklistItemLabel, clockReadingText, createI18n, LOCALES, refusalText } from '../../../shared/i18n/index.js';

const sections: [string, readonly string[]][] = [
  ['status', CLAIM_STATUSES],
  ['action', [...ACTION_NAMES, 'create']],
  ['actor', ACTOR_KINDS],
  ['activity', ACTIVITIES],
  ['partnerRole', PARTNER_ROLES],
  ['parReason', PAR_REASONS],
  ['parReasonHelp', PAR_REASONS],
  ['rejectionReason', REJECTION_REASONS],
  ['partnerRequestGround', PARTNER_REQUEST_GROUNDS],
  ['clock', CLOCK_NAMES],
  ['refusal', REFUSAL_CODES],
  ['checklistItem', GENERAL_ITEMS],
];

describe.each(LOCALES)('%s catalogue', (locale) => {
  const { t } = createI18n(locale);

  it.each(sections)('has a text for every %s', (section, keys) => {
    for (const key of keys) {
      const text = t(`domain:${section}.${key}`);
      expect(text, `${locale} domain:${section}.${key}`).not.toBe(`${section}.${key}`);
      expect(text.trim().length).toBeGreaterThan(0);
    }
  });

  it('turns every refusal into a sentence, never the bare code', () => {
    for (const code of REFUSAL_CODES) {
      const text = refusalText(t, { code, params: { partnerId: '5550001', status: 'in_review', reason: 'partner_request', clock: 'review_sla', action: 'edit', by: 'Jana', byKind: 'partner', at: '2026-11-26T10:00:00.000Z', closedAt: '2026-11-26T10:00:00.000Z', dueAt: '2026-11-26T10:00:00.000Z', items: ['dates'], field: 'customer', name: 'x', max: 20, assignee: 'Jana', actor: 'customer', issues: 'x' } });
      expect(text).not.toBe(code);
      expect(text).not.toMatch(/{{|}}/);
      expect(text).toMatch(/[.!]$/);
    }
  });

  it('labels product checklist items with the product name', () => {
    expect(checklistItemLabel(t, 'product:power-bi')).toContain('Power BI');
  });
});

describe('plurals', () => {
  const reading = (n: number) => ({ kind: 'running' as const, dueAt: '2026-11-30T10:00:00.000Z', businessDaysLeft: n, calendarDaysLeft: n });

  it.each([
    [1, 'zbývá 1 pracovní den'],
    [2, 'zbývají 2 pracovní dny'],
    [4, 'zbývají 4 pracovní dny'],
    [5, 'zbývá 5 pracovních dnů'],
  ])('Czech: %i business days', (n, text) => {
    expect(clockReadingText(createI18n('cs').t, reading(n))).toBe(text);
  });

  it.each([
    [1, '1 business day left'],
    [3, '3 business days left'],
  ])('English: %i business days', (n, text) => {
    expect(clockReadingText(createI18n('en').t, reading(n))).toBe(text);
  });
});

describe('refusal parameters are translated', () => {
  it('shows the Czech status and item names', () => {
    const { t } = createI18n('cs');
    expect(refusalText(t, { code: 'wrong_status', params: { status: 'approved' } })).toBe('Ve stavu Schváleno to není možné.');
    expect(refusalText(t, { code: 'checklist_not_passed', params: { items: ['product:power-bi'] } })).toContain('Produkt doložen: Power BI');
  });

  it('says nobody is assigned when there is no assignee', () => {
    const { t } = createI18n('en');
    expect(refusalText(t, { code: 'not_assigned', params: { assignee: '' } })).toMatch(/not assigned to anyone/);
  });
});
