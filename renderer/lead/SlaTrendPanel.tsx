// The SLA board's trend (issue 16.4): over a chosen period, per day and clock, the clocks running at
// the day's end on time and overdue (the service counts them), as a line chart for one clock with its
// numbers as a table.
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockName } from '../../shared/domain/clocks.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatDay, formatShortDay } from '../format/day.js';
import { ChartWithNumbers } from './ChartWithNumbers.js';
import { type Days, lastDays, PeriodPicker, periodOf } from './PeriodPicker.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

const SERIES = [
  { key: 'onTime', color: '#2e7d32' },
  { key: 'overdue', color: '#c62828' },
] as const;

export function SlaTrendPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const [days, setDays] = useState<Days>(() => lastDays(30, zone));
  const period = periodOf(days, zone);
  const trend = useLeadQuery(() => (period ? client['lead.slaTrend'](period) : Promise.resolve(null)), `trend:${period?.from}:${period?.to}`);
  const [clockName, setClockName] = useState<ClockName | ''>('');
  const all = trend.data?.days ?? [];
  const clocks = [...new Set(all.map((d) => d.clock))];
  const clock = clocks.find((c) => c === clockName) ?? clocks[0];
  const points = all.filter((d) => d.clock === clock);
  const clockLabel = clock ? t(`domain:clock.${clock}`) : '';

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h2" component="h2" sx={{ mr: 'auto' }}>
          {t('lead:sla.trend.title')}
        </Typography>
        <PeriodPicker days={days} onChange={setDays} zone={zone} />
        <TextField select size="small" label={t('lead:sla.clock')} value={clock ?? ''} onChange={(e) => setClockName(e.target.value as ClockName)} sx={{ minWidth: 240 }}>
          {clocks.map((c) => (
            <MenuItem key={c} value={c}>
              {t(`domain:clock.${c}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <QueryStatus query={trend} />
      {trend.data && points.every((p) => p.onTime === 0 && p.overdue === 0) ? (
        <Typography variant="body2">{t('lead:sla.trend.none')}</Typography>
      ) : (
        points.length > 0 && (
          <>
            <Typography variant="body2" component="h3" sx={{ fontWeight: 700 }}>
              {t('lead:sla.trend.chart', { clock: clockLabel })}
            </Typography>
            <ChartWithNumbers
              chart={
                <LineChart
                  height={260}
                  xAxis={[{ scaleType: 'point', data: points.map((p) => formatShortDay(p.day, locale)) }]}
                  series={SERIES.map((s) => ({ id: s.key, label: t(`lead:sla.trend.${s.key}`), data: points.map((p) => p[s.key]), color: s.color, curve: 'linear', showMark: points.length <= 31 }))}
                />
              }
              numbers={{
                label: t('lead:sla.trend.chart', { clock: clockLabel }),
                head: [t('lead:sla.trend.day'), ...SERIES.map((s) => t(`lead:sla.trend.${s.key}`))],
                rows: points.map((p) => [formatDay(p.day, locale), p.onTime, p.overdue]),
              }}
            />
          </>
        )
      )}
    </Paper>
  );
}
