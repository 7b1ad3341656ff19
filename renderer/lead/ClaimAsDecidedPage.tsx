// A claim as it stood at one decision (issue 16.2): the decision, the checklist with every note and
// pinned evidence, the history up to that version, what happened after; beside them the PoE in the
// viewer, its pinned regions drawn as boxes on their pages and quoted text found and highlighted.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimAsDecided } from '../../shared/contract/lead.js';
import type { ChecklistItem, ChecklistKey } from '../../shared/domain/checklist.js';
import { refusalText } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { HistoryTimeline } from '../claim/HistoryTimeline.js';
import { formatInstant } from '../format/datetime.js';
import { PoeViewer } from '../viewer/PoeViewer.js';
import { useDocumentLoader, ViewerProvider } from '../viewer/viewer-context.js';
import { DecidedItem, FirstPin } from './decided-checklist.js';
import { lagLabel, reasonLabel } from './labels.js';
import { ReopenDialog } from './ReopenDialog.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

export function ClaimAsDecidedPage({ decisionId, onBack }: { decisionId: string; onBack(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const decided = useLeadQuery(() => client['lead.decision']({ id: decisionId }), decisionId);
  const claimId = decided.data?.claim.id;
  const documents = useLeadQuery(() => (claimId ? client['lead.documents']({ claimId }) : Promise.resolve([])), claimId ?? '');
  const data = decided.data;
  const loader = useDocumentLoader(data?.claim.id ?? '');
  const [reopening, setReopening] = useState(false);
  const [reopened, setReopened] = useState(false);

  return (
    <Box id="main" component="main" sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {t('lead:decided.back')}
        </Button>
        <Typography variant="h6" component="h1">
          {data ? t('lead:decided.title', { claim: data.claim.number }) : decisionId}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {data && (
          <Button variant="outlined" onClick={() => setReopening(true)}>
            {t('lead:reopen.action')}
          </Button>
        )}
      </Box>
      {reopened && (
        <Alert severity="success" onClose={() => setReopened(false)} sx={{ py: 0 }}>
          {t('lead:reopen.saved')}
        </Alert>
      )}
      {reopening && data && (
        <ReopenDialog
          claim={data.claim}
          onClose={(saved) => {
            setReopening(false);
            setReopened(saved);
          }}
        />
      )}
      <QueryStatus query={decided} />
      {decided.data && <QueryStatus query={documents} />}
      {data && documents.data && (
        <ViewerProvider key={data.claim.id} documents={documents.data} loader={loader}>
          <Box sx={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: 'minmax(360px, 30%) 1fr' }}>
            <Box component="aside" aria-label={t('lead:decided.decision')} sx={{ overflow: 'auto', borderRight: 1, borderColor: 'divider' }}>
              <DecisionSummary data={data} />
              <Divider />
              <ChecklistAtDecision data={data} />
              <Divider />
              <HistoryTimeline history={data.after} title={t('lead:decided.after')} />
              {data.after.length === 0 && (
                <Typography variant="body2" sx={{ px: 2, pb: 2, mt: -1, color: 'text.secondary' }}>
                  {t('lead:decided.nothingAfter')}
                </Typography>
              )}
              <Divider />
              <HistoryTimeline history={data.claim.history} title={t('lead:decided.history')} />
            </Box>
            <Box sx={{ minHeight: 0, display: 'flex', flexDirection: 'column' }}>
              {documents.data.length === 0 ? <Alert severity="info">{t('lead:decided.noDocuments')}</Alert> : <PoeViewer />}
            </Box>
          </Box>
          <FirstPin checklist={data.checklist} />
        </ViewerProvider>
      )}
    </Box>
  );
}

function DecisionSummary({ data }: { data: ClaimAsDecided }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const d = data.decision;
  const at = (iso: string) => formatInstant(iso, locale, zone);
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Typography variant="h2" component="h2">
        {t('lead:decided.decision')}
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 700 }}>
        {t(`domain:action.${d.action}`)} · {d.reviewer.name}
      </Typography>
      <Typography variant="body2">
        {data.claim.partnerName} · {data.claim.customer.name}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('lead:log.col.decidedAt')}: {at(d.decidedAt)} · {t('lead:log.col.receivedAt')}: {at(d.receivedAt)}
        {d.offline ? ` · ${lagLabel(t, d.lagMs)}` : ''}
      </Typography>
      {d.reasons.length > 0 && <Typography variant="body2">{d.reasons.map((r) => reasonLabel(t, r)).join(', ')}</Typography>}
      {d.comment && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', borderLeft: 3, borderColor: 'divider', pl: 1 }}>
          {d.comment}
        </Typography>
      )}
      {d.outcome === 'refused' && d.refusal && <Alert severity="error">{t('lead:log.refusedBecause', { reason: refusalText(t, d.refusal, at) })}</Alert>}
      {d.later.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {d.later.map((l) => (
            <Chip key={l} size="small" label={t(`lead:later.${l}`)} />
          ))}
        </Box>
      )}
    </Box>
  );
}

function ChecklistAtDecision({ data }: { data: ClaimAsDecided }) {
  const { t } = useTranslation();
  if (!data.checklist) {
    return (
      <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
        {t('lead:decided.noChecklist')}
      </Typography>
    );
  }
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
        {t('lead:decided.checklist')}
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {(Object.entries(data.checklist) as [ChecklistKey, ChecklistItem][]).map(([key, item]) => (
          <DecidedItem key={key} itemKey={key} item={item} />
        ))}
      </Box>
    </Box>
  );
}
