// The checklist a reviewer is filling in, before it goes out with a decision. It is kept per claim
// on this machine (moving to the next claim and back, or restarting, loses nothing) and always
// aligned with the claim's current products (the domain's alignChecklist).
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { alignChecklist, Checklist, type ChecklistItem, type ChecklistKey, type EvidencePin } from '../../shared/domain/checklist.js';
import type { Claim } from '../../shared/domain/claim.js';

const Draft = z.object({ checklist: Checklist });
const key = (claimId: string) => `poe-desk:review-draft:${claimId}`;

function read(claim: Claim): Checklist {
  try {
    const raw = localStorage.getItem(key(claim.id));
    const parsed = raw ? Draft.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) return alignChecklist(parsed.data.checklist, claim.products);
  } catch {
    // An unreadable draft is as good as none: start from the claim's own checklist.
  }
  return alignChecklist(claim.review.checklist, claim.products);
}

export function clearDraft(claimId: string) {
  localStorage.removeItem(key(claimId));
}

export interface ReviewDraft {
  checklist: Checklist;
  setState(item: ChecklistKey, state: ChecklistItem['state']): void;
  setNote(item: ChecklistKey, note: string): void;
  pin(item: ChecklistKey, evidence: EvidencePin): void;
  unpin(item: ChecklistKey, index: number): void;
  /** Replace the whole checklist (the request dialog edits the flags). */
  replace(checklist: Checklist): void;
}

export function useReviewDraft(claim: Claim): ReviewDraft {
  const [checklist, setChecklist] = useState<Checklist>(() => read(claim));
  // A partner edit can add or remove products while the claim is open. (The claim view is keyed
  // by claim, so a different claim starts with fresh state.)
  useEffect(() => setChecklist((c) => alignChecklist(c, claim.products)), [claim.products]);

  const update = useCallback(
    (fn: (c: Checklist) => Checklist) =>
      setChecklist((c) => {
        const next = fn(c);
        localStorage.setItem(key(claim.id), JSON.stringify({ checklist: next }));
        return next;
      }),
    [claim.id],
  );
  const change = useCallback(
    (item: ChecklistKey, fn: (i: ChecklistItem) => ChecklistItem) =>
      update((c) => ({ ...c, [item]: fn(c[item] ?? { state: 'unchecked', evidence: [] }) })),
    [update],
  );

  return {
    checklist,
    setState: useCallback((item, state) => change(item, (i) => ({ ...i, state })), [change]),
    setNote: useCallback((item, note) => change(item, (i) => (note ? { ...i, note } : { state: i.state, evidence: i.evidence })), [change]),
    pin: useCallback((item, evidence) => change(item, (i) => ({ ...i, evidence: [...i.evidence, evidence].slice(-50) })), [change]),
    unpin: useCallback((item, index) => change(item, (i) => ({ ...i, evidence: i.evidence.filter((_, n) => n !== index) })), [change]),
    replace: useCallback((next) => update(() => next), [update]),
  };
}
