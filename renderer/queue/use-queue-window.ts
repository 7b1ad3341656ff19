// A virtualised window on the queue, shared by the full grid and the strip beside a claim: only the
// rows on screen exist, and as they change the store is asked for them (it loads a page at a time
// from the engine), again whenever the queue's contents change.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';
import type { QueueSnapshot, QueueStore } from './queue-store.js';

export function useQueueWindow(store: QueueStore, snap: QueueSnapshot, scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number, overscan: number) {
  const total = snap.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) store.ensure(first, last);
  }, [store, first, last, total, snap.version]);
  return { virtualizer, items, total };
}
