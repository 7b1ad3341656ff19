// A period of days in the deployment calendar's zone (not this computer's): the first and the last
// day, inclusive, as the instants the service takes (from the first day's midnight to the midnight
// after the last). Used by the SLA trend and the reviewer metrics.
import Box from '@mui/material/Box';
import { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import { MAX_PERIOD_DAYS } from '../../shared/contract/lead.js';
import { DayField } from './DayField.js';

export interface Days {
  first: string;
  last: string;
}

/** The last `days` days up to today, in the zone. */
export function lastDays(days: number, zone: string): Days {
  const today = DateTime.now().setZone(zone).startOf('day');
  return { first: today.minus({ days: days - 1 }).toISODate()!, last: today.toISODate()! };
}

/** The period as the service's instants, or null when it is not one it answers. */
export function periodOf(days: Days, zone: string): { from: string; to: string } | null {
  const first = DateTime.fromISO(days.first, { zone });
  const after = DateTime.fromISO(days.last, { zone }).plus({ days: 1 });
  if (!first.isValid || !after.isValid || after <= first || after.diff(first, 'days').days > MAX_PERIOD_DAYS) return null;
  return { from: first.toUTC().toISO()!, to: after.toUTC().toISO()! };
}

export function PeriodPicker({ days, onChange, zone }: { days: Days; onChange(d: Days): void; zone: string }) {
  const { t } = useTranslation();
  const invalid = periodOf(days, zone) === null;
  return (
    <Box role="group" aria-label={t('lead:period.label')} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <DayField label={t('lead:period.from')} value={days.first} error={invalid} onChange={(first) => onChange({ ...days, first })} />
      <DayField label={t('lead:period.to')} value={days.last} error={invalid} helperText={invalid ? t('lead:period.invalid', { days: MAX_PERIOD_DAYS }) : undefined} onChange={(last) => onChange({ ...days, last })} />
    </Box>
  );
}
