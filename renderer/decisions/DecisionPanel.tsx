// The decision buttons under the checklist: start review, approve, request partner action, reject.
// Each one the domain does not allow now is disabled, and the domain's reason is shown as text
// (and as the button's tooltip); A / P / X / S open the same dialogs from the keyboard.
import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplyIcon from '@mui/icons-material/Reply';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../shared/domain/claim.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import type { ReviewDraft } from '../checklist/review-draft.js';
import { formatInstant } from '../format/datetime.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import { ApproveDialog } from './ApproveDialog.js';
import { decisionGuards } from './guards.js';
import { RejectDialog } from './RejectDialog.js';
import { RequestActionDialog } from './RequestActionDialog.js';
import { useDecide } from './use-decide.js';

type Open = 'approve' | 'request' | 'reject' | null;

function DecisionButton(props: { label: string; keyHint: string; refusal: Refusal | null; reason: string; color: 'success' | 'warning' | 'error' | 'primary'; icon: ReactElement; variant: 'contained' | 'outlined'; onClick(): void }) {
  const button = (
    <Button
      fullWidth
      variant={props.variant}
      color={props.color}
      startIcon={props.icon}
      disabled={!!props.refusal}
      onClick={props.onClick}
      aria-keyshortcuts={props.keyHint}
      aria-describedby={props.refusal ? 'decision-blocked' : undefined}
      sx={{ justifyContent: 'space-between', py: 0.75 }}
      endIcon={
        <Box component="kbd" aria-hidden sx={{ fontFamily: 'inherit', fontSize: 11, border: 1, borderColor: 'currentcolor', borderRadius: 0.5, px: 0.5, opacity: 0.8 }}>
          {props.keyHint}
        </Box>
      }
    >
      <Box component="span" sx={{ flex: 1, textAlign: 'left' }}>
        {props.label}
      </Box>
    </Button>
  );
  return props.refusal ? (
    <Tooltip title={props.reason}>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

export function DecisionPanel({ claim, draft, onDecided }: { claim: Claim; draft: ReviewDraft; onDecided(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const { actor, calendar, zone } = useSignedIn();
  const decide = useDecide(claim, draft.whileDeciding);
  const [open, setOpen] = useState<Open>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const guards = decisionGuards(claim, actor, { now, calendar }, draft.checklist);
  const reason = (r: Refusal | null) => (r ? refusalText(t, r, (iso) => formatInstant(iso, locale, zone)) : '');

  const startReview = async () => {
    setStartError(null);
    const result = await decide.send('startReview', {}).catch((e: Error) => ({ ok: false as const, refusal: { code: 'engine', params: { message: e.message } } }));
    if (!result.ok) setStartError(result.refusal.code === 'engine' ? t('decision.engineError', { message: String(result.refusal.params?.message) }) : reason(result.refusal as Refusal));
  };

  useShortcuts({
    a: guards.approve ? null : () => setOpen('approve'),
    p: guards.requestPartnerAction ? null : () => setOpen('request'),
    x: guards.reject ? null : () => setOpen('reject'),
    s: guards.startReview ? null : () => void startReview(),
  });

  const done = () => {
    setOpen(null);
    onDecided();
  };

  // Say why once when every decision is blocked for the same reason (wrong status, not assigned).
  const blocked = [
    { label: t('domain:action.approve'), refusal: guards.approve },
    { label: t('domain:action.requestPartnerAction'), refusal: guards.requestPartnerAction },
    { label: t('domain:action.reject'), refusal: guards.reject },
  ].filter((b) => b.refusal);
  const texts = [...new Set(blocked.map((b) => reason(b.refusal)))];

  return (
    <Box component="section" aria-label={t('decision.title')} sx={{ p: 1.5, display: 'grid', gap: 1, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      {!guards.startReview && (
        <Button variant="contained" color="primary" startIcon={<PlayArrowIcon />} onClick={() => void startReview()} aria-keyshortcuts="S">
          {t('domain:action.startReview')} (S)
        </Button>
      )}
      {startError && <Alert severity="error">{startError}</Alert>}
      <DecisionButton label={t('domain:action.approve')} keyHint="A" refusal={guards.approve} reason={reason(guards.approve)} color="success" variant="contained" icon={<CheckCircleOutlineIcon />} onClick={() => setOpen('approve')} />
      <DecisionButton label={t('domain:action.requestPartnerAction')} keyHint="P" refusal={guards.requestPartnerAction} reason={reason(guards.requestPartnerAction)} color="warning" variant="contained" icon={<ReplyIcon />} onClick={() => setOpen('request')} />
      <DecisionButton label={t('domain:action.reject')} keyHint="X" refusal={guards.reject} reason={reason(guards.reject)} color="error" variant="outlined" icon={<CancelOutlinedIcon />} onClick={() => setOpen('reject')} />
      {blocked.length > 0 && (
        <Box id="decision-blocked" sx={{ display: 'grid', gap: 0.5 }}>
          {texts.length === 1 && blocked.length === 3 ? (
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              {texts[0]}
            </Typography>
          ) : (
            blocked.map((b) => (
              <Typography key={b.label} variant="caption" sx={{ color: 'text.secondary' }}>
                <Box component="strong" sx={{ color: 'text.primary' }}>
                  {b.label}:
                </Box>{' '}
                {reason(b.refusal)}
              </Typography>
            ))
          )}
        </Box>
      )}
      {open === 'approve' && <ApproveDialog claim={claim} checklist={draft.checklist} timeSpentMs={draft.timeSpentMs} decide={decide} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'reject' && <RejectDialog claim={claim} checklist={draft.checklist} timeSpentMs={draft.timeSpentMs} decide={decide} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'request' && (
        <RequestActionDialog
          claim={claim}
          checklist={draft.checklist}
          onFlag={(k, missing) => draft.setState(k, missing ? 'missing' : 'unchecked')}
          timeSpentMs={draft.timeSpentMs}
          decide={decide}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
    </Box>
  );
}
