// Reviewer metrics (issue 16.5): over a period in the calendar's days, for the team or one reviewer,
// what the service computed from the decision log: decisions per day by action, time spent (median
// and p90), the PAR reasons' shares, what became of approvals and rejections, QA agreement on the
// outcome and per checklist item, and the open work now. Each chart has its numbers as a table.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { DateTime } from 'luxon';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerMetrics } from '../../shared/contract/lead.js';
import { LOGGED_DECISIONS } from '../../shared/domain/actions.js';
import type { ChecklistKey } from '../../shared/domain/checklist.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatDay, formatShortDay } from '../format/day.js';
import { bandAxisWidth, ChartWithNumbers, NumbersTable } from './ChartWithNumbers.js';
import { reasonLabel } from './labels.js';
import { type Days, lastDays, PeriodPicker, periodOf } from './PeriodPicker.js';
import { QueryStatus } from './QueryStatus.js';
import { ReviewerSelect } from './ReviewerSelect.js';
import { useLeadQuery } from './use-lead-query.js';

/** One colour per action, distinguishable and dark enough on white. */
const ACTION_COLORS: Record<(typeof LOGGED_DECISIONS)[number], string> = {
  approve: '#2e7d32',
  requestPartnerAction: '#ef6c00',
  reject: '#c62828',
  resolveDispute: '#6a1b9a',
  reopen: '#00838f',
  recordQaVerdict: '#1565c0',
  resolveQaDisagreement: '#5d4037',
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2, minWidth: 0 }}>
      <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** Every day of the period, so days without decisions show as zero. */
function daysOf(days: Days): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(days.first); d.toISODate()! <= days.last && out.length <= 400; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

