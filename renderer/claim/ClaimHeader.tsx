// The claim's header: number, status, who it is for, and every running clock with its reading
// and deadline in the deployment's time zone (a deadline names its zone).
import ScheduleIcon from '@mui/icons-material/Schedule';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ClaimView } from '../../shared/contract/desktop.js';
import { CLOCK_NAMES } from '../../shared/domain/clocks.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { slaOfClock } from '../queue/sla.js';
import { SlaLabel } from '../queue/SlaLabel.js';
import { StatusChip } from './StatusChip.js';

export function ClaimHeader({ view }: { view: ClaimView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const { calendar, zone } = useSignedIn();
  const { claim } = view;
  const running = CLOCK_NAMES.filter((n) => claim.clocks[n] && (claim.clocks[n]!.state === 'running' || claim.clocks[n]!.state === 'paused'));

  return (
    <Box component="header" sx={{ px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h1" component="h1" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {claim.number}
        </Typography>
        <StatusChip status={claim.status} size="medium" />
        {view.pending.length > 0 && <Chip icon={<ScheduleIcon aria-hidden />} color="info" variant="outlined" label={t('claim.pendingSync', { count: view.pending.length })} />}
        {view.conflicts.length > 0 && <Chip icon={<SyncProblemIcon aria-hidden />} color="error" variant="outlined" label={t('claim.conflicts', { count: view.conflicts.length })} />}
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {claim.assignee ? t('claim.assignedTo', { name: claim.assignee.name }) : t('queue.unassigned')}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap', mt: 0.25 }}>
        <Typography variant="body1" sx={{ fontWeight: 700 }}>
          {claim.customer.name}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t('claim.byPartner', { partner: claim.partnerName, id: claim.partnerId })} ·{' '}
          <span data-testid="claim-products">{claim.products.map((p) => PRODUCTS[p].name).join(', ')}</span>
        </Typography>
      </Box>
      {running.length > 0 && (
        <Box component="dl" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, m: 0, mt: 0.75 }} aria-label={t('claim.clocks')}>
          {running.map((name) => {
            const clock = claim.clocks[name]!;
            return (
              <Box key={name} sx={{ display: 'flex', gap: 0.75, alignItems: 'baseline', fontSize: 13 }}>
                <Box component="dt" sx={{ color: 'text.secondary' }}>
                  {t(`domain:clock.${name}`)}:
                </Box>
                <Box component="dd" sx={{ m: 0, display: 'flex', gap: 0.75, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <SlaLabel sla={slaOfClock(calendar, name, clock, now)} strong />
                  {clock.state === 'running' && (
                    <Box component="span" sx={{ color: 'text.secondary' }}>
                      {t('claim.dueAt', { at: formatInstant(clock.dueAt, locale, clock.zone || zone, 'deadline') })}
                    </Box>
                  )}
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
}
