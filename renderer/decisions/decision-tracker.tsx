// Every decision made in this session, followed from "saved" (the engine has it on disk, at once)
// to "synced" (the server applied it) or "refused" (it is in the conflicts inbox). The reviewer
// has moved on to the next claim by then, so the outcome shows in a status strip, not on the claim.
// The engine announces each settlement (`decisions.settled`); nothing here polls for it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventPayload } from '../../shared/contract/desktop.js';
import type { DesktopActionName } from '../../shared/contract/sync.js';
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
const EARLY_KEPT = 100;

type SettledState = EventPayload<'decisions.settled'>['decisions'][number]['state'];

export function DecisionTracker({ children }: { children: ReactNode }) {
  const client = useClient();
  const [decisions, setDecisions] = useState<TrackedDecision[]>([]);
  // Settlements the engine announced before the decision was tracked (a fast sync can beat the
  // dialog's return); kept briefly so track() starts from the true state.
  const early = useRef(new Map<number, SettledState>());

  useEffect(
    () =>
      client.on('decisions.settled', ({ decisions: settled }) => {
        for (const d of settled) early.current.set(d.mutationId, d.state);
        while (early.current.size > EARLY_KEPT) early.current.delete(early.current.keys().next().value!);
        const states = new Map(settled.map((d) => [d.mutationId, d.state]));
        setDecisions((all) => all.map((d) => (d.state === 'saved' && states.has(d.mutationId) ? { ...d, state: states.get(d.mutationId)! } : d)));
      }),
    [client],
  );

  const track = useCallback((d: Omit<TrackedDecision, 'state' | 'savedAt'>) => {
    const state: TrackedDecision['state'] = early.current.get(d.mutationId) ?? 'saved';
    setDecisions((all) => [{ ...d, state, savedAt: Date.now() }, ...all].slice(0, KEEP));
  }, []);
  const dismiss = useCallback((mutationId: number) => setDecisions((all) => all.filter((d) => d.mutationId !== mutationId)), []);

  const value = useMemo(() => ({ decisions, track, dismiss }), [decisions, track, dismiss]);
  return <TrackerContext.Provider value={value}>{children}</TrackerContext.Provider>;
}

export function useDecisionTracker(): TrackerApi {
  const t = useContext(TrackerContext);
  if (!t) throw new Error('useDecisionTracker outside DecisionTracker');
  return t;
}
