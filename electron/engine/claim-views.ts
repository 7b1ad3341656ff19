// What the UI reads: every synced claim with this reviewer's pending decisions replayed on top
// (replay.ts), its pending and conflict marks, and the queue index over all of them. Kept up to
// date claim by claim as decisions and pull pages arrive; rebuilt whole only on start, after a
// resync, or when the business calendar changes.
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { ClaimView, Conflict } from '../../shared/contract/desktop.js';
import type { LocalStore } from './local-store.js';
import { QueueIndex } from './queue-index.js';
import { replay } from './replay.js';
import type { OutboxMutation, StoredConflict } from './store-files.js';

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
  /** Claims with pending decisions, as replayed; the others are shown as synced. */
  private readonly replayed = new Map<string, Claim>();
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
    const rows: { claim: Claim; pending: boolean; conflict: boolean }[] = [];
    for (const claim of this.store.synced.claims.values()) rows.push(this.derive(claim));
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
      const { claim, pending, conflict } = this.derive(synced);
      this.index.set(claim, pending, conflict);
    }
  }

  /** The claim as the UI shows it, or null when it is not (or no longer) visible to this user. */
  claim(id: string): Claim | null {
    return this.replayed.get(id) ?? this.store.synced.claims.get(id) ?? this.visiting.get(id) ?? null;
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

  *claims(): Iterable<Claim> {
    for (const id of this.store.synced.claims.keys()) yield this.claim(id)!;
  }

  private regroup(): void {
    this.pendingBy = groupByClaim(this.store.pending(), (r) => r.mutation.claimId);
    this.conflictsBy = groupByClaim(this.store.conflicts.data.conflicts, (c) => c.mutation.claimId);
  }

  private derive(synced: Claim): { claim: Claim; pending: boolean; conflict: boolean } {
    const pending = this.pendingBy.get(synced.id);
    let claim = synced;
    if (pending) {
      claim = replay(synced, pending, this.calendar).claim;
      this.replayed.set(synced.id, claim);
    } else {
      this.replayed.delete(synced.id);
    }
    return { claim, pending: pending !== undefined, conflict: this.conflictsBy.has(synced.id) };
  }
}
