// The open claim as the engine sees it (synced snapshot with this reviewer's pending decisions on
// top, or a claim outside the desk's scope opened on demand) and its documents, refetched whenever
// the engine says the claim changed.
import { useEffect, useState } from 'react';
import type { ClaimView } from '../../shared/contract/desktop.js';
import type { DocumentEntry } from '../api/documents.js';
import { useClient } from '../app/client-context.js';

export type ClaimState =
  | { phase: 'loading' }
  | { phase: 'missing' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; view: ClaimView; documents: DocumentEntry[] };

/** `onDocuments` (a stable callback) hears the documents' list first, before the claim view renders with it. */
export function useClaim(id: string, onDocuments?: (documents: DocumentEntry[]) => void): [ClaimState, () => void] {
  const client = useClient();
  const [state, setState] = useState<ClaimState>({ phase: 'loading' });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    // From the desk, or fetched from the claims service when it is not on the desk ("Everyone").
    // A claim that neither has (it left the desk while open, offline) has no documents to list either.
    // Both asked at once, as the PoE's first page waits on the documents' list (issue 18.2); for a
    // claim that is not on the desk the engine lists documents only once it has opened the claim.
    const load = async () => {
      const listed = client['documents.list']({ claimId: id }).catch(() => null);
      const view = await client['claims.open']({ id });
      return [view, view ? ((await listed) ?? (await client['documents.list']({ claimId: id }))) : []] as const;
    };
    load().then(
      ([view, documents]) => {
        if (!live) return;
        onDocuments?.(documents);
        setState((prev) => {
          if (!view) return { phase: 'missing' };
          // Keep the same documents array while nothing in it changed, so the viewer does not reload.
          const same = prev.phase === 'ready' && JSON.stringify(prev.documents) === JSON.stringify(documents);
          return { phase: 'ready', view, documents: same ? prev.documents : documents };
        });
      },
      (error: Error) => live && setState({ phase: 'error', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [client, id, tick, onDocuments]);

  useEffect(
    () =>
      client.on('claims.changed', ({ ids, all }) => {
        if (all || ids.includes(id)) setTick((n) => n + 1);
      }),
    [client, id],
  );

  return [state, () => setTick((n) => n + 1)];
}
