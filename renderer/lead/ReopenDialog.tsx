// Reopen a decided claim with a written justification (issue 16.7), optionally for another
// reviewer. The domain decides whether it may be reopened (shared/domain reopen rule); a refusal
// comes back as its sentence.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client-context.js';
import { actOnClaims } from './lead-acts.js';
import { useLeadQuery } from './use-lead-query.js';

export function ReopenDialog({ claim, onClose }: { claim: { id: string; number: string }; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const reviewers = useLeadQuery(() => client['lead.reviewers']({}), 'reviewers');
  const [justification, setJustification] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const assignee = reviewers.data?.users.find((u) => u.id === assigneeId);

  const reopen = async () => {
    setBusy(true);
    const args = { justification: justification.trim(), ...(assignee ? { assignee: { id: assignee.id, name: assignee.name } } : {}) };
    const outcome = await actOnClaims(client, t, [{ claimId: claim.id, label: claim.number, name: 'reopen', args }]);
    setBusy(false);
    if (outcome.saved) onClose(true);
    else setRefused(outcome.refused.join(' '));
  };

  return (
    <Dialog open onClose={() => onClose(false)} fullWidth maxWidth="sm">
      <DialogTitle>{t('lead:reopen.title', { claim: claim.number })}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        <TextField label={t('lead:reopen.justification')} multiline minRows={3} required value={justification} onChange={(e) => setJustification(e.target.value)} autoFocus />
        <TextField select label={t('lead:reopen.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          <MenuItem value="">{t('lead:reopen.keep')}</MenuItem>
          {(reviewers.data?.users ?? [])
            .filter((u) => u.role === 'reviewer')
            .map((u) => (
              <MenuItem key={u.id} value={u.id}>
                {u.name}
              </MenuItem>
            ))}
        </TextField>
        {refused && <Alert severity="error">{refused}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('lead:reopen.cancel')}</Button>
        <Button variant="contained" disabled={busy || justification.trim() === ''} onClick={() => void reopen()}>
          {t('lead:reopen.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
