// Reject: a reason from the reviewer's rejection reasons and a comment, both required (the domain says so).
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checklist } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { REVIEWER_REJECTION_REASONS } from '../../shared/domain/rejection.js';
import { DecisionDialog } from './DecisionDialog.js';
import type { Decide } from './use-decide.js';

type Reason = (typeof REVIEWER_REJECTION_REASONS)[number];

export function RejectDialog(props: { claim: Claim; checklist: Checklist; timeSpentMs(): number; decide: Decide; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<Reason | ''>('');
  const [comment, setComment] = useState('');
  const [commentId] = useState(() => crypto.randomUUID());
  return (
    <DecisionDialog
      open
      title={t('decision.rejectTitle', { number: props.claim.number })}
      confirm={t('domain:action.reject')}
      color="error"
      decide={props.decide}
      name="reject"
      args={() => ({ reason, comment, commentId, checklist: props.checklist, timeSpentMs: props.timeSpentMs() })}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <FormControl required sx={{ mb: 2 }}>
        <FormLabel id="reject-reason">{t('decision.rejectReason')}</FormLabel>
        <RadioGroup aria-labelledby="reject-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
          {REVIEWER_REJECTION_REASONS.map((r) => (
            <FormControlLabel key={r} value={r} control={<Radio size="small" />} label={t(`domain:rejectionReason.${r}`)} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        label={t('decision.commentRequired')}
        required
        multiline
        minRows={3}
        fullWidth
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        helperText={t('decision.partnerReadsComment')}
      />
    </DecisionDialog>
  );
}
