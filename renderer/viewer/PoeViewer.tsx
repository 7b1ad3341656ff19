// The PoE viewer of a claim: one tab per document, the toolbar, a loading bar with cancel, the
// sidebar (thumbnails, outline, attachments), find, a note where the PDF carries a signature, and
// the pages themselves (pdf.js's viewer with its text layer). Damaged, missing and
// password-protected files get a message that says what to do.
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import PictureAsPdfOutlinedIcon from '@mui/icons-material/PictureAsPdfOutlined';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentExtras } from './document-extras.js';
import { FindBar } from './FindBar.js';
import { LoadProblem, LoadProgress } from './LoadStatus.js';
import { PdfPages } from './PdfPages.js';
import { RegionPicker } from './RegionPicker.js';
import { Sidebar, type SidebarView } from './Sidebar.js';
import { SignatureNote } from './SignatureNote.js';
import { useFirstPageSettled } from './use-first-page-settled.js';
import { useViewer } from './viewer-context.js';
import { warmPdfWorker } from './pdf-worker.js';
import { ViewerToolbar } from './ViewerToolbar.js';

export function PoeViewer() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { documents, loader, activeSha, controller, setController } = viewer;
  const [sidebarOpen, setSidebarOpen] = useState(true);
  const [sidebarView, setSidebarView] = useState<SidebarView>('thumbnails');
  const [findOpen, setFindOpen] = useState(false);
  const active = documents.find((d) => d.sha256 === activeSha) ?? null;
  // The document on screen's state only: the others loading must not re-render the viewer.
  const state = useSyncExternalStore(loader.subscribe, () => (active ? loader.state(active.sha256) : null));

  // Load the document on screen first, then the others (the checklist's suggestions read them all).
  useEffect(() => {
    if (!active) return;
    loader.load(active);
  }, [loader, active]);
  // Once the document on screen is settled, the others (each opened in the spare worker started
  // here, the last one's waiting for the next claim).
  const settled = useFirstPageSettled();
  useEffect(() => {
    if (!settled) return;
    for (const d of documents) if (loader.state(d.sha256).phase === 'idle') loader.load(d);
    warmPdfWorker();
  }, [settled, documents, loader]);

  const doc = state?.phase === 'ready' ? state.doc : null;
  const extras = useDocumentExtras(doc, settled);
  useEffect(() => {
    controller?.setDocument(doc);
  }, [controller, doc]);

  useEffect(() => {
    if (viewer.findRequest > 0) setFindOpen(true);
  }, [viewer.findRequest]);

  const closeFind = () => {
    setFindOpen(false);
    controller?.closeFind();
    controller?.focus();
  };

  if (documents.length === 0) {
    return (
      <Box sx={{ flex: 1, display: 'grid', placeItems: 'center', color: 'text.secondary', p: 4 }}>
        <Typography>{t('viewer.noDocuments')}</Typography>
      </Box>
    );
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, minWidth: 0 }}>
      <Tabs
        value={activeSha ?? false}
        onChange={(_e, sha: string) => viewer.setActiveSha(sha)}
        variant="scrollable"
        scrollButtons="auto"
        aria-label={t('viewer.documents')}
        sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
      >
        {documents.map((d, i) => (
          <Tab
            key={d.sha256}
            value={d.sha256}
            icon={<PictureAsPdfOutlinedIcon fontSize="small" aria-hidden />}
            iconPosition="start"
            label={
              <Box component="span" title={d.name} sx={{ maxWidth: 520, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {documents.length > 1 && (
                  <Box component="span" aria-hidden sx={{ fontWeight: 800, mr: 0.75 }}>
                    {i + 1}
                  </Box>
                )}
                {d.pages ? t('viewer.documentTab', { name: d.name, count: d.pages }) : d.name}
              </Box>
            }
            sx={{ minHeight: 40, py: 0, maxWidth: 'none' }}
          />
        ))}
      </Tabs>
      <ViewerToolbar
        controller={controller}
        doc={doc}
        filename={active?.name ?? ''}
        sidebar={{ open: sidebarOpen, onToggle: () => setSidebarOpen(!sidebarOpen) }}
        find={{ open: findOpen, onFind: () => (findOpen ? closeFind() : viewer.requestFind()) }}
      />
      {state?.phase === 'loading' && active && <LoadProgress name={active.name} loaded={state.loaded} total={state.total} onCancel={() => loader.cancel(active.sha256)} />}
      {findOpen && controller && <FindBar controller={controller} focusRequest={viewer.findRequest} onClose={closeFind} />}
      {extras.signature && active && <SignatureNote name={active.name} />}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {sidebarOpen && doc && controller && active && <Sidebar doc={doc} name={active.name} controller={controller} extras={extras} view={sidebarView} onView={setSidebarView} />}
        <PdfPages label={t('viewer.pages', { name: active?.name ?? '' })} onController={setController} firstPageOf={active?.sha256}>
          {viewer.regionPick && controller && <RegionPicker controller={controller} onPick={viewer.regionPick} />}
          {state && active && (state.phase === 'error' || state.phase === 'password' || state.phase === 'cancelled') && (
            <LoadProblem state={state} name={active.name} onRetry={() => loader.load(active)} onPassword={(pw) => loader.submitPassword(active.sha256, pw)} onCancel={() => loader.cancel(active.sha256)} />
          )}
        </PdfPages>
      </Box>
    </Box>
  );
}
