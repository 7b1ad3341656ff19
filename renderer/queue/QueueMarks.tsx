// Per-claim marks: a decision saved here but not yet synced, and a decision the server refused.
import ScheduleIcon from '@mui/icons-material/Schedule';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';

export function QueueMarks({ pending, conflict }: { pending: boolean; conflict: boolean }) {
  const { t } = useTranslation();
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, minWidth: 40 }}>
      {pending && (
        <Tooltip title={t('marks.pending')}>
          <ScheduleIcon role="img" aria-label={t('marks.pending')} aria-hidden={false} sx={{ fontSize: 18, color: 'info.main' }} />
        </Tooltip>
      )}
      {conflict && (
        <Tooltip title={t('marks.conflict')}>
          <SyncProblemIcon role="img" aria-label={t('marks.conflict')} aria-hidden={false} sx={{ fontSize: 18, color: 'error.main' }} />
        </Tooltip>
      )}
    </Box>
  );
}
