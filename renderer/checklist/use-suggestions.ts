// Runs the suggestion search over the text of every loaded PoE of the open claim, again whenever
// another document finishes loading.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Claim } from '../../shared/domain/claim.js';
import type { ChecklistKey } from '../../shared/domain/checklist.js';
import { useNow } from '../app/now.js';
import { useFirstPageSettled } from '../viewer/use-first-page-settled.js';
import { useViewer } from '../viewer/viewer-context.js';
import { suggest, type ItemSuggestions, type PageText } from './suggestions.js';

export interface SuggestionsState {
  byItem: Map<ChecklistKey, ItemSuggestions>;
  /** Documents whose text is still being read (loading, or extracting text). */
  reading: number;
  /** Documents that cannot be read now (password, damaged, cancelled): suggestions leave them out. */
  blocked: number;
}

const BLOCKED = new Set(['password', 'error', 'cancelled']);

export function useSuggestions(claim: Claim): SuggestionsState {
  const { documents, loader } = useViewer();
  // The document on screen draws its first page before any text is extracted (issue 18.2).
  const holding = !useFirstPageSettled();
  // The documents' phases, not their loading progress: the claim page re-renders when one is ready.
  const phases = useSyncExternalStore(loader.subscribe, () => documents.map((d) => loader.state(d.sha256).phase).join());
  const now = useNow();
  const today = now.slice(0, 10);
  const [pages, setPages] = useState<{ texts: PageText[]; unread: number }>({ texts: [], unread: documents.length });
  const blocked = documents.filter((d) => BLOCKED.has(loader.state(d.sha256).phase)).length;

  useEffect(() => {
    if (holding) return;
    let live = true;
    const reads = documents.map((d) => loader.pageTexts(d.sha256)?.then((texts) => texts.map((text, i) => ({ sha256: d.sha256, docName: d.name, page: i + 1, text }))));
    void Promise.all(reads.map((r) => r ?? Promise.resolve(null))).then((all) => {
      if (!live) return;
      setPages({ texts: all.flatMap((p) => p ?? []), unread: all.filter((p) => p === null).length });
    });
    return () => {
      live = false;
    };
  }, [documents, loader, phases, holding]);

  const byItem = useMemo(() => {
    const items = suggest(pages.texts, { products: claim.products, customerName: claim.customer.name, tenantId: claim.customer.tenantId, now: `${today}T12:00:00.000Z` });
    return new Map(items.map((s) => [s.item, s]));
  }, [pages.texts, claim.products, claim.customer.name, claim.customer.tenantId, today]);

  return { byItem, reading: Math.max(0, pages.unread - blocked), blocked };
}
