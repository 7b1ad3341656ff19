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
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClaimAsDecided } from '../../shared/contract/lead.js';
import type { ChecklistItem, ChecklistKey, EvidencePin } from '../../shared/domain/checklist.js';
import { checklistItemLabel, refusalText } from '../../shared/i18n/index.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { HistoryTimeline } from '../claim/HistoryTimeline.js';
import { formatInstant } from '../format/datetime.js';
import type { PdfController } from '../viewer/pdf-controller.js';
import { PoeViewer } from '../viewer/PoeViewer.js';
import { useViewerState } from '../viewer/use-viewer-state.js';
import { useDocumentLoader, useViewer, ViewerProvider } from '../viewer/viewer-context.js';
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

function pinLabel(t: TFunction, pin: EvidencePin): string {
  return `${t('lead:decided.page', { page: pin.page })}${pin.text ? ` · “${pin.text.slice(0, 40)}”` : ''}`;
}

function ChecklistAtDecision({ data }: { data: ClaimAsDecided }) {
  const { t } = useTranslation();
  const show = usePinShower();
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
          <Box
            component="li"
            key={key}
            sx={{ py: 0.75, pl: 1, borderLeft: 3, borderColor: item.state === 'missing' ? 'error.main' : item.state === 'passed' ? 'success.main' : 'divider', mb: 0.5 }}
          >
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {checklistItemLabel(t, key)} · {t(`domain:itemState.${item.state}`)}
            </Typography>
            {item.note && <Typography variant="body2">{t('lead:decided.note', { note: item.note })}</Typography>}
            {item.evidence.length > 0 && (
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
                {item.evidence.map((pin, i) => (
                  <Chip key={i} size="small" variant="outlined" clickable label={pinLabel(t, pin)} onClick={() => show(pin)} data-pin={pin.region ? 'region' : 'text'} />
                ))}
              </Box>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** The decision's first pinned region (else its first pin). */
function firstPin(checklist: ClaimAsDecided['checklist']): EvidencePin | null {
  const pins = Object.values(checklist ?? {}).flatMap((item) => item?.evidence ?? []);
  return pins.find((p) => p.region) ?? pins[0] ?? null;
}

/**
 * Draws a pinned region on its page and keeps it there, as soon as that page exists: the viewer
 * swaps documents and pdf.js fetches pages lazily, so it tries again until the box is on the page.
 */
function drawRegion(controller: PdfController, pin: EvidencePin): () => void {
  let tries = 0;
  const timer = setInterval(() => {
    controller.showRegion(pin.page, pin.region!, true);
    if (document.querySelector(`.poe-region-mark[data-kept]`) || ++tries > 40) clearInterval(timer);
  }, 250);
  return () => clearInterval(timer);
}

/** Shows a pin: its document and page, the region drawn or the quote found and highlighted. */
function usePinShower(): (pin: EvidencePin) => void {
  const viewer = useViewer();
  const [wanted, setWanted] = useState<EvidencePin | null>(null);
  const { firstPageDrawn } = useViewerState(viewer.controller);
  const { controller, activeSha } = viewer;
  useEffect(() => {
    if (!wanted?.region || !controller || activeSha !== wanted.documentSha256 || !firstPageDrawn) return;
    for (const old of document.querySelectorAll('.poe-region-mark[data-kept]')) old.remove();
    return drawRegion(controller, wanted);
  }, [wanted, controller, activeSha, firstPageDrawn]);
  return useCallback(
    (pin: EvidencePin) => {
      viewer.show(pin.documentSha256, pin.page, pin.region ? undefined : pin.text?.slice(0, 80));
      setWanted(pin);
    },
    [viewer],
  );
}

/** The decision's first pin is shown when the claim opens. */
function FirstPin({ checklist }: { checklist: ClaimAsDecided['checklist'] }) {
  const { controller } = useViewer();
  const show = usePinShower();
  const shown = useRef(false);
  useEffect(() => {
    const pin = firstPin(checklist);
    if (shown.current || !pin || !controller) return;
    shown.current = true;
    show(pin);
  }, [checklist, controller, show]);
  return null;
}
