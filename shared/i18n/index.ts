// shared/i18n: the English and Czech catalogues and the few functions that turn domain data
// (statuses, refusals, clock readings, checklist items) into sentences. i18next does plurals
// (Czech has one/few/many/other) and interpolation; the renderer binds the same instance to React.
import i18next, { type i18n, type TFunction } from 'i18next';
import type { ChecklistKey } from '../domain/checklist.js';
import type { ClockReading } from '../domain/clocks.js';
import { PRODUCTS } from '../domain/products.js';
import type { Refusal } from '../domain/refusal.js';
import { cs } from './cs.js';
import { csUi } from './cs-ui.js';
import { en } from './en.js';
import { enUi } from './en-ui.js';
import { leadCs } from './lead-cs.js';
import { leadEn } from './lead-en.js';

export const LOCALES = ['en', 'cs'] as const;
export type Locale = (typeof LOCALES)[number];

export const resources = {
  en: { domain: en, ui: enUi, lead: leadEn },
  cs: { domain: cs, ui: csUi, lead: leadCs },
} as const;

/** A ready i18next instance for one language (synchronous: the catalogues are bundled). */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    resources,
    ns: ['domain', 'ui', 'lead'],
    defaultNS: 'ui',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export function checklistItemLabel(t: TFunction, key: ChecklistKey): string {
  if (key.startsWith('product:')) {
    const id = key.slice('product:'.length) as keyof typeof PRODUCTS;
    return t('domain:checklistItem.product', { product: PRODUCTS[id]?.name ?? id });
  }
  return t(`domain:checklistItem.${key}`);
}

/**
 * A refusal as a sentence: what happened and what to do. Codes and enum values in the parameters
 * are translated too (a status code becomes "In review", item keys become item labels).
 * `formatInstant` shows times in the deployment's zone; the default prints them as they are.
 */
export function refusalText(t: TFunction, refusal: { code: string; params?: Refusal['params'] }, formatInstant: (iso: string) => string = (iso) => iso): string {
  const p = refusal.params ?? {};
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  if (refusal.code === 'not_assigned' && !str('assignee')) return t('domain:refusal.not_assigned_nobody');
  const values: Record<string, string | number> = { ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? v.join('; ') : (v as string | number)])) };
  if (str('status')) values.status = t(`domain:status.${str('status')}`);
  if (str('actor')) values.actor = t(`domain:actor.${str('actor')}`);
  if (str('byKind')) values.byKind = t(`domain:actor.${str('byKind')}`);
  if (str('reason')) values.reason = t(`domain:rejectionReason.${str('reason')}`);
  if (str('clock')) values.clock = t(`domain:clock.${str('clock')}`);
  if (str('action')) values.action = t(`domain:action.${str('action')}`);
  for (const k of ['at', 'closedAt', 'dueAt']) if (str(k)) values[k] = formatInstant(str(k));
  if (Array.isArray(p.items)) values.items = (p.items as ChecklistKey[]).map((k) => checklistItemLabel(t, k)).join(', ');
  const key = `domain:refusal.${refusal.code}`;
  return t(key, { ...values, defaultValue: refusal.code });
}

/** How a clock reads now ("3 business days left", "Due today", "Overdue 2 business days"). */
export function clockReadingText(t: TFunction, reading: ClockReading, unit: 'business_days' | 'calendar_days' = 'business_days'): string {
  switch (reading.kind) {
    case 'running':
      return unit === 'business_days'
        ? t('domain:clockReading.running', { count: reading.businessDaysLeft })
        : t('domain:clockReading.runningCalendar', { count: reading.calendarDaysLeft });
    case 'due_today':
      return t('domain:clockReading.due_today');
    case 'overdue':
      return reading.businessDaysOverdue > 0 ? t('domain:clockReading.overdueBy', { count: reading.businessDaysOverdue }) : t('domain:clockReading.overdue');
    case 'paused':
      return t('domain:clockReading.paused');
    case 'stopped':
      return t(reading.met ? 'domain:clockReading.stopped_met' : 'domain:clockReading.stopped_missed');
    case 'expired':
      return t('domain:clockReading.expired');
  }
}
