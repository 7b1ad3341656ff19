// Every decision made in this session, followed from "saved" (the engine has it on disk, at once)
// to "synced" (the server applied it) or "refused" (it is in the conflicts inbox). The reviewer
// has moved on to the next claim by then, so the outcome shows in a status strip, not on the claim.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DesktopActionName } from '../../shared/contract/sync.js';
import type { DeskClient } from '../api/client.js';
import { useClient } from '../app/client-context.js';

export interface TrackedDecision {
  mutationId: number;
  claimId: string;
  claimNumber: string;
  name: DesktopActionName;
  savedAt: number;
  state: 'saved' | 'synced' | 'refused';
}

interface TrackerApi {
  decisions: TrackedDecision[];
  track(d: Omit<TrackedDecision, 'state' | 'savedAt'>): void;
  dismiss(mutationId: number): void;
}

const TrackerContext = createContext<TrackerApi | null>(null);

const KEEP = 8;

export function DecisionTracker({ children }: { children: ReactNode }) {
  const client = useClient();
  const [decisions, setDecisions] = useState<TrackedDecision[]>([]);
  const current = useRef(decisions);
  useEffect(() => {
    current.current = decisions;
  }, [decisions]);

  /** Ask the engine where each still-unsynced decision stands. */
  const check = useCallback(async () => {
    const open = current.current.filter((d) => d.state === 'saved');
    const claimIds = [...new Set(open.map((d) => d.claimId))];
    const views = await Promise.all(claimIds.map((id) => client['claims.get']({ id }).catch(() => undefined)));
    const byClaim = new Map(claimIds.map((id, i) => [id, views[i]]));
    // A claim that left this desk (reassigned away, aged out) has no view to read the outcome from:
    // its refused decisions are in the conflicts inbox, and with nothing pending the rest were applied.
    const left = views.includes(null) ? await outcomesOffDesk(client).catch(() => undefined) : undefined;
    setDecisions((all) =>
      all.map((d) => {
        const view = byClaim.get(d.claimId);
        if (d.state !== 'saved' || view === undefined) return d;
        if (view === null) {
          if (!left) return d;
          if (left.refused.has(d.mutationId)) return { ...d, state: 'refused' };
          return left.pending === 0 ? { ...d, state: 'synced' } : d;
        }
        if (view.pending.some((p) => p.mutationId === d.mutationId)) return d;
        return { ...d, state: view.conflicts.some((c) => c.mutationId === d.mutationId) ? 'refused' : 'synced' };
      }),
    );
  }, [client]);

  useEffect(() => {
    const offs = [client.on('claims.changed', () => void check()), client.on('conflicts.changed', () => void check()), client.on('sync.status', () => void check())];
    return () => offs.forEach((off) => off());
  }, [client, check]);

  const track = useCallback(
    (d: Omit<TrackedDecision, 'state' | 'savedAt'>) => {
      setDecisions((all) => [{ ...d, state: 'saved' as const, savedAt: Date.now() }, ...all].slice(0, KEEP));
      // An online engine may have synced it before the event listener saw anything.
      setTimeout(() => void check(), 0);
    },
    [check],
  );
  const dismiss = useCallback((mutationId: number) => setDecisions((all) => all.filter((d) => d.mutationId !== mutationId)), []);

  const value = useMemo(() => ({ decisions, track, dismiss }), [decisions, track, dismiss]);
  return <TrackerContext.Provider value={value}>{children}</TrackerContext.Provider>;
}

async function outcomesOffDesk(client: DeskClient): Promise<{ refused: Set<number>; pending: number }> {
  const [conflicts, status] = await Promise.all([client['conflicts.list']({}), client['sync.status']({})]);
  return { refused: new Set(conflicts.map((c) => c.mutationId)), pending: status.pending };
}

export function useDecisionTracker(): TrackerApi {
  const t = useContext(TrackerContext);
  if (!t) throw new Error('useDecisionTracker outside DecisionTracker');
  return t;
}
