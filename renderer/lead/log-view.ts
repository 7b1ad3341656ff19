// The decision log as the lead left it: filters, sort, page size, page and the cursors the pages so
// far started at (keyset pages). Kept while the desk runs, for the signed-in user, so that opening a
// claim as decided (or any other screen) and coming back returns to the same rows.
import { useEffect, useState } from 'react';
import type { LogFilter } from './LogFilters.js';

export interface LogView {
  filter: LogFilter;
  sort: 'newest' | 'oldest';
  pageSize: number;
  page: number;
  /** The cursor each page starts at, up to the current page. */
  cursors: (string | undefined)[];
}

export const FIRST_LOG_VIEW: LogView = { filter: {}, sort: 'newest', pageSize: 50, page: 0, cursors: [undefined] };

let kept: { userId: string; view: LogView } | null = null;

export function useLogView(userId: string): [LogView, (view: LogView) => void] {
  const [view, setView] = useState(() => (kept?.userId === userId ? kept.view : FIRST_LOG_VIEW));
  useEffect(() => {
    kept = { userId, view };
  }, [userId, view]);
  return [view, setView];
}
