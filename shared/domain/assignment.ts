// Which reviewer a lead is offered for a claim (spec "Reviewer-side rules": a lead assigns and
// reassigns). The least open work wins; a disputed claim never goes back to the reviewer who
// rejected it, so the dispute gets a second pair of eyes.
import type { Assignee } from './model.js';

export interface ReviewerLoad extends Assignee {
  /** Claims assigned to them and not yet decided (submitted, in review, partner action required, open disputes). */
  openClaims: number;
}

/** The suggested assignee, or null when every reviewer is excluded. Ties go to the name, then the id, so the answer is stable. */
export function suggestAssignee(loads: readonly ReviewerLoad[], exclude: ReadonlySet<string> = new Set()): ReviewerLoad | null {
  let best: ReviewerLoad | null = null;
  for (const r of loads) {
    if (exclude.has(r.id)) continue;
    if (!best || r.openClaims < best.openClaims || (r.openClaims === best.openClaims && (r.name.localeCompare(best.name) || r.id.localeCompare(best.id)) < 0)) best = r;
  }
  return best;
}
