// A claim's summary: what the desk reads of every claim it holds without reading the claim's body
// (the queue's row and search text, the PoE to prefetch), kept in snapshot.json and the journal
// beside where the body lies. Opening the store parses these, not every claim's history.
import type { Claim } from '../../shared/domain/claim.js';
import { claimHeadline } from '../../shared/domain/claim-headline.js';
import { nextRunningClock } from '../../shared/domain/clocks.js';
import { awaitsReview } from '../../shared/domain/lifecycle.js';
import type { BodyRef, ClaimSummary } from './store-files.js';

export function summarize(claim: Claim, at: BodyRef): ClaimSummary {
  const deadline = nextRunningClock(claim.clocks);
  // Assigned onto the headline, not spread into a new literal: the spread took V8's slow path,
  // about 10 us a claim (200 ms of a 20,000-claim first sync) against 1 us.
  return Object.assign(claimHeadline(claim), {
    version: claim.version,
    tenantId: claim.customer.tenantId,
    deadline: deadline ? { clock: deadline.clock, dueAt: deadline.state.dueAt } : null,
    awaitsReview: awaitsReview(claim),
    documents: claim.documents.map((d) => ({ sha256: d.sha256, size: d.size })),
    at,
  });
}
