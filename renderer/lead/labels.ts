// Words for the codes the lead's screens show: reasons (a PAR reason or a rejection reason), and
// the DataGrid's own texts in the user's language.
import { csCZ, enUS } from '@mui/x-data-grid/locales';
import type { TFunction } from 'i18next';
import { PAR_REASONS } from '../../shared/domain/checklist.js';
import type { Locale } from '../../shared/i18n/index.js';

export function reasonLabel(t: TFunction, reason: string): string {
  return (PAR_REASONS as readonly string[]).includes(reason) ? t(`domain:parReason.${reason}`) : t(`domain:rejectionReason.${reason}`, { defaultValue: reason });
}

/** The DataGrid's texts (pagination, column menu) in the desk's language. */
export function gridLocaleText(locale: Locale) {
  return (locale === 'cs' ? csCZ : enUS).components.MuiDataGrid.defaultProps.localeText;
}
