// Recent decisions and where they stand: "Saved on this computer" at once, then "Synced" (or
// "Refused: see Conflicts"). Text and icon carry the state; it is announced politely.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Close';
import SaveOutlinedIcon from '@mui/icons-material/SaveOutlined';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecisionTracker, type TrackedDecision } from './decision-tracker.js';

/** How long a synced decision stays on screen. */
const SYNCED_VISIBLE_MS = 8000;

function Row({ d }: { d: TrackedDecision }) {
  const { t } = useTranslation();
  const { dismiss } = useDecisionTracker();
  useEffect(() => {
    if (d.state !== 'synced') return;
    const timer = setTimeout(() => dismiss(d.mutationId), SYNCED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [d.state, d.mutationId, dismiss]);
  const look = {
    saved: { Icon: SaveOutlinedIcon, color: 'info.main', text: t('decision.saved') },
    synced: { Icon: CheckCircleIcon, color: 'success.main', text: t('decision.synced') },
    refused: { Icon: SyncProblemIcon, color: 'error.main', text: t('decision.refused') },
  }[d.state];
  return (
    <Paper variant="outlined" data-decision-state={d.state} data-claim={d.claimNumber} sx={{ display: 'flex', alignItems: 'center', gap: 1, pl: 1.5, pr: 0.5, py: 0.5, boxShadow: 3 }}>
      <look.Icon sx={{ color: look.color, fontSize: 20 }} aria-hidden />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {d.claimNumber} · {t(`domain:action.${d.name}`)}
        </Typography>
        <Typography variant="caption" sx={{ color: look.color, fontWeight: 600 }}>
          {look.text}
        </Typography>
      </Box>
      <IconButton aria-label={t('common.dismiss')} onClick={() => dismiss(d.mutationId)}>
        <CloseIcon fontSize="small" />
      </IconButton>
    </Paper>
  );
}

export function DecisionStrip() {
  const { t } = useTranslation();
  const { decisions } = useDecisionTracker();
  return (
    <Box role="status" aria-live="polite" aria-label={t('decision.recent')} sx={{ position: 'fixed', left: 16, bottom: 16, zIndex: 1300, display: 'grid', gap: 1, width: 380 }}>
      {decisions.slice(0, 4).map((d) => (
        <Row key={d.mutationId} d={d} />
      ))}
    </Box>
  );
}
