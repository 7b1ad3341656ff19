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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_BUCKETS, type SlaCounts } from '../../shared/contract/lead.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { AuditChainState } from './AuditChainState.js';
import { QueryStatus } from './QueryStatus.js';
import { SlaTrendPanel } from './SlaTrendPanel.js';
import { useLeadQuery } from './use-lead-query.js';

const COLORS = { on_time: '#2e7d32', due_soon: '#f9a825', due_today: '#ef6c00', overdue: '#c62828' };

function CountsTable({ caption, rows }: { caption: string; rows: { label: string; counts: SlaCounts }[] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            {caption}
          </TableCell>
          {SLA_BUCKETS.map((b) => (
            <TableCell key={b} component="th" scope="col" align="right">
              {t(`lead:sla.buckets.${b}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.label}>
            <TableCell component="th" scope="row">
              {r.label}
            </TableCell>
            {SLA_BUCKETS.map((b) => (
              <TableCell key={b} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: b === 'overdue' && r.counts[b] > 0 ? 'error.main' : undefined }}>
                {r.counts[b]}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
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
          {clocks.length > 0 && (
            <BarChart
              height={280}
              layout="horizontal"
              yAxis={[{ scaleType: 'band', data: totals.map((r) => r.label), width: 200 }]}
              series={SLA_BUCKETS.map((b) => ({ id: b, label: t(`lead:sla.buckets.${b}`), data: totals.map((r) => r.counts[b]), stack: 'all', color: COLORS[b] }))}
            />
          )}
          <Typography variant="body2" component="h3" sx={{ fontWeight: 700, mt: 1 }}>
            {t('lead:sla.asTable')}
          </Typography>
          <CountsTable caption={t('lead:sla.clock')} rows={totals} />
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
            <CountsTable
              caption={t('lead:log.reviewer')}
              rows={[
                ...clock.byReviewer.map((r) => ({ label: r.reviewer?.name ?? t('lead:sla.unassigned'), counts: r.counts })),
                { label: t('lead:sla.total'), counts: clock.total },
              ]}
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
