// Approve: only possible with no missing item (the domain says so); an optional comment; a
// warning when items were never checked, since approving then is allowed but rarely meant.
import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistKeys, type Checklist } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { DecisionDialog } from './DecisionDialog.js';
import type { useDecide } from './use-decide.js';

export function ApproveDialog(props: { claim: Claim; checklist: Checklist; timeSpentMs(): number; decide: ReturnType<typeof useDecide>; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const unchecked = checklistKeys(props.claim.products).filter((k) => (props.checklist[k]?.state ?? 'unchecked') === 'unchecked');
  return (
    <DecisionDialog
      open
      title={t('decision.approveTitle', { number: props.claim.number })}
      confirm={t('domain:action.approve')}
      color="success"
      canConfirm
      onClose={props.onClose}
      onDone={props.onDone}
      onConfirm={() =>
        props.decide('approve', {
          checklist: props.checklist,
          timeSpentMs: props.timeSpentMs(),
          ...(comment.trim() ? { comment: comment.trim(), commentId: crypto.randomUUID() } : {}),
        })
      }
    >
      <Typography variant="body2" sx={{ mb: 2 }}>
        {t('decision.approveBody')}
      </Typography>
      {unchecked.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('decision.uncheckedWarning', { count: unchecked.length, items: unchecked.map((k) => checklistItemLabel(t, k)).join(', ') })}
        </Alert>
      )}
      <TextField label={t('decision.commentOptional')} multiline minRows={2} fullWidth value={comment} onChange={(e) => setComment(e.target.value)} />
    </DecisionDialog>
  );
}
