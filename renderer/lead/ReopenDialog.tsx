// Reopen a decided claim with a written justification (issue 16.7), optionally for another
// reviewer. The domain decides whether it may be reopened (shared/domain reopen rule); a refusal
// comes back as its sentence.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskUser } from '../../shared/contract/desktop.js';
import { useClient } from '../app/client-context.js';
import { actOnClaims } from './lead-acts.js';
import { ReviewerSelect } from './ReviewerSelect.js';

export function ReopenDialog({ claim, onClose }: { claim: { id: string; number: string }; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [justification, setJustification] = useState('');
  const [assignee, setAssignee] = useState<DeskUser | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
        <ReviewerSelect label={t('lead:reopen.assignee')} noneLabel={t('lead:reopen.keep')} value={assignee?.id ?? ''} onChange={setAssignee} />
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
