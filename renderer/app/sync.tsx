// The engine's sync state, kept live from its events: the status area, the conflicts badge and
// the "synced" mark on decisions all read it from here.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../shared/contract/desktop.js';
import { useClient } from './client-context.js';

interface SyncApi {
  status: SyncStatus | null;
  syncNow(): Promise<void>;
}

const SyncContext = createContext<SyncApi | null>(null);

export function SyncProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    const off = client.on('sync.status', setStatus);
    const offConflicts = client.on('conflicts.changed', ({ count }) => setStatus((s) => (s ? { ...s, conflicts: count } : s)));
    client['sync.status']({}).then(setStatus, () => undefined);
    return () => {
      off();
      offConflicts();
    };
  }, [client]);

  const syncNow = useCallback(async () => {
    setStatus(await client['sync.now']({}));
  }, [client]);

  const value = useMemo(() => ({ status, syncNow }), [status, syncNow]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncApi {
  const s = useContext(SyncContext);
  if (!s) throw new Error('useSync outside SyncProvider');
  return s;
}
