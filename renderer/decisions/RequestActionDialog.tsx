// Request partner action: the missing flags are the reasons (editable here: unticking a reason
// clears its flag, so the checklist and the request never disagree), a required comment, and a
// preview of exactly what the partner will read, with the date their response is due.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { checklistKeys, reasonsFromChecklist, type ChecklistKey } from '../../shared/domain/checklist.js';
import { dueAfter } from '../../shared/domain/clocks.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { StatusChip } from '../claim/StatusChip.js';
import { formatInstant } from '../format/datetime.js';
import { DecisionComment, useDecisionComment } from './decision-comment.js';
import { DecisionDialog, type DecisionDialogProps } from './DecisionDialog.js';

export function RequestActionDialog(props: DecisionDialogProps & { onFlag(key: ChecklistKey, missing: boolean): void }) {
  const { claim, checklist } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const { calendar, zone } = useSignedIn();
  const { comment, setComment, commentId } = useDecisionComment();
  const keys = checklistKeys(claim.products);
  const reasons = reasonsFromChecklist(checklist);
  const notes = keys.filter((k) => checklist[k]?.state === 'missing' && checklist[k]?.note).map((k) => `${checklistItemLabel(t, k)}: ${checklist[k]!.note}`);
  const respondBy = dueAfter(calendar, 'partner_response', now);

  return (
    <DecisionDialog of={props} name="requestPartnerAction" color="warning" maxWidth="md" args={() => ({ checklist, comment, commentId, timeSpentMs: props.timeSpentMs() })}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 3 }}>
        <Box>
          <FormLabel component="legend" sx={{ fontWeight: 600, color: 'text.primary' }}>
            {t('decision.reasons')}
          </FormLabel>
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mb: 0.5 }}>
            {t('decision.reasonsHelp')}
          </Typography>
          <FormGroup>
            {keys.map((k) => (
              <FormControlLabel
                key={k}
                control={<Checkbox size="small" checked={checklist[k]?.state === 'missing'} onChange={(e) => props.onFlag(k, e.target.checked)} />}
                label={<Typography variant="body2">{checklistItemLabel(t, k)}</Typography>}
              />
            ))}
          </FormGroup>
          <DecisionComment required minRows={4} value={comment} onChange={setComment} sx={{ mt: 2 }} autoFocus />
          {notes.length > 0 && (
            <Button size="small" sx={{ mt: 0.5 }} onClick={() => setComment((c) => [c.trim(), ...notes].filter(Boolean).join('\n'))}>
              {t('decision.insertNotes')}
            </Button>
          )}
        </Box>
        <Box>
          <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
            {t('decision.preview')}
          </Typography>
          <Paper variant="outlined" sx={{ p: 2, bgcolor: 'background.default' }} aria-label={t('decision.preview')}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>
                {claim.number} · {claim.customer.name}
              </Typography>
              <StatusChip status="partner_action_required" />
            </Box>
            {reasons.length === 0 ? (
              <Typography variant="body2" sx={{ color: 'error.main' }}>
                {t('domain:refusal.no_missing_items')}
              </Typography>
            ) : (
              <Box component="ul" sx={{ pl: 2.5, my: 1 }}>
                {reasons.map((r) => (
                  <Box component="li" key={r.code} sx={{ mb: 0.75 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {t(`domain:parReason.${r.code}`)}
                      {r.code === 'products_missing' ? `: ${r.products.map((p) => PRODUCTS[p].name).join(', ')}` : ''}
                    </Typography>
                    <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                      {t(`domain:parReasonHelp.${r.code}`)}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', borderLeft: 3, borderColor: 'divider', pl: 1.5, my: 1.5, fontStyle: comment.trim() ? 'normal' : 'italic', color: comment.trim() ? 'text.primary' : 'text.secondary' }}>
              {comment.trim() || t('decision.commentPlaceholder')}
            </Typography>
            <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
              {t('decision.respondBy', { deadline: formatInstant(respondBy, locale, zone, 'deadline') })}
            </Typography>
          </Paper>
        </Box>
      </Box>
    </DecisionDialog>
  );
}
