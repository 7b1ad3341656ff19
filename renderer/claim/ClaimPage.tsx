// The claim view: the queue beside it, the header with status and clocks, the PoE viewer (with
// details, comments and history one tab away), and the checklist with the decisions. After a
// decision the next claim of the queue opens, as in Relativity's review stream.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimView } from '../../shared/contract/desktop.js';
import { checklistKeys } from '../../shared/domain/checklist.js';
import type { DocumentEntry } from '../api/documents.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { ChecklistPanel } from '../checklist/ChecklistPanel.js';
import { useReviewDraft } from '../checklist/review-draft.js';
import { nextState } from '../checklist/shortcuts.js';
import { useSuggestions } from '../checklist/use-suggestions.js';
import { DecisionPanel } from '../decisions/DecisionPanel.js';
import { decisionGuards, reviewOpen } from '../decisions/guards.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import { useQueue } from '../queue/queue-context.js';
import { QueueStrip } from '../queue/QueueStrip.js';
import { PoeViewer } from '../viewer/PoeViewer.js';
import { dropFirstPage } from '../viewer/first-page.js';
import { useFirstPageSettled } from '../viewer/use-first-page-settled.js';
import { useDocumentLoader, ViewerProvider, useViewer } from '../viewer/viewer-context.js';
import { ClaimDetails } from './ClaimDetails.js';
import { ClaimHeader } from './ClaimHeader.js';
import { CommentsThread } from './CommentsThread.js';
import { HistoryTimeline } from './HistoryTimeline.js';
import { useClaim } from './use-claim.js';

type Pane = 'poe' | 'details' | 'comments' | 'history';

export function ClaimPage({ id, onOpen, onBack }: { id: string; onOpen(id: string): void; onBack(): void }) {
  const { t } = useTranslation();
  const loader = useDocumentLoader(id);
  // The first PoE starts loading as soon as its list arrives, while the claim view is rendered.
  const loadFirst = useCallback((documents: DocumentEntry[]) => documents[0] && loader.load(documents[0]), [loader]);
  const [state, reload] = useClaim(id, loadFirst);
  const [store, snap] = useQueue();
  // A claim's first page drawn at start has no place beside a "missing" or "failed" message.
  useEffect(() => {
    if (state.phase === 'missing' || state.phase === 'error') dropFirstPage();
  }, [state.phase]);

  // The claim after this one, remembered while this one is still in the queue: a decision can
  // move it out of the filter before "open the next" runs.
  const next = useRef<string | null>(null);
  useEffect(() => {
    store.lastOpened = id;
  }, [store, id]);
  useEffect(() => {
    const index = store.indexOf(id);
    if (index < 0) return;
    store.ensure(index + 1, index + 1);
    next.current = store.rowAt(index + 1)?.id ?? null;
  }, [store, id, snap.version]);

  const go = async (delta: number) => {
    const row = await store.neighbour(id, delta);
    if (row) onOpen(row.id);
  };
  useShortcuts({ j: () => void go(1), k: () => void go(-1) });

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '272px minmax(0, 1fr)', height: '100%', minHeight: 0 }}>
      <Box sx={{ borderRight: 1, borderColor: 'divider', minHeight: 0, bgcolor: 'background.paper' }}>
        <QueueStrip currentId={id} onOpen={onOpen} />
      </Box>
      {state.phase === 'loading' && (
        <Box sx={{ display: 'grid', placeItems: 'center' }}>
          <CircularProgress aria-label={t('claim.loading')} />
        </Box>
      )}
      {state.phase === 'missing' && (
        <Box sx={{ p: 4 }}>
          <Alert severity="warning" action={<Button onClick={onBack}>{t('nav.queue')}</Button>}>
            {t('claim.missing')}
          </Alert>
        </Box>
      )}
      {state.phase === 'error' && (
        <Box sx={{ p: 4 }}>
          <Alert severity="error" action={<Button onClick={reload}>{t('common.retry')}</Button>}>
            {t('claim.loadError', { message: state.message })}
          </Alert>
        </Box>
      )}
      {state.phase === 'ready' && (
        <ViewerProvider key={id} documents={state.documents} loader={loader}>
          <ClaimWorkspace view={state.view} documents={state.documents} onDecided={() => (next.current ? onOpen(next.current) : onBack())} />
        </ViewerProvider>
      )}
    </Box>
  );
}

