// A reviewer's QA tasks (issue 16.8): the decisions sampled for their second look, and one task's
// blind review: the claim as it stood before the first decision, its PoE in the viewer beside the
// verdict, without that decision or its flags until this reviewer's verdict (outcome and every
// checklist item) is recorded.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaTaskView } from '../../shared/contract/lead.js';
import type { Checklist, ChecklistKey } from '../../shared/domain/checklist.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { QA_DECISIONS, type QaOutcome } from '../../shared/domain/qa.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { PoeViewer } from '../viewer/PoeViewer.js';
import { useDocumentLoader, ViewerProvider } from '../viewer/viewer-context.js';
import { actOnClaims } from './lead-acts.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

export function QaTasksPage({ onOpen }: { onOpen(taskId: string): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const tasks = useLeadQuery(() => client['qa.tasks']({}), 'qa-tasks');
  return (
    <Box id="main" component="main" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 900 }}>
      <Typography variant="h6" component="h1">
        {t('lead:qaTasks.title')}
      </Typography>
      <QueryStatus query={tasks} />
      {tasks.data && tasks.data.tasks.length === 0 && <Typography variant="body2">{t('lead:qaTasks.none')}</Typography>}
      <List aria-label={t('lead:qaTasks.title')}>
        {(tasks.data?.tasks ?? []).map((task) => (
          <ListItem key={task.taskId} disablePadding divider>
            <ListItemButton onClick={() => onOpen(task.taskId)} data-qa-task={task.claimNumber}>
              <ListItemText primary={`${task.claimNumber} · ${task.partnerName}`} secondary={t('lead:qaTasks.opened', { at: formatInstant(task.openedAt, locale, zone) })} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

function VerdictForm({ view, onRecorded }: { view: QaTaskView; onRecorded(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const keys = Object.keys(view.claim.review.checklist) as ChecklistKey[];
  const [outcome, setOutcome] = useState<QaOutcome>('approve');
  const [states, setStates] = useState<Record<string, 'passed' | 'missing'>>(() => Object.fromEntries(keys.map((k) => [k, 'passed'])));
  const [comment, setComment] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const record = async () => {
    setBusy(true);
    const checklist = Object.fromEntries(keys.map((k) => [k, { state: states[k]!, evidence: [] }])) as Checklist;
    const args = { taskId: view.taskId, outcome, checklist, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const result = await actOnClaims(client, t, [{ claimId: view.claim.id, label: view.claim.number, name: 'recordQaVerdict', args }]);
    setBusy(false);
    if (result.saved) onRecorded();
    else setRefused(result.refused.join(' '));
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
        {keys.map((k) => (
          <Box component="li" key={k} sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Typography variant="body2" id={`qa-${k}`} sx={{ flex: 1 }}>
              {checklistItemLabel(t, k)}
            </Typography>
            <ToggleButtonGroup size="small" exclusive value={states[k]} aria-labelledby={`qa-${k}`} onChange={(_e, v: 'passed' | 'missing' | null) => v && setStates((s) => ({ ...s, [k]: v }))}>
              <ToggleButton value="passed">{t('domain:itemState.passed')}</ToggleButton>
              <ToggleButton value="missing">{t('domain:itemState.missing')}</ToggleButton>
            </ToggleButtonGroup>
          </Box>
        ))}
      </Box>
      <TextField select size="small" label={t('lead:qaTasks.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as QaOutcome)} sx={{ maxWidth: 320 }}>
        {QA_DECISIONS.map((o) => (
          <MenuItem key={o} value={o}>
            {t(`domain:action.${o}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField size="small" label={t('lead:qaTasks.comment')} multiline value={comment} onChange={(e) => setComment(e.target.value)} />
      {refused && <Alert severity="error">{refused}</Alert>}
      <Box>
        <Button variant="contained" disabled={busy} onClick={() => void record()}>
          {t('lead:qaTasks.record')}
        </Button>
      </Box>
    </Paper>
  );
}

export function QaTaskPage({ taskId, onBack }: { taskId: string; onBack(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [round, setRound] = useState(0);
  const [recorded, setRecorded] = useState(false);
  const task = useLeadQuery(() => client['qa.task']({ taskId }), `${taskId}|${round}`);
  const documents = useLeadQuery(() => client['qa.documents']({ taskId }), taskId);
  const loader = useDocumentLoader(taskId);
  const view = task.data;
  // The verdict is saved on the desk at once and reaches the service with the next sync; until the
  // service has it, the task stays blind. Load it again as the desk's decisions settle.
  const waiting = recorded && view?.state === 'open';
  useEffect(() => (waiting ? client.on('decisions.settled', () => setRound((r) => r + 1)) : undefined), [waiting, client]);
  return (
    <Box id="main" component="main" sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {t('lead:qaTasks.title')}
        </Button>
        <Typography variant="h6" component="h1">
          {view ? t('lead:qaTasks.review', { claim: view.claim.number }) : ''}
        </Typography>
      </Box>
      <QueryStatus query={task} />
      {view && (
        <Box sx={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: 'minmax(420px, 34%) 1fr' }}>
          <Box component="aside" aria-label={t('lead:qaTasks.verdict')} sx={{ overflow: 'auto', borderRight: 1, borderColor: 'divider', p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            {recorded && <Alert severity="success">{t('lead:qaTasks.recorded')}</Alert>}
            <Typography variant="body2">
              {view.claim.partnerName} · {view.claim.customer.name} · {view.claim.products.map((p) => PRODUCTS[p].name).join(', ')}
            </Typography>
            {view.state === 'open' && !recorded ? (
              <>
                <Alert severity="info">{t('lead:qaTasks.blind')}</Alert>
                <VerdictForm
                  view={view}
                  onRecorded={() => {
                    setRecorded(true);
                    setRound((r) => r + 1);
                  }}
                />
              </>
            ) : (
              view.original && (
                <Alert severity={view.agreement && (!view.agreement.outcome || Object.values(view.agreement.items).some((s) => !s)) ? 'warning' : 'success'}>
                  {t('lead:qaTasks.answered', { outcome: t(`domain:action.${view.original.outcome}`) })}{' '}
                  {view.state === 'disagreed' ? t('lead:qaTasks.agreement.disagreed') : view.state === 'agreed' ? t('lead:qaTasks.agreement.agreed') : ''}
                </Alert>
              )
            )}
          </Box>
          {/* The PoE as the claim stood when it was decided: the task's claim, its documents only (no pins). */}
          <Box sx={{ minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            <QueryStatus query={documents} />
            {documents.data &&
              (documents.data.length === 0 ? (
                <Alert severity="info">{t('lead:decided.noDocuments')}</Alert>
              ) : (
                <ViewerProvider key={taskId} documents={documents.data} loader={loader}>
                  <PoeViewer />
                </ViewerProvider>
              ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}
