// The SLA board's trend (issue 16.4): over a chosen period, per day and clock, the clocks running at
// the day's end on time and overdue (the service counts them), as a line chart for one clock with its
// numbers as a table.
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockName } from '../../shared/domain/clocks.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
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
            <LineChart
              height={260}
              xAxis={[{ scaleType: 'point', data: points.map((p) => p.day) }]}
              series={SERIES.map((s) => ({ id: s.key, label: t(`lead:sla.trend.${s.key}`), data: points.map((p) => p[s.key]), color: s.color, curve: 'linear', showMark: points.length <= 31 }))}
            />
            <details>
              <summary>
                <Typography variant="body2" component="span" sx={{ fontWeight: 700 }}>
                  {t('lead:sla.asTable')}
                </Typography>
              </summary>
              <Table size="small" aria-label={t('lead:sla.trend.chart', { clock: clockLabel })}>
                <TableHead>
                  <TableRow>
                    <TableCell component="th" scope="col">
                      {t('lead:sla.trend.day')}
                    </TableCell>
                    {SERIES.map((s) => (
                      <TableCell key={s.key} component="th" scope="col" align="right">
                        {t(`lead:sla.trend.${s.key}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {points.map((p) => (
                    <TableRow key={p.day}>
                      <TableCell component="th" scope="row">
                        {p.day}
                      </TableCell>
                      <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {p.onTime}
                      </TableCell>
                      <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {p.overdue}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </details>
          </>
        )
      )}
    </Paper>
  );
}
