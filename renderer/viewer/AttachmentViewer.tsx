// A PDF attached to a PoE, opened in the same viewer as the PoE itself (pdf.js without scripts,
// the same loading states, its own password prompt), in a dialog over the claim. Evidence is pinned
// only to the claim's own documents, so nothing here can be pinned.
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from './document-extras.js';
import { DocumentLoader, type DocumentSource } from './document-loader.js';
import { LoadProblem, LoadProgress } from './LoadStatus.js';
import type { PdfController } from './pdf-controller.js';
import { PdfPages } from './PdfPages.js';
import { ViewerToolbar } from './ViewerToolbar.js';

const noHeaders = () => ({});

export function AttachmentViewer({ attachment, parentName, onClose }: { attachment: Attachment; parentName: string; onClose(): void }) {
  const { t } = useTranslation();
  const [loader] = useState(() => new DocumentLoader(noHeaders));
  const [controller, setController] = useState<PdfController | null>(null);
  useSyncExternalStore(loader.subscribe, loader.getVersion);
  const source = useMemo<DocumentSource>(() => ({ sha256: `attachment:${attachment.filename}`, size: attachment.content.byteLength, damaged: false, data: attachment.content }), [attachment]);
  useEffect(() => () => loader.destroy(), [loader]);
  useEffect(() => loader.load(source), [loader, source]);
  const state = loader.state(source.sha256);
  const doc = state.phase === 'ready' ? state.doc : null;
  useEffect(() => {
    controller?.setDocument(doc);
  }, [controller, doc]);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" slotProps={{ paper: { sx: { height: '90vh' } } }} aria-labelledby="attachment-title">
      <DialogTitle id="attachment-title" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1 }}>
        <Box component="span" sx={{ flex: 1, overflowWrap: 'anywhere' }}>
          {t('viewer.attachmentTitle', { name: attachment.filename, parent: parentName })}
        </Box>
        <IconButton aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <ViewerToolbar controller={controller} doc={doc} filename={attachment.filename} />
      {state.phase === 'loading' && <LoadProgress name={attachment.filename} loaded={state.loaded} total={state.total} onCancel={() => loader.cancel(source.sha256)} />}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <PdfPages label={t('viewer.pages', { name: attachment.filename })} onController={setController}>
          {(state.phase === 'error' || state.phase === 'password' || state.phase === 'cancelled') && (
            <LoadProblem state={state} name={attachment.filename} onRetry={() => loader.load(source)} onPassword={(pw) => loader.submitPassword(source.sha256, pw)} onCancel={() => loader.cancel(source.sha256)} />
          )}
        </PdfPages>
      </Box>
    </Dialog>
  );
}
