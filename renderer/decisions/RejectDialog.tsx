// Reject: a reason from the reviewer's rejection reasons and a comment, both required (the domain says so).
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEWER_REJECTION_REASONS } from '../../shared/domain/rejection.js';
import { DecisionComment, useDecisionComment } from './decision-comment.js';
import { DecisionDialog, type DecisionDialogProps } from './DecisionDialog.js';

type Reason = (typeof REVIEWER_REJECTION_REASONS)[number];

export function RejectDialog(props: DecisionDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<Reason | ''>('');
  const { comment, setComment, commentId } = useDecisionComment();
  const args = () => ({ reason, comment, commentId, checklist: props.checklist, timeSpentMs: props.timeSpentMs() });
  return (
    <DecisionDialog of={props} name="reject" color="error" args={args}>
      <FormControl required sx={{ mb: 2 }}>
        <FormLabel id="reject-reason">{t('decision.rejectReason')}</FormLabel>
        <RadioGroup aria-labelledby="reject-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
          {REVIEWER_REJECTION_REASONS.map((r) => (
            <FormControlLabel key={r} value={r} control={<Radio size="small" />} label={t(`domain:rejectionReason.${r}`)} />
          ))}
        </RadioGroup>
      </FormControl>
      <DecisionComment required minRows={3} value={comment} onChange={setComment} />
    </DecisionDialog>
  );
}
