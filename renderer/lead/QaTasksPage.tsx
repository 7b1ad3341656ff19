// A reviewer's QA tasks (issue 16.8): the decisions sampled for their second look, and one task's
// blind review: the claim as it stood before the first decision, its PoE in the viewer beside the
// verdict, without that decision or its flags until this reviewer's verdict (outcome and every
// checklist item) is recorded; after it, the first decision beside the verdict, item by item, its
// pins drawn in the viewer.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
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
import type { Checklist, ChecklistItem, ChecklistKey } from '../../shared/domain/checklist.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { isQaDisagreement, QA_DECISIONS, type QaComparison, type QaOutcome } from '../../shared/domain/qa.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { PoeViewer } from '../viewer/PoeViewer.js';
import { useDocumentLoader, ViewerProvider } from '../viewer/viewer-context.js';
import { DecidedItem, FirstPin } from './decided-checklist.js';
import { reasonLabel } from './labels.js';
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
            <ToggleButtonGroup size="small" exclusive value={states[k]} sx={{ whiteSpace: 'nowrap' }} aria-labelledby={`qa-${k}`} onChange={(_e, v: 'passed' | 'missing' | null) => v && setStates((s) => ({ ...s, [k]: v }))}>
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

/** The first decision as the QA reviewer compares it with their verdict: outcome, reasons, each item beside theirs, comment. */
function FirstDecisionBeside({ comparison, state }: { comparison: QaComparison; state: QaTaskView['state'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const { original, verdict, agreement } = comparison;
  return (
    <>
      <Alert severity={isQaDisagreement(agreement) ? 'warning' : 'success'}>
        {t('lead:qaTasks.answered', { outcome: t(`domain:action.${original.outcome}`) })}{' '}
        {state === 'disagreed' ? t('lead:qaTasks.agreement.disagreed') : state === 'agreed' ? t('lead:qaTasks.agreement.agreed') : ''}
      </Alert>
      <Typography variant="h2" component="h2">
        {t('lead:qaTasks.firstDecision')}
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 700 }}>
        {t(`domain:action.${original.outcome}`)} · {original.reviewer.name} <AgreementMark same={agreement.outcome} />
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('lead:log.col.decidedAt')}: {formatInstant(original.decidedAt, locale, zone)} · {t('lead:qaTasks.yourOutcome', { outcome: t(`domain:action.${verdict.outcome}`) })}
      </Typography>
      {comparison.reasons.length > 0 && <Typography variant="body2">{comparison.reasons.map((r) => reasonLabel(t, r)).join(', ')}</Typography>}
      {comparison.comment && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', borderLeft: 3, borderColor: 'divider', pl: 1 }}>
          {comparison.comment}
        </Typography>
      )}
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {(Object.entries(original.checklist) as [ChecklistKey, ChecklistItem][]).map(([key, item]) => (
          <DecidedItem key={key} itemKey={key} item={item}>
            <Typography variant="body2" data-qa-item={key} sx={{ mt: 0.5 }}>
              {t('lead:qaTasks.yourItem', { state: t(`domain:itemState.${verdict.checklist[key]?.state ?? 'unchecked'}`) })} <AgreementMark same={agreement.items[key] ?? true} />
            </Typography>
          </DecidedItem>
        ))}
      </Box>
      {verdict.comment && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {t('lead:qaTasks.yourComment', { comment: verdict.comment })}
        </Typography>
      )}
    </>
  );
}

function AgreementMark({ same }: { same: boolean }) {
  const { t } = useTranslation();
  return <Chip size="small" color={same ? 'success' : 'error'} icon={same ? <CheckIcon /> : <CloseIcon />} label={t(same ? 'lead:qaTasks.same' : 'lead:qaTasks.differs')} data-agrees={same} />;
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
      {view && <QueryStatus query={documents} />}
      {view && documents.data && (
        <ViewerProvider key={taskId} documents={documents.data} loader={loader}>
          <Box sx={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: 'minmax(420px, 34%) 1fr' }}>
            <Box component="aside" aria-label={t('lead:qaTasks.verdict')} sx={{ overflow: 'auto', borderRight: 1, borderColor: 'divider', p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
              {recorded && !view.comparison && <Alert severity="success">{t('lead:qaTasks.recorded')}</Alert>}
              <Typography variant="body2">
                {view.claim.partnerName} · {view.claim.customer.name} · {view.claim.products.map((p) => PRODUCTS[p].name).join(', ')}
              </Typography>
              {view.comparison ? (
                <FirstDecisionBeside comparison={view.comparison} state={view.state} />
              ) : (
                view.state === 'open' &&
                !recorded && (
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
                )
              )}
            </Box>
            {/* The PoE as the claim stood when it was decided; once the verdict is recorded, the first decision's pins are drawn on it. */}
            <Box sx={{ minHeight: 0, display: 'flex', flexDirection: 'column' }}>
              {documents.data.length === 0 ? <Alert severity="info">{t('lead:decided.noDocuments')}</Alert> : <PoeViewer />}
            </Box>
          </Box>
          {view.comparison && <FirstPin checklist={view.comparison.original.checklist} />}
        </ViewerProvider>
      )}
    </Box>
  );
}
