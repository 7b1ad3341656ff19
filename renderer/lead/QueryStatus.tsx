// One line above a lead screen: offline (it shows what it last loaded), or what failed, with Reload.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useTranslation } from 'react-i18next';
import type { LeadQuery } from './use-lead-query.js';

export function QueryStatus({ query }: { query: LeadQuery<unknown> }) {
  const { t } = useTranslation();
  const action = (
    <Button color="inherit" size="small" onClick={query.reload}>
      {t('lead:reload')}
    </Button>
  );
  if (query.offline) {
    return (
      <Alert severity="warning" role="status" action={action} sx={{ py: 0 }}>
        {t('lead:offline')}
      </Alert>
    );
  }
  if (query.error) {
    return (
      <Alert severity="error" action={action} sx={{ py: 0 }}>
        {t('lead:loadFailed', { message: query.error })}
      </Alert>
    );
  }
  return query.loading ? <LinearProgress aria-hidden sx={{ height: 2 }} /> : null;
}
