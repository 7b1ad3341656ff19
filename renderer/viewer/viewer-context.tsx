// The PoE viewer of the open claim, shared with what drives it from outside: keyboard shortcuts
// (page, zoom, find), the checklist (pin evidence, jump to a suggestion's page) and the documents'
// loader (suggestions read the PoE text through it).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DocumentEntry } from '../api/documents.js';
import { useClient } from '../app/client-context.js';
import { DocumentLoader } from './document-loader.js';
import type { PageRegion, PdfController } from './pdf-controller.js';

export interface RegionPick {
  page: number;
  region: PageRegion;
}

interface ViewerApi {
  documents: DocumentEntry[];
  loader: DocumentLoader;
  controller: PdfController | null;
  setController(c: PdfController | null): void;
  activeSha: string | null;
  setActiveSha(sha: string): void;
  /** Bumped to ask the find bar to open and take focus (F, Ctrl+F). */
  findRequest: number;
  requestFind(): void;
  /** Set while the reviewer draws a region to pin; called with the region drawn. */
  regionPick: ((pick: RegionPick | null) => void) | null;
  pickRegion(done: (pick: RegionPick | null) => void): void;
  /** Open a document at a page, and optionally find a text there. */
  show(sha: string, page: number, find?: string): void;
}

const ViewerContext = createContext<ViewerApi | null>(null);

/**
 * The documents' loader of one claim (a new one when `claimId` changes, the old one let go). It is
 * the claim page's, not the viewer's: the page starts the PoE loading the moment it has the
 * documents' list, while the viewer around it is still being rendered (issue 18.2).
 */
export function useDocumentLoader(claimId: string): DocumentLoader {
  const client = useClient();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a loader per claim: claimId is the key
  const loader = useMemo(() => new DocumentLoader(() => client.documentHeaders()), [client, claimId]);
  useEffect(() => () => loader.destroy(), [loader]);
  return loader;
}

export function ViewerProvider({ documents, loader, children }: { documents: DocumentEntry[]; loader: DocumentLoader; children: ReactNode }) {
  const [controller, setController] = useState<PdfController | null>(null);
  const [activeSha, setActiveSha] = useState<string | null>(documents[0]?.sha256 ?? null);
  const [findRequest, setFindRequest] = useState(0);
  const [regionPick, setRegionPick] = useState<ViewerApi['regionPick']>(null);
  const [pendingShow, setPendingShow] = useState<{ sha: string; page: number; find?: string } | null>(null);

  useEffect(() => {
    if (!activeSha || !documents.some((d) => d.sha256 === activeSha)) setActiveSha(documents[0]?.sha256 ?? null);
  }, [documents, activeSha]);

  // A "show" waits until its document is the one on screen and its pages exist.
  useEffect(() => {
    if (!pendingShow || !controller || pendingShow.sha !== activeSha) return;
    const attempt = () => {
      if (controller.getState().pages === 0) return;
      controller.goToPage(pendingShow.page);
      if (pendingShow.find) controller.find(pendingShow.find);
      setPendingShow(null);
    };
    attempt();
    const off = controller.subscribe(attempt);
    return () => {
      off();
    };
  }, [pendingShow, controller, activeSha]);

  const requestFind = useCallback(() => setFindRequest((n) => n + 1), []);
  const pickRegion = useCallback((done: (pick: RegionPick | null) => void) => setRegionPick(() => (pick: RegionPick | null) => {
    setRegionPick(null);
    done(pick);
  }), []);
  const show = useCallback((sha: string, page: number, find?: string) => {
    setActiveSha(sha);
    setPendingShow({ sha, page, find });
  }, []);

  const value = useMemo<ViewerApi>(
    () => ({ documents, loader, controller, setController, activeSha, setActiveSha, findRequest, requestFind, regionPick, pickRegion, show }),
    [documents, loader, controller, activeSha, findRequest, requestFind, regionPick, pickRegion, show],
  );
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerApi {
  const v = useContext(ViewerContext);
  if (!v) throw new Error('useViewer outside ViewerProvider');
  return v;
}
