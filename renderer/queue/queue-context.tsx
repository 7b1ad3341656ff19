// One queue for the whole desk: the full grid and the claim view's strip show the same filtered,
// sorted list, and J/K and "next claim after a decision" walk exactly that order.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useClient } from '../app/client-context.js';
import { QueueStore, type QueueFilter, type QueueSnapshot } from './queue-store.js';

const DEFAULT_FILTER: QueueFilter = { assignee: 'me', sort: { by: 'deadline', dir: 'asc' } };

const QueueContext = createContext<QueueStore | null>(null);

/** Claims change in bursts during a sync; one refetch per burst is enough. */
const REFRESH_DEBOUNCE_MS = 250;

export function QueueProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [store] = useState(() => new QueueStore(client, DEFAULT_FILTER));

  useEffect(() => {
    store.setFilter(store.getSnapshot().filter);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('claims.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => store.refresh(), REFRESH_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client, store]);

  return <QueueContext.Provider value={store}>{children}</QueueContext.Provider>;
}

export function useQueueStore(): QueueStore {
  const store = useContext(QueueContext);
  if (!store) throw new Error('useQueueStore outside QueueProvider');
  return store;
}

export function useQueue(): [QueueStore, QueueSnapshot] {
  const store = useQueueStore();
  return [store, useSyncExternalStore(store.subscribe, store.getSnapshot)];
}
