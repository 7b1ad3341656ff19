// The frame every decision dialog shares: a title, the form, Cancel and the decision button
// (Ctrl+Enter sends from anywhere in the dialog). The button is enabled exactly when the domain
// allows the decision with the arguments the form holds now; while it does not, the domain's
// reason stands beside the button (what is still missing), and a refusal from the engine shows
// above it.
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopActionName } from '../../shared/contract/sync.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import type { Decide, DecisionArgs } from './use-decide.js';

export function DecisionDialog(props: {
  open: boolean;
  title: string;
  confirm: string;
  color: 'success' | 'warning' | 'error' | 'primary';
  decide: Decide;
  name: DesktopActionName;
  /** The decision's arguments as the form holds them now (read at each render and again on send). */
  args(): DecisionArgs;
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
  const format = (iso: string) => formatInstant(iso, locale, zone);
  const blockedBy = props.decide.refusalOf(props.name, props.args());

  const send = async () => {
    if (blockedBy || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await props.decide.send(props.name, props.args());
      if (result.ok) props.onDone();
      else setError(refusalText(t, result.refusal, format));
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
      <DialogActions sx={{ px: 3, py: 1.5, gap: 1 }}>
        {blockedBy && (
          <Typography id="decision-missing" variant="caption" sx={{ color: 'text.secondary', mr: 'auto' }}>
            {refusalText(t, blockedBy, format)}
          </Typography>
        )}
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color={props.color} onClick={() => void send()} disabled={!!blockedBy || busy} aria-describedby={blockedBy ? 'decision-missing' : undefined}>
          {props.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
