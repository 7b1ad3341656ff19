// The frame every decision dialog shares: a title, the form, the domain's refusal if the engine
// refused, Cancel and the decision button (Ctrl+Enter sends from anywhere in the dialog).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutateResult } from '../../shared/contract/desktop.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';

export function DecisionDialog(props: {
  open: boolean;
  title: string;
  confirm: string;
  color: 'success' | 'warning' | 'error' | 'primary';
  canConfirm: boolean;
  onConfirm(): Promise<MutateResult>;
  onClose(): void;
  onDone(): void;
  children: ReactNode;
  maxWidth?: 'sm' | 'md';
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (!props.canConfirm || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await props.onConfirm();
      if (result.ok) props.onDone();
      else setError(refusalText(t, result.refusal, (iso) => formatInstant(iso, locale, zone)));
    } catch (e) {
      setError(t('decision.engineError', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
      aria-labelledby="decision-title"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void send();
        }
      }}
    >
      <DialogTitle id="decision-title" sx={{ fontSize: '1.1rem' }}>
        {props.title}
      </DialogTitle>
      <DialogContent dividers>
        {props.children}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color={props.color} onClick={() => void send()} disabled={!props.canConfirm || busy}>
          {props.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
