// The conflicts inbox: each decision the server refused when it arrived, what it was, when it was
// made and received, why it was refused (the domain's sentence), and what to do: open the claim,
// re-apply the decision on the claim as it is now, or discard it. Nothing is dropped silently.
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import ReplayIcon from '@mui/icons-material/Replay';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../shared/contract/desktop.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';

export function ConflictsPage({ onOpen }: { onOpen(claimId: string): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Record<number, string>>({});
  const [discarding, setDiscarding] = useState<Conflict | null>(null);
  const at = (iso: string) => formatInstant(iso, locale, zone);

  const load = useCallback(() => {
    client['conflicts.list']({}).then(
      (list) => {
        setConflicts(list);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client]);
  useEffect(() => {
    load();
    return client.on('conflicts.changed', load);
  }, [client, load]);

  const reapply = async (c: Conflict) => {
    try {
      const result = await client['conflicts.reapply']({ mutationId: c.mutationId });
      setOutcome((o) => ({ ...o, [c.mutationId]: result.ok ? t('conflicts.reapplied') : refusalText(t, result.refusal, at) }));
      load();
    } catch (e) {
      setOutcome((o) => ({ ...o, [c.mutationId]: t('decision.engineError', { message: (e as Error).message }) }));
    }
  };
  const discard = async (c: Conflict) => {
    setDiscarding(null);
    try {
      await client['conflicts.discard']({ mutationId: c.mutationId });
      load();
    } catch (e) {
      setOutcome((o) => ({ ...o, [c.mutationId]: t('decision.engineError', { message: (e as Error).message }) }));
    }
  };

  return (
    <Box component="main" id="main" sx={{ p: 3, overflow: 'auto', height: '100%' }}>
      <Box sx={{ maxWidth: 980, mx: 'auto' }}>
        <Typography variant="h1" component="h1" sx={{ mb: 0.5 }}>
          {t('conflicts.title')}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
          {t('conflicts.intro')}
        </Typography>
        {error && (
          <Alert severity="error" action={<Button onClick={load}>{t('common.retry')}</Button>}>
            {t('conflicts.loadError', { message: error })}
          </Alert>
        )}
        {conflicts?.length === 0 && (
          <Paper variant="outlined" sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }}>
            {t('conflicts.empty')}
          </Paper>
        )}
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}>
          {conflicts?.map((c) => (
            <Paper component="li" variant="outlined" key={c.mutationId} data-conflict={c.claimNumber} sx={{ p: 2, borderLeft: 4, borderLeftColor: 'error.main' }}>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <SyncProblemIcon color="error" aria-hidden />
                <Typography variant="h2" component="h2">
                  {c.claimNumber} · {t(`domain:action.${c.name}`)}
                </Typography>
              </Box>
              <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
                {t('conflicts.when', { decided: at(c.decidedAt) })}
                {c.receivedAt ? ` · ${t('conflicts.received', { received: at(c.receivedAt) })}` : ''}
              </Typography>
              <Alert severity="warning" icon={false} sx={{ mt: 1.5 }}>
                <strong>{t('conflicts.why')}</strong> {refusalText(t, c.refusal, at)}
              </Alert>
              {outcome[c.mutationId] && (
                <Alert severity="info" sx={{ mt: 1 }}>
                  {outcome[c.mutationId]}
                </Alert>
              )}
              <Box sx={{ display: 'flex', gap: 1, mt: 1.5, flexWrap: 'wrap' }}>
                <Button variant="contained" startIcon={<OpenInNewIcon />} onClick={() => onOpen(c.claimId)}>
                  {t('conflicts.open')}
                </Button>
                <Button variant="outlined" startIcon={<ReplayIcon />} onClick={() => void reapply(c)}>
                  {t('conflicts.reapply')}
                </Button>
                <Button color="error" startIcon={<DeleteOutlineIcon />} onClick={() => setDiscarding(c)}>
                  {t('conflicts.discard')}
                </Button>
              </Box>
            </Paper>
          ))}
        </Box>
      </Box>
      <Dialog open={!!discarding} onClose={() => setDiscarding(null)} aria-labelledby="discard-title">
        <DialogTitle id="discard-title">{t('conflicts.discardTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{discarding && t('conflicts.discardBody', { action: t(`domain:action.${discarding.name}`), number: discarding.claimNumber })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDiscarding(null)}>{t('common.cancel')}</Button>
          <Button color="error" variant="contained" onClick={() => discarding && void discard(discarding)}>
            {t('conflicts.discard')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
