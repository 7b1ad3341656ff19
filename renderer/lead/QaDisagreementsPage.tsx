// QA disagreements on the lead's desk (issue 16.8): the first decision, the QA verdict and where
// they differ (outcome, checklist items), why the decision was sampled; the lead upholds the first
// decision or reopens the claim, with a justification. The audit chain's state sits here too.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaDisagreementList } from '../../shared/contract/lead.js';
import type { ChecklistKey } from '../../shared/domain/checklist.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { AuditChainState } from './AuditChainState.js';
import { actOnClaims } from './lead-acts.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

type Disagreement = QaDisagreementList['disagreements'][number];

function DisagreementCard({ d, onResolved }: { d: Disagreement; onResolved(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [justification, setJustification] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const task = d.task;
  const differing = Object.entries(task.agreement?.items ?? {})
    .filter(([, same]) => !same)
    .map(([k]) => checklistItemLabel(t, k as ChecklistKey));
  const why = task.why.kind === 'first_decisions' ? t('lead:qa.whyFirst', { count: task.why.firstDecisions }) : t('lead:qa.whyShare', { draw: task.why.draw.toFixed(3), share: task.why.share });

  const resolve = async (resolution: 'upheld' | 'reopened') => {
    setBusy(true);
    const outcome = await actOnClaims(client, t, [
      { claimId: d.claimId, label: d.claimNumber, name: 'resolveQaDisagreement', args: { taskId: task.id, resolution, justification: justification.trim() } },
    ]);
    setBusy(false);
    if (outcome.saved) onResolved();
    else setRefused(outcome.refused.join(' '));
  };

  return (
    <Paper component="section" variant="outlined" aria-label={d.claimNumber} sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 0.75 }} data-qa-disagreement={d.claimNumber}>
      <Typography variant="h2" component="h2">
        {d.claimNumber} · {t(`domain:status.${d.status}`)}
      </Typography>
      <Typography variant="body2">{t('lead:qa.first', { outcome: t(`domain:action.${task.original.outcome}`), name: task.original.reviewer.name })}</Typography>
      {task.verdict && <Typography variant="body2">{t('lead:qa.verdict', { outcome: t(`domain:action.${task.verdict.outcome}`), name: task.qaReviewer.name })}</Typography>}
      {task.verdict?.comment && (
        <Typography variant="body2" sx={{ borderLeft: 3, borderColor: 'divider', pl: 1, whiteSpace: 'pre-wrap' }}>
          {task.verdict.comment}
        </Typography>
      )}
      <Typography variant="body2">{differing.length ? t('lead:qa.items', { items: differing.join(', ') }) : t('lead:qa.sameItems')}</Typography>
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {t('lead:qa.why', { why })}
      </Typography>
      <TextField size="small" label={t('lead:qa.justification')} required multiline value={justification} onChange={(e) => setJustification(e.target.value)} />
      {refused && <Alert severity="error">{refused}</Alert>}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" disabled={busy || !justification.trim()} onClick={() => void resolve('upheld')}>
          {t('lead:qa.uphold')}
        </Button>
        <Button variant="outlined" disabled={busy || !justification.trim()} onClick={() => void resolve('reopened')}>
          {t('lead:qa.reopen')}
        </Button>
      </Box>
    </Paper>
  );
}

export function QaDisagreementsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const list = useLeadQuery(() => client['lead.qaDisagreements']({}), 'qa');
  const [resolved, setResolved] = useState<string[]>([]);
  const open = (list.data?.disagreements ?? []).filter((d) => !resolved.includes(d.task.id));
  return (
    <Box id="main" component="main" sx={{ height: '100%', overflow: 'auto', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h6" component="h1">
        {t('lead:qa.title')}
      </Typography>
      <AuditChainState />
      <QueryStatus query={list} />
      {resolved.length > 0 && (
        <Alert severity="success" sx={{ py: 0 }}>
          {t('lead:qa.resolved')}
        </Alert>
      )}
      {list.data && open.length === 0 && <Typography variant="body2">{t('lead:qa.none')}</Typography>}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 2 }}>
        {open.map((d) => (
          <DisagreementCard key={d.task.id} d={d} onResolved={() => setResolved((r) => [...r, d.task.id])} />
        ))}
      </Box>
    </Box>
  );
}