function Metrics({ m, days }: { m: ReviewerMetrics; days: Days }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = (v: number | null) => (v === null ? t('lead:metrics.none') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v));
  const minutes = (ms: number | null) => (ms === null ? t('lead:metrics.none') : t('lead:metrics.minutes', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 60_000) }));
  const toMinutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);

  const dayList = daysOf(days);
  const actions = LOGGED_DECISIONS.filter((a) => m.perDay.some((r) => r.action === a));
  const countOn = (day: string, action: string) => m.perDay.find((r) => r.day === day && r.action === action)?.count ?? 0;
  const speed = m.timeSpent.filter((s) => s.decisions > 0);
  const speedLabel = (s: (typeof speed)[number]) => s.reviewer?.name ?? t('lead:metrics.team');
  const itemLabel = (item: string) => checklistItemLabel(t, item as ChecklistKey);
  const reasons = m.parReasons.reasons.map((r) => reasonLabel(t, r.reason));
  const outcomeRows: [string, number][] = [
    [t('lead:metrics.approvals'), m.outcomes.approvals],
    [t('lead:metrics.approvalsOptedOut'), m.outcomes.approvalsOptedOut],
    [t('lead:metrics.rejections'), m.outcomes.rejections],
    [t('lead:metrics.rejectionsDisputed'), m.outcomes.rejectionsDisputed],
    [t('lead:metrics.rejectionsOverturned'), m.outcomes.rejectionsOverturned],
  ];
  // The chart shows the outcome and the general items; the products' items (many, each on few claims) are in the table.
  const qaRows = m.qa.reviewed > 0 ? [{ label: t('lead:metrics.outcomeItem'), reviewed: m.qa.reviewed, agreed: m.qa.outcomeAgreed, agreement: m.qa.outcomeAgreement }, ...m.qa.items.map((i) => ({ ...i, label: itemLabel(i.item) }))] : [];
  const qaChart = qaRows.filter((r) => !('item' in r) || !r.item.startsWith('product:'));

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
      <Box sx={{ gridColumn: { lg: '1 / span 2' } }}>
        <Section title={t('lead:metrics.perDay')}>
          {m.perDay.length === 0 ? (
            <Typography variant="body2">{t('lead:metrics.noDecisions')}</Typography>
          ) : (
            <ChartWithNumbers
              chart={
                <BarChart
                  height={280}
                  xAxis={[{ scaleType: 'band', data: dayList.map((d) => formatShortDay(d, locale)) }]}
                  series={actions.map((a) => ({ id: a, label: t(`domain:action.${a}`), data: dayList.map((d) => countOn(d, a)), stack: 'all', color: ACTION_COLORS[a] }))}
                />
              }
              numbers={{
                label: t('lead:metrics.perDay'),
                head: [t('lead:metrics.day'), ...actions.map((a) => t(`domain:action.${a}`)), t('lead:metrics.total')],
                rows: dayList
                  .filter((d) => actions.some((a) => countOn(d, a) > 0))
                  .map((d) => [formatDay(d, locale), ...actions.map((a) => countOn(d, a)), actions.reduce((n, a) => n + countOn(d, a), 0)]),
              }}
            />
          )}
        </Section>
      </Box>

      <Section title={t('lead:metrics.timeSpent')}>
        <ChartWithNumbers
          chart={
            speed.length > 0 && (
              <BarChart
                height={240}
                layout="horizontal"
                yAxis={[{ scaleType: 'band', data: speed.map(speedLabel), width: bandAxisWidth(speed.map(speedLabel)) }]}
                series={[
                  { id: 'median', label: t('lead:metrics.median'), data: speed.map((s) => toMinutes(s.medianMs)), color: '#1565c0', valueFormatter: (v) => minutes(v === null ? null : v * 60_000) },
                  { id: 'p90', label: t('lead:metrics.p90'), data: speed.map((s) => toMinutes(s.p90Ms)), color: '#6a1b9a', valueFormatter: (v) => minutes(v === null ? null : v * 60_000) },
                ]}
              />
            )
          }
          numbers={{
            label: t('lead:metrics.timeSpent'),
            head: [t('lead:metrics.reviewer'), t('lead:metrics.decisions'), t('lead:metrics.median'), t('lead:metrics.p90')],
            rows: m.timeSpent.map((s) => [speedLabel(s), s.decisions, minutes(s.medianMs), minutes(s.p90Ms)]),
          }}
        />
      </Section>

      <Section title={t('lead:metrics.par')}>
        <Typography variant="body2">{t('lead:metrics.parRequests', { count: m.parReasons.requests })}</Typography>
        <ChartWithNumbers
          chart={
            m.parReasons.requests > 0 && (
              <BarChart
                height={240}
                layout="horizontal"
                xAxis={[{ min: 0, max: 100 }]}
                yAxis={[{ scaleType: 'band', data: reasons, width: bandAxisWidth(reasons) }]}
                series={[{ id: 'share', label: t('lead:metrics.share'), data: m.parReasons.reasons.map((r) => Math.round((r.share ?? 0) * 1000) / 10), color: '#ef6c00', valueFormatter: (v) => `${v ?? 0} %` }]}
              />
            )
          }
          numbers={{
            label: t('lead:metrics.par'),
            head: [t('lead:metrics.reason'), t('lead:metrics.count'), t('lead:metrics.share')],
            rows: m.parReasons.reasons.map((r, i) => [reasons[i]!, r.count, percent(r.share)]),
          }}
        />
      </Section>

      <Section title={t('lead:metrics.outcomes')}>
        <NumbersTable label={t('lead:metrics.outcomes')} head={[t('lead:metrics.outcome'), t('lead:metrics.count')]} rows={outcomeRows} />
      </Section>

      <Section title={t('lead:metrics.qa')}>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {m.qa.reviewed > 0 ? t('lead:metrics.qaSummary', { reviewed: m.qa.reviewed, sampled: m.qa.sampled, agreed: m.qa.outcomeAgreed, rate: percent(m.qa.outcomeAgreement) }) : t('lead:metrics.qaNone')}
        </Typography>
        {qaRows.length > 0 && (
          <ChartWithNumbers
            chart={
              <BarChart
                height={Math.max(160, 34 * qaChart.length + 60)}
                layout="horizontal"
                xAxis={[{ min: 0, max: 100 }]}
                yAxis={[{ scaleType: 'band', data: qaChart.map((r) => r.label), width: bandAxisWidth(qaChart.map((r) => r.label)) }]}
                series={[{ id: 'agreement', label: t('lead:metrics.agreement'), data: qaChart.map((r) => Math.round((r.agreement ?? 0) * 1000) / 10), color: '#1565c0', valueFormatter: (v) => `${v ?? 0} %` }]}
              />
            }
            numbers={{
              label: t('lead:metrics.qa'),
              head: [t('lead:metrics.item'), t('lead:metrics.reviewed'), t('lead:metrics.agreed'), t('lead:metrics.agreement')],
              rows: qaRows.map((r) => [r.label, r.reviewed, r.agreed, percent(r.agreement)]),
            }}
          />
        )}
      </Section>

      <Section title={t('lead:metrics.workload')}>
        <ChartWithNumbers
          chart={
            m.workload.length > 0 && (
              <BarChart
                height={Math.max(160, 40 * m.workload.length + 60)}
                layout="horizontal"
                yAxis={[{ scaleType: 'band', data: m.workload.map((w) => w.reviewer.name), width: bandAxisWidth(m.workload.map((w) => w.reviewer.name)) }]}
                series={[
                  { id: 'claims', label: t('lead:metrics.openClaims'), data: m.workload.map((w) => w.openClaims), color: '#2e7d32' },
                  { id: 'qa', label: t('lead:metrics.openQaTasks'), data: m.workload.map((w) => w.openQaTasks), color: '#1565c0' },
                ]}
              />
            )
          }
          numbers={{
            label: t('lead:metrics.workload'),
            head: [t('lead:metrics.reviewer'), t('lead:metrics.openClaims'), t('lead:metrics.openQaTasks')],
            rows: m.workload.map((w) => [w.reviewer.name, w.openClaims, w.openQaTasks]),
          }}
        />
      </Section>
    </Box>
  );
}

export function MetricsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const { zone } = useSignedIn();
  const [days, setDays] = useState<Days>(() => lastDays(30, zone));
  const [reviewerId, setReviewerId] = useState('');
  const period = periodOf(days, zone);
  const metrics = useLeadQuery(
    () => (period ? client['lead.metrics']({ ...period, ...(reviewerId ? { reviewerId } : {}) }) : Promise.resolve(null)),
    `metrics:${period?.from}:${period?.to}:${reviewerId}`,
  );
  // What was last loaded stays while a new period loads or the service is out of reach.
  const [shown, setShown] = useState<{ data: ReviewerMetrics; days: Days } | null>(null);
  if (metrics.data && metrics.data !== shown?.data) setShown({ data: metrics.data, days });

  return (
    <Box id="main" component="main" sx={{ height: '100%', overflow: 'auto', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h1" sx={{ mr: 'auto' }}>
          {t('lead:metrics.title')}
        </Typography>
        <PeriodPicker days={days} onChange={setDays} zone={zone} />
        <ReviewerSelect size="small" label={t('lead:metrics.reviewer')} noneLabel={t('lead:metrics.team')} value={reviewerId} onChange={(r) => setReviewerId(r?.id ?? '')} />
      </Box>
      <QueryStatus query={metrics} />
      {shown && <Metrics m={shown.data} days={shown.days} />}
    </Box>
  );
}
