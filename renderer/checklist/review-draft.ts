// The checklist a reviewer is filling in, before it goes out with a decision. The engine keeps it
// per claim (drafts.get / drafts.save, durable like the decisions), so moving to the next claim and
// back, or restarting the engine or the browser, loses nothing. The UI changes at once and saves
// follow, debounced. The engine's draft also holds when the reviewer first opened the claim for
// review: the decision's timeSpentMs is measured from it. The checklist is always aligned with the
// claim's current products (the domain's alignChecklist).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MutateResult } from '../../shared/contract/desktop.js';
import { alignChecklist, type Checklist, type ChecklistItem, type ChecklistKey, type EvidencePin } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';
import { useClient } from '../app/client-context.js';
import { MAX_TIME_SPENT_MS } from '../../shared/domain/limits.js';

/** Changes made in a burst (typing a note, toggling with the keyboard) go to the engine as one save. */
const SAVE_DELAY_MS = 400;

export interface ReviewDraft {
  checklist: Checklist;
  setState(item: ChecklistKey, state: ChecklistItem['state']): void;
  setNote(item: ChecklistKey, note: string): void;
  pin(item: ChecklistKey, evidence: EvidencePin): void;
  unpin(item: ChecklistKey, index: number): void;
  /** Replace the whole checklist (the request dialog edits the flags). */
  replace(checklist: Checklist): void;
  /** Time since the reviewer first opened this claim for review, for the decision. */
  timeSpentMs(): number;
  /**
   * Runs a decision on this claim. The engine drops the draft when it accepts one, so no save may
   * reach it afterwards: saves wait while the decision is sent, and stop for good if it is accepted.
   */
  whileDeciding(send: () => Promise<MutateResult>): Promise<MutateResult>;
  /** Why the last save failed, or null; the checklist stays as it is and the next change tries again. */
  saveError: string | null;
}

/** `opensReview`: the decision is the reviewer's to take, so showing the claim starts the review. */
export function useReviewDraft(claim: Claim, opensReview: boolean): ReviewDraft {
  const client = useClient();
  const [checklist, setChecklist] = useState<Checklist>(() => alignChecklist(claim.review.checklist, claim.products));
  const [saveError, setSaveError] = useState<string | null>(null);
  // Stands in for the engine's openedAt until it answers (the first save sends it).
  const [shownAt] = useState(() => new Date().toISOString());
  const openedAt = useRef<string | null>(null);
  const unsaved = useRef<Checklist | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const held = useRef(false);
  const decided = useRef(false);
  const edited = useRef(false);
  const current = useRef(claim);
  current.current = claim;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = unsaved.current;
    if (!next || held.current || decided.current) return;
    unsaved.current = null;
    inFlight.current = client['drafts.save']({ claimId: claim.id, checklist: next, openedAt: openedAt.current ?? shownAt }).then(
      (draft) => {
        openedAt.current = draft.openedAt;
        setSaveError(null);
      },
      (error: Error) => {
        // Kept for the next attempt unless a newer checklist is already waiting.
        unsaved.current ??= next;
        setSaveError(error.message);
      },
    );
  }, [client, claim.id, shownAt]);

  const schedule = useCallback(
    (next: Checklist) => {
      unsaved.current = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  // The engine's draft, if there is one; otherwise the first save records that the review began.
  useEffect(() => {
    let live = true;
    client['drafts.get']({ claimId: claim.id }).then(
      (draft) => {
        if (!live) return;
        if (draft) {
          openedAt.current = draft.openedAt;
          // A change made before the answer came is newer than the stored draft.
          if (!edited.current) setChecklist(alignChecklist(draft.checklist, current.current.products));
        } else if (opensReview && !edited.current) {
          unsaved.current = alignChecklist(current.current.review.checklist, current.current.products);
          flush();
        }
      },
      (error: Error) => live && setSaveError(error.message),
    );
    return () => {
      live = false;
    };
  }, [client, claim.id, opensReview, flush]);

  // Leaving the claim (or the page) saves what is still waiting rather than dropping it.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  // A partner edit can add or remove products while the claim is open. (The claim view is keyed
  // by claim, so a different claim starts with fresh state.)
  useEffect(() => setChecklist((c) => alignChecklist(c, claim.products)), [claim.products]);

  const update = useCallback(
    (fn: (c: Checklist) => Checklist) =>
      setChecklist((c) => {
        const next = fn(c);
        edited.current = true;
        schedule(next);
        return next;
      }),
    [schedule],
  );
  const change = useCallback(
    (item: ChecklistKey, fn: (i: ChecklistItem) => ChecklistItem) =>
      update((c) => ({ ...c, [item]: fn(c[item] ?? { state: 'unchecked', evidence: [] }) })),
    [update],
  );

  const whileDeciding = useCallback(
    async (send: () => Promise<MutateResult>) => {
      held.current = true;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      await inFlight.current;
      try {
        const result = await send();
        if (result.ok) decided.current = true;
        return result;
      } finally {
        held.current = false;
        if (!decided.current) flush();
      }
    },
    [flush],
  );

  return {
    checklist,
    setState: useCallback((item, state) => change(item, (i) => ({ ...i, state })), [change]),
    setNote: useCallback((item, note) => change(item, (i) => (note ? { ...i, note } : { state: i.state, evidence: i.evidence })), [change]),
    pin: useCallback((item, evidence) => change(item, (i) => ({ ...i, evidence: [...i.evidence, evidence].slice(-50) })), [change]),
    unpin: useCallback((item, index) => change(item, (i) => ({ ...i, evidence: i.evidence.filter((_, n) => n !== index) })), [change]),
    replace: useCallback((next) => update(() => next), [update]),
    timeSpentMs: useCallback(() => Math.min(Math.max(0, Date.now() - Date.parse(openedAt.current ?? shownAt)), MAX_TIME_SPENT_MS), [shownAt]),
    whileDeciding,
    saveError,
  };
}
