// Approve: only offered with every checklist item marked passed (the domain's rule, which the
// decision panel asks before opening this); an optional comment.
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checklist } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { DecisionDialog } from './DecisionDialog.js';
import type { Decide } from './use-decide.js';

export function ApproveDialog(props: { claim: Claim; checklist: Checklist; timeSpentMs(): number; decide: Decide; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [commentId] = useState(() => crypto.randomUUID());
  return (
    <DecisionDialog
      open
      title={t('decision.approveTitle', { number: props.claim.number })}
      confirm={t('domain:action.approve')}
      color="success"
      decide={props.decide}
      name="approve"
      args={() => ({ checklist: props.checklist, timeSpentMs: props.timeSpentMs(), ...(comment.trim() ? { comment, commentId } : {}) })}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <Typography variant="body2" sx={{ mb: 2 }}>
        {t('decision.approveBody')}
      </Typography>
      <TextField label={t('decision.commentOptional')} multiline minRows={2} fullWidth value={comment} onChange={(e) => setComment(e.target.value)} />
    </DecisionDialog>
  );
}
