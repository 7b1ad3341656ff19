// The SLA board (issue 16.4): per clock, the running clocks on time, due within 2 business days,
// due today and overdue (the service counts them on the domain's bucket boundaries), in total and
// per reviewer, as a chart with its numbers as a table; and the overdue list, latest first.
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
import { BarChart } from '@mui/x-charts/BarChart';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_BUCKETS, type SlaCounts } from '../../shared/contract/lead.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { AuditChainState } from './AuditChainState.js';
import { QueryStatus } from './QueryStatus.js';
import { bandAxisWidth, ChartWithNumbers, type Numbers, NumbersTable } from './ChartWithNumbers.js';
import { SlaTrendPanel } from './SlaTrendPanel.js';
import { useLeadQuery } from './use-lead-query.js';

const COLORS = { on_time: '#2e7d32', due_soon: '#f9a825', due_today: '#ef6c00', overdue: '#c62828' };

/** Counts per bucket, one row each, as a numbers table; an overdue count above zero in red. */
function countsTable(t: TFunction, label: string, rows: { label: string; counts: SlaCounts }[]): Numbers {
  return {
    label,
    head: [label, ...SLA_BUCKETS.map((b) => t(`lead:sla.buckets.${b}`))],
    rows: rows.map((r) => [
      r.label,
      ...SLA_BUCKETS.map((b) =>
        b === 'overdue' && r.counts[b] > 0 ? (
          <Box component="span" sx={{ color: 'error.main' }}>
            {r.counts[b]}
          </Box>
        ) : (
          r.counts[b]
        ),
      ),
    ]),
  };
}

export function SlaBoardPage() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone, calendar } = useSignedIn();
  const board = useLeadQuery(() => client['lead.sla']({}), 'sla');
  const [clockName, setClockName] = useState<string>('');
  const clocks = board.data?.clocks ?? [];
  const clock = clocks.find((c) => c.clock === clockName) ?? clocks[0];
  const totals = clocks.map((c) => ({ label: t(`domain:clock.${c.clock}`), counts: c.total }));
  const now = board.data?.now;

  return (
    <Box id="main" component="main" sx={{ height: '100%', overflow: 'auto', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
        <Typography variant="h6" component="h1">
          {t('lead:sla.title')}
        </Typography>
        {now && (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t('lead:sla.asOf', { at: formatInstant(now, locale, zone) })}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <AuditChainState />
      </Box>
      <QueryStatus query={board} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
            {t('lead:sla.chart')}
          </Typography>
          <ChartWithNumbers
            open
            chart={
              clocks.length > 0 && (
                <BarChart
                  height={280}
                  layout="horizontal"
                  yAxis={[{ scaleType: 'band', data: totals.map((r) => r.label), width: bandAxisWidth(totals.map((r) => r.label)) }]}
                  series={SLA_BUCKETS.map((b) => ({ id: b, label: t(`lead:sla.buckets.${b}`), data: totals.map((r) => r.counts[b]), stack: 'all', color: COLORS[b] }))}
                />
              )
            }
            numbers={countsTable(t, t('lead:sla.clock'), totals)}
          />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <TextField select size="small" label={t('lead:sla.clock')} value={clock?.clock ?? ''} onChange={(e) => setClockName(e.target.value)} sx={{ minWidth: 260, mb: 1 }}>
            {clocks.map((c) => (
              <MenuItem key={c.clock} value={c.clock}>
                {t(`domain:clock.${c.clock}`)}
              </MenuItem>
            ))}
          </TextField>
          {clock && (
            <NumbersTable
              {...countsTable(t, t('lead:log.reviewer'), [
                ...clock.byReviewer.map((r) => ({ label: r.reviewer?.name ?? t('lead:sla.unassigned'), counts: r.counts })),
                { label: t('lead:sla.total'), counts: clock.total },
              ])}
            />
          )}
        </Paper>
      </Box>
      <SlaTrendPanel />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
          {t('lead:sla.overdue')}
        </Typography>
        {board.data && board.data.overdue.length === 0 ? (
          <Typography variant="body2">{t('lead:sla.noOverdue')}</Typography>
        ) : (
          <Table size="small" aria-label={t('lead:sla.overdue')}>
            <TableHead>
              <TableRow>
                {(['claim', 'partner', 'clock', 'dueAt', 'late', 'assignee'] as const).map((c) => (
                  <TableCell key={c} component="th" scope="col">
                    {t(`lead:sla.col.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {[...(board.data?.overdue ?? [])]
                .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
                .map((o) => (
                  <TableRow key={`${o.claimId}-${o.clock}`}>
                    <TableCell>{o.claimNumber}</TableCell>
                    <TableCell>{o.partnerName}</TableCell>
                    <TableCell>{t(`domain:clock.${o.clock}`)}</TableCell>
                    <TableCell>{formatInstant(o.dueAt, locale, zone)}</TableCell>
                    <TableCell>{now ? t('lead:sla.lateBy', { count: Math.floor(calendar.businessDaysBetween(o.dueAt, now)) }) : ''}</TableCell>
                    <TableCell>{o.assignee?.name ?? t('lead:sla.unassigned')}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Box>
  );
}
