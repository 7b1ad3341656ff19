// The comment a decision carries, as the three decision dialogs take it: its text and the id it is
// sent with (made once per dialog, so a decision sent twice is the same comment), and its field:
// required ones say that the partner reads them, an optional one is labelled so.
import TextField from '@mui/material/TextField';
import type { SxProps, Theme } from '@mui/material/styles';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function useDecisionComment() {
  const [comment, setComment] = useState('');
  const [commentId] = useState(() => crypto.randomUUID());
  return { comment, setComment, commentId };
}

export function DecisionComment(props: { value: string; onChange(value: string): void; required?: boolean; minRows: number; autoFocus?: boolean; sx?: SxProps<Theme> }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t(props.required ? 'decision.commentRequired' : 'decision.commentOptional')}
      required={props.required}
      multiline
      minRows={props.minRows}
      fullWidth
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      helperText={props.required ? t('decision.partnerReadsComment') : undefined}
      sx={props.sx}
      autoFocus={props.autoFocus}
    />
  );
}