function ClaimWorkspace({ view, documents, onDecided }: { view: ClaimView; documents: DocumentEntry[]; onDecided(): void }) {
  const { t } = useTranslation();
  const { claim } = view;
  const { actor, calendar } = useSignedIn();
  const now = useNow();
  const viewer = useViewer();
  const editable = reviewOpen(claim, actor, { now, calendar });
  const draft = useReviewDraft(claim, editable);
  const suggestions = useSuggestions(claim);
  const [pane, setPane] = useState<Pane>('poe');
  const guards = decisionGuards(claim, actor, { now, calendar }, draft.checklist);
  const keys = checklistKeys(claim.products);
  const checklistShown = useAfterFirstPage();

  const toggle = (n: number) => () => {
    const key = keys[n - 1];
    if (!key || !editable) return;
    draft.setState(key, nextState(draft.checklist[key]?.state ?? 'unchecked'));
  };
  const c = viewer.controller;
  useShortcuts({
    f: () => {
      setPane('poe');
      viewer.requestFind();
    },
    'ctrl+f': () => {
      setPane('poe');
      viewer.requestFind();
    },
    pagedown: () => c?.nextPage(),
    pageup: () => c?.previousPage(),
    '+': () => c?.zoomIn(),
    '=': () => c?.zoomIn(),
    '-': () => c?.zoomOut(),
    ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), toggle(n)])),
  });

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 380px', minHeight: 0, height: '100%' }}>
      <Box component="main" id="main" aria-label={t('claim.title', { number: claim.number })} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}>
        <ClaimHeader view={view} />
        <Tabs value={pane} onChange={(_e, p: Pane) => setPane(p)} aria-label={t('claim.panes')} sx={{ px: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
          <Tab value="poe" label={t('claim.poe', { count: documents.length })} id="tab-poe" aria-controls="pane" />
          <Tab value="details" label={t('claim.details')} id="tab-details" aria-controls="pane" />
          <Tab value="comments" label={t('claim.commentsCount', { count: claim.comments.length })} id="tab-comments" aria-controls="pane" />
          <Tab value="history" label={t('claim.history')} id="tab-history" aria-controls="pane" />
        </Tabs>
        <Box id="pane" role="tabpanel" aria-labelledby={`tab-${pane}`} sx={{ position: 'relative', flex: 1, minHeight: 0, display: 'flex' }}>
          <PoeViewer />
          {pane !== 'poe' && (
            <Box sx={{ position: 'absolute', inset: 0, bgcolor: 'background.default', overflow: 'auto' }}>
              {pane === 'details' && <ClaimDetails claim={claim} />}
              {pane === 'comments' && <CommentsThread claim={claim} refusal={guards.comment} />}
              {pane === 'history' && <HistoryTimeline history={claim.history} />}
            </Box>
          )}
        </Box>
      </Box>
      <Box component="aside" aria-label={t('checklist.panel')} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, borderLeft: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ flex: 1, overflow: 'auto', minHeight: 0 }}>{checklistShown && <ChecklistPanel claim={claim} draft={draft} editable={editable} suggestions={suggestions} />}</Box>
        <DecisionPanel claim={claim} draft={draft} onDecided={onDecided} />
      </Box>
    </Box>
  );
}

/** How long the checklist waits at most for the PoE's first page (a slow network, a long file). */
const CHECKLIST_WAIT_MS = 1500;

/**
 * The checklist is mounted once the PoE's first page is drawn (or could not be): rendering it first
 * took the main thread before the PoE was even asked for, and its re-renders competed with pdf.js
 * drawing the page (issue 18.2). After CHECKLIST_WAIT_MS it comes regardless. Its keyboard
 * shortcuts (1-9) are the workspace's and work all along; the decision panel, whose shortcuts
 * (A, P, X) are its own, is there from the start.
 */
function useAfterFirstPage(): boolean {
  const settled = useFirstPageSettled();
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), CHECKLIST_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  return settled || waited;
}
