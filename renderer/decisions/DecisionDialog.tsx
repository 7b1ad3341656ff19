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
import type { Checklist } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import type { Decide, DecisionArgs } from './use-decide.js';

/** What the decision panel hands each decision dialog. */
export interface DecisionDialogProps {
  claim: Claim;
  checklist: Checklist;
  timeSpentMs(): number;
  decide: Decide;
  onClose(): void;
  onDone(): void;
}

/** The decisions with a dialog, and their titles (the button says the action's name). */
const TITLES = { approve: 'decision.approveTitle', reject: 'decision.rejectTitle', requestPartnerAction: 'decision.requestTitle' } as const;

export function DecisionDialog(props: {
  /** The panel's props, as the dialog was given them. */
  of: DecisionDialogProps;
  name: keyof typeof TITLES & DesktopActionName;
  color: 'success' | 'warning' | 'error' | 'primary';
  /** The decision's arguments as the form holds them now (read at each render and again on send). */
  args(): DecisionArgs;
  children: ReactNode;
  maxWidth?: 'sm' | 'md';
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const format = (iso: string) => formatInstant(iso, locale, zone);
  const { decide, onClose, onDone, claim } = props.of;
  const blockedBy = decide.refusalOf(props.name, props.args());

  const send = async () => {
    if (blockedBy || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await decide.send(props.name, props.args());
      if (result.ok) onDone();
      else setError(refusalText(t, result.refusal, format));
    } catch (e) {
      setError(t('decision.engineError', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
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
        {t(TITLES[props.name], { number: claim.number })}
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
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color={props.color} onClick={() => void send()} disabled={!!blockedBy || busy} aria-describedby={blockedBy ? 'decision-missing' : undefined}>
          {t(`domain:action.${props.name}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
