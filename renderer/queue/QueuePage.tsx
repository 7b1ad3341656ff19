// The queue at full width: filters, the count, and the virtualised grid of claims.
import Box from '@mui/material/Box';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useQueue } from './queue-context.js';
import { QueueFilters } from './QueueFilters.js';
import { QueueGrid } from './QueueGrid.js';

export function QueuePage({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation();
  const [, snap] = useQueue();
  return (
    <Box component="main" id="main" aria-labelledby="queue-title" sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, px: 2, pt: 1.5 }}>
        <Typography id="queue-title" variant="h1" component="h1">
          {t('queue.title')}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }} aria-live="polite">
          {snap.total === null ? t('queue.loading') : t('queue.count', { count: snap.total })}
        </Typography>
      </Box>
      <QueueFilters />
      {snap.offline && (
        <Alert severity="info" sx={{ mx: 2, mb: 1 }}>
          {t('queue.everyoneOffline')}
        </Alert>
      )}
      {snap.error && (
        <Alert severity="error" sx={{ mx: 2, mb: 1 }}>
          {t('queue.error', { message: snap.error })}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0, mx: 2, mb: 2, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
        <QueueGrid onOpen={onOpen} />
      </Box>
    </Box>
  );
}
