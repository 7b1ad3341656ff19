// The audit hash chain's state on the lead's desk (issue 16.9): "verified up to event N", or the
// first broken event, re-checked on demand (the service walks the chain: server/audit/verify.ts).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client-context.js';
import { useLeadQuery } from './use-lead-query.js';

export function AuditChainState() {
  const { t } = useTranslation();
  const client = useClient();
  const audit = useLeadQuery(() => client['lead.audit']({}), 'audit');
  const state = audit.data;
  const action = (
    <Button color="inherit" size="small" onClick={audit.reload} disabled={audit.loading}>
      {t('lead:qa.recheck')}
    </Button>
  );
  return (
    <Alert
      severity={audit.offline || audit.error ? 'warning' : !state ? 'info' : state.ok ? 'success' : 'error'}
      action={action}
      sx={{ py: 0 }}
      data-testid="audit-chain"
      data-state={state ? (state.ok ? 'verified' : 'broken') : 'unknown'}
      role="status"
    >
      <strong>{t('lead:qa.audit')}: </strong>
      {audit.offline
        ? t('lead:offline')
        : audit.error
          ? t('lead:loadFailed', { message: audit.error })
          : !state
            ? '…'
            : state.ok
              ? t('lead:qa.auditOk', { count: state.verifiedUpTo })
              : t('lead:qa.auditBroken', { brokenAt: state.brokenAt, verifiedUpTo: state.verifiedUpTo, message: state.message })}
    </Alert>
  );
}
