// Approve: only offered with every checklist item marked passed (the domain's rule, which the
// decision panel asks before opening this); an optional comment.
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { DecisionComment, useDecisionComment } from './decision-comment.js';
import { DecisionDialog, type DecisionDialogProps } from './DecisionDialog.js';

export function ApproveDialog(props: DecisionDialogProps) {
  const { t } = useTranslation();
  const { comment, setComment, commentId } = useDecisionComment();
  const args = () => ({ checklist: props.checklist, timeSpentMs: props.timeSpentMs(), ...(comment.trim() ? { comment, commentId } : {}) });
  return (
    <DecisionDialog of={props} name="approve" color="success" args={args}>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {t('decision.approveBody')}
      </Typography>
      <DecisionComment minRows={2} value={comment} onChange={setComment} />
    </DecisionDialog>
  );
}
