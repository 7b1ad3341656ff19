// Whether the document on screen is settled: its first page drawn, or it waits on the reviewer or
// failed (password, error, cancelled), or the claim has no document. Until then nothing else
// competes with that page for the main thread or pdf.js's worker (issue 18.2): the other documents,
// thumbnails, the suggestions' text extraction, the document's outline and attachments, and the
// claim page's checklist and decision panel wait for it.
import { useSyncExternalStore } from 'react';
import { useViewerState } from './use-viewer-state.js';
import { useViewer } from './viewer-context.js';

export function useFirstPageSettled(): boolean {
  const { documents, loader, activeSha, controller } = useViewer();
  const firstPageDrawn = useViewerState(controller, (s) => s.firstPageDrawn);
  const phase = useSyncExternalStore(loader.subscribe, () => (activeSha ? loader.state(activeSha).phase : 'idle'));
  if (documents.length === 0) return true;
  return phase !== 'idle' && phase !== 'loading' && (phase !== 'ready' || firstPageDrawn);
}
