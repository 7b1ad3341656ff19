// A lead query (a channel the engine passes to the claims service): loads when its key changes,
// keeps what it last loaded when a later load fails, and says whether the failure was the network
// (the screen then says so in one line: QueryStatus).
import { useCallback, useEffect, useRef, useState } from 'react';
import { EngineCallError } from '../api/transport.js';
import { useSync } from '../app/sync.js';

export interface LeadQuery<T> {
  data: T | null;
  loading: boolean;
  /** The claims service could not be reached (or the desk is offline). */
  offline: boolean;
  /** Any other failure, as the engine said it. */
  error: string | null;
  reload(): void;
}

function isUnreachable(error: unknown): boolean {
  return error instanceof EngineCallError && (error.kind === 'unreachable' || error.status === 503);
}

export function useLeadQuery<T>(load: () => Promise<T>, key: string): LeadQuery<T> {
  const { status } = useSync();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<{ offline: boolean; message: string } | null>(null);
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef.current().then(
      (result) => {
        if (!live) return;
        setData(result);
        setFailure(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setFailure({ offline: isUnreachable(error), message: error instanceof Error ? error.message : String(error) });
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const offline = failure?.offline === true || (failure !== null && status?.connection === 'offline');
  return { data, loading, offline, error: failure && !offline ? failure.message : null, reload };
}
