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

export function useClaim(id: string): [ClaimState, () => void] {
  const client = useClient();
  const [state, setState] = useState<ClaimState>({ phase: 'loading' });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    // From the desk, or fetched from the claims service when it is not on the desk ("Everyone").
    // A claim that neither has (it left the desk while open, offline) has no documents to list either.
    const load = async () => {
      const view = await client['claims.open']({ id });
      return [view, view ? await client['documents.list']({ claimId: id }) : []] as const;
    };
    load().then(
      ([view, documents]) => {
        if (!live) return;
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
  }, [client, id, tick]);

  useEffect(
    () =>
      client.on('claims.changed', ({ ids, all }) => {
        if (all || ids.includes(id)) setTick((n) => n + 1);
      }),
    [client, id],
  );

  return [state, () => setTick((n) => n + 1)];
}
