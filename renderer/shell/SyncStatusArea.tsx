// The always-visible sync status: online / offline / syncing (with progress), how many decisions
// wait to be sent, when the last sync was; the last error in the tooltip; click to sync now.
import CloudDoneOutlinedIcon from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlinedIcon from '@mui/icons-material/CloudOffOutlined';
import SyncIcon from '@mui/icons-material/Sync';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { useSync } from '../app/sync.js';
import { formatRecent } from '../format/datetime.js';

/** `detailsHiddenWhen`: a container query of the bar under which only the connection is shown (the rest in the tooltip). */
export function SyncStatusArea({ detailsHiddenWhen }: { detailsHiddenWhen: string }) {
  const { t } = useTranslation();
  const { status, syncNow } = useSync();
  const locale = useLocale();
  const now = useNow();
  const { zone } = useSignedIn();
  if (!status) return null;

  const { progress } = status;
  const percent = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  // A first sync (or resync) knows the scope's size: the bar and the count say how far it got.
  const firstSync = status.connection === 'syncing' && progress?.phase === 'initial_sync' && progress.total !== null ? progress : null;
  const syncingLabel = firstSync
    ? t('sync.firstSync', { done: Math.min(firstSync.done, firstSync.total!), count: firstSync.total })
    : percent === null
      ? t('sync.syncing')
      : t('sync.syncingPercent', { percent });
  const look = {
    online: { Icon: CloudDoneOutlinedIcon, color: 'success.main', label: t('sync.online') },
    offline: { Icon: CloudOffOutlinedIcon, color: 'warning.main', label: t('sync.offline') },
    syncing: { Icon: SyncIcon, color: 'info.main', label: syncingLabel },
  }[status.connection];
  const parts = [
    look.label,
    t('sync.pending', { count: status.pending }),
    status.lastSyncAt ? t('sync.lastSync', { at: formatRecent(status.lastSyncAt, now, locale, zone) }) : t('sync.never'),
    ...(status.quarantined > 0 ? [t('sync.quarantined', { count: status.quarantined })] : []),
  ];
  const tooltip = [`${parts.slice(1).join(' · ')}.`, status.lastError ? t('sync.lastError', { error: status.lastError }) : null, t('sync.clickToSync')].filter(Boolean).join(' ');

  return (
    <Tooltip title={tooltip}>
      <ButtonBase
        onClick={() => void syncNow().catch(() => undefined)}
        data-testid="sync-status"
        data-connection={status.connection}
        data-pending={status.pending}
        aria-label={`${parts.join(' · ')}. ${t('sync.clickToSync')}`}
        sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.25, py: 0.5, borderRadius: 1, border: 1, borderColor: 'divider', fontSize: 13, whiteSpace: 'nowrap' }}
      >
        {status.connection === 'syncing' ? (
          <CircularProgress size={16} variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-hidden />
        ) : (
          <look.Icon sx={{ fontSize: 18, color: look.color }} aria-hidden />
        )}
        <Box component="span" sx={{ fontWeight: 700, color: look.color }}>
          {look.label}
        </Box>
        {firstSync && (
          <LinearProgress
            variant="determinate"
            value={percent ?? 0}
            data-testid="first-sync-progress"
            aria-label={look.label}
            sx={{ width: 96, height: 6, borderRadius: 3 }}
          />
        )}
        <Box component="span" aria-hidden sx={{ color: 'text.secondary', [detailsHiddenWhen]: { display: 'none' } }}>
          · {parts.slice(1).join(' · ')}
        </Box>
      </ButtonBase>
    </Tooltip>
  );
}
