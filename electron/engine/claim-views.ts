// What the UI reads: every synced claim with this reviewer's pending decisions replayed on top
// (replay.ts), its pending and conflict marks, and the queue index over all of them. Kept up to
// date claim by claim as decisions and pull pages arrive; rebuilt whole only on start, after a
// resync, or when the business calendar changes. The queue is built from the claims' summaries;
// a claim's body is read only when it is shown, or replayed under a pending decision.
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { ClaimView, Conflict } from '../../shared/contract/desktop.js';
import type { LocalStore } from './local-store.js';
import { summarize } from './claim-summary.js';
import { QueueIndex } from './queue-index.js';
import { replay } from './replay.js';
import type { ClaimSummary, OutboxMutation, StoredConflict } from './store-files.js';

export function toConflict(c: StoredConflict): Conflict {
  return {
    mutationId: c.mutation.id,
    claimId: c.mutation.claimId,
    claimNumber: c.claimNumber,
    name: c.mutation.name,
    args: c.mutation.args,
    decidedAt: c.mutation.decidedAt,
    receivedAt: c.receivedAt,
    refusal: c.refusal,
  };
}

function groupByClaim<T>(items: readonly T[], claimId: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const id = claimId(item);
    const list = out.get(id);
    if (list) list.push(item);
    else out.set(id, [item]);
  }
  return out;
}

/** Claims opened on demand (outside the desk's scope) kept at once; the least recently used goes first. */
const VISITING_MAX = 20;

export class ClaimViews {
  readonly index = new QueueIndex();
  /**
   * Claims opened on demand from the claims service (the "Everyone" view), kept in memory while
   * they are used: never in the queue, never decided on, evicted when the desk holds the claim or
   * others were opened since, and gone at a restart (the service has them).
   */
  private readonly visiting = new Map<string, Claim>();
  /** Claims with pending decisions, as replayed (and their summaries); the others are shown as synced. */
  private readonly replayed = new Map<string, { claim: Claim; summary: ClaimSummary }>();
  private pendingBy = new Map<string, OutboxMutation[]>();
  private conflictsBy = new Map<string, StoredConflict[]>();

  constructor(
    private readonly store: LocalStore,
    private calendar: BusinessCalendar,
  ) {}

  setCalendar(calendar: BusinessCalendar): void {
    this.calendar = calendar;
    this.rebuild();
  }

  rebuild(): void {
    this.regroup();
    this.replayed.clear();
    const rows: { summary: ClaimSummary; pending: boolean; conflict: boolean }[] = [];
    for (const summary of this.store.synced.claims.values()) rows.push(this.derive(summary));
    this.index.reset(rows);
  }

  /** Re-derives these claims (a decision, a pull page, a settled or refused mutation). */
  refresh(ids: Iterable<string>): void {
    this.regroup();
    for (const id of new Set(ids)) {
      const synced = this.store.synced.claims.get(id);
      // Arrived on the desk: the synced copy is the one to show from now on.
      if (synced) this.visiting.delete(id);
      if (!synced) {
        this.replayed.delete(id);
        this.index.delete(id);
        continue;
      }
      const { summary, pending, conflict } = this.derive(synced);
      this.index.set(summary, pending, conflict);
    }
  }

  /** The claim as the UI shows it, or null when it is not (or no longer) visible to this user. */
  claim(id: string): Claim | null {
    return this.replayed.get(id)?.claim ?? this.store.syncedClaim(id) ?? this.visiting.get(id) ?? null;
  }

  /** Whether the desk holds this claim (its scope), as opposed to a claim opened on demand. */
  holds(id: string): boolean {
    return this.store.synced.claims.has(id);
  }

  /** Keeps a claim opened on demand (the newest use last), evicting the least recently used beyond the bound. */
  visit(claim: Claim): void {
    this.visiting.delete(claim.id);
    this.visiting.set(claim.id, claim);
    for (const id of this.visiting.keys()) {
      if (this.visiting.size <= VISITING_MAX) break;
      this.visiting.delete(id);
    }
  }

  /** Claims opened on demand and still kept. */
  visited(): Iterable<Claim> {
    return this.visiting.values();
  }

  view(id: string): ClaimView | null {
    const claim = this.claim(id);
    if (!claim) return null;
    return {
      claim,
      pending: (this.pendingBy.get(id) ?? []).map((r) => ({ mutationId: r.mutation.id, name: r.mutation.name, decidedAt: r.mutation.decidedAt })),
      conflicts: (this.conflictsBy.get(id) ?? []).map(toConflict),
    };
  }

  /** The summary of every claim the desk holds, as shown (a pending decision replayed). */
  *summaries(): Iterable<ClaimSummary> {
    for (const [id, summary] of this.store.synced.claims) yield this.replayed.get(id)?.summary ?? summary;
  }

  private regroup(): void {
    this.pendingBy = groupByClaim(this.store.pending(), (r) => r.mutation.claimId);
    this.conflictsBy = groupByClaim(this.store.conflicts.data.conflicts, (c) => c.mutation.claimId);
  }

  private derive(synced: ClaimSummary): { summary: ClaimSummary; pending: boolean; conflict: boolean } {
    const pending = this.pendingBy.get(synced.id);
    const body = pending && this.store.syncedClaim(synced.id);
    let summary = synced;
    if (pending && body) {
      const claim = replay(body, pending, this.calendar).claim;
      summary = summarize(claim, synced.at);
      this.replayed.set(synced.id, { claim, summary });
    } else {
      this.replayed.delete(synced.id);
    }
    return { summary, pending: pending !== undefined, conflict: this.conflictsBy.has(synced.id) };
  }
}
