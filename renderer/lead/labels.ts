// Words for the codes the lead's screens show: reasons (a PAR reason or a rejection reason), and
// the DataGrid's own texts in the user's language.
import { csCZ, enUS } from '@mui/x-data-grid/locales';
import type { TFunction } from 'i18next';
import { PAR_REASONS } from '../../shared/domain/checklist.js';
import type { Locale } from '../../shared/i18n/index.js';

export function reasonLabel(t: TFunction, reason: string): string {
  return (PAR_REASONS as readonly string[]).includes(reason) ? t(`domain:parReason.${reason}`) : t(`domain:rejectionReason.${reason}`, { defaultValue: reason });
}

/** How much later an offline decision arrived: minutes, hours and minutes, or days and hours. */
export function lagLabel(t: TFunction, lagMs: number): string {
  const minutes = Math.round(lagMs / 60_000);
  if (minutes < 60) return t('lead:log.lag', { minutes });
  if (minutes < 48 * 60) return t('lead:log.lagHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t('lead:log.lagDays', { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60) });
}

/** The DataGrid's texts (pagination, column menu) in the desk's language. */
export function gridLocaleText(locale: Locale) {
  return (locale === 'cs' ? csCZ : enUS).components.MuiDataGrid.defaultProps.localeText;
}
