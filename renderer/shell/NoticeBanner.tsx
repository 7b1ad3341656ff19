// The engine's notices (sync.status): what the reviewer must know about the data on this computer
// (a file that cannot be written, damage found at start and what was kept aside where, decisions
// waiting for their owner). Each stays until it is dismissed or the engine clears it.
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../shared/contract/desktop.js';
import { useClient } from '../app/client-context.js';
import { useSync } from '../app/sync.js';

function useNoticeText(): (notice: Notice) => string {
  const { t } = useTranslation();
  return (notice) => {
    const params = { ...notice.params };
    if (notice.code === 'damaged_file') params.effect = t(`notices.damagedEffect.${String(notice.params.kind)}`, { defaultValue: '' });
    return t(`notices.${notice.code}`, params);
  };
}

export function NoticeBanner() {
  const { t } = useTranslation();
  const client = useClient();
  const { status } = useSync();
  const text = useNoticeText();
  const notices = status?.notices ?? [];
  if (notices.length === 0) return null;
  return (
    <Stack component="section" aria-label={t('notices.label')} spacing={0.5} sx={{ px: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
      {notices.map((notice) => (
        <Alert
          key={notice.id}
          severity={notice.code === 'write_failed' || notice.code === 'outbox_truncated' ? 'error' : 'warning'}
          data-testid="notice"
          data-code={notice.code}
          onClose={() => void client['sync.dismissNotice']({ id: notice.id }).catch(() => undefined)}
          slotProps={{ closeButton: { title: t('common.dismiss'), 'aria-label': t('common.dismiss') } }}
          sx={{ py: 0, '& .MuiAlert-message': { fontSize: 13 } }}
        >
          {text(notice)}
        </Alert>
      ))}
    </Stack>
  );
}
