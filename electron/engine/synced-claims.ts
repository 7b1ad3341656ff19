// The claims as the server last sent them: snapshot.json (lowdb) plus the pull pages received since,
// appended to pulls.jsonl. The store keeps each claim as its summary (the body is in the claims
// file, claim-bodies.ts); folding pages works the same on whole claims. A page costs an append proportional to the page; the snapshot, whose
// rewrite costs the whole store, is rewritten only when the journal has grown large or a full
// resync completed. A full resync (`reset`) is staged: its pages fill a separate map and replace the
// claims only when the last page arrived, so a crash in the middle leaves the old claims in place
// and the resync resumes from the last page's cookie.
import type { PullResponse } from '../../shared/contract/sync.js';
import type { ClaimSummary, SnapshotDoc } from './store-files.js';

export interface PageEffect {
  /** Claims of the shown set that changed; `all` when a resync replaced the whole set. */
  changed: string[];
  all: boolean;
  /** The pull (this page and those before it) is complete: lastMutationId is now the server's. */
  complete: boolean;
}

/** A pull page in the order received, its claims as the holder keeps them. */
export interface PageRecord<T> {
  seq: number;
  page: Omit<PullResponse, 'claims'> & { claims: readonly T[] };
}

export class SyncedClaims<T extends { id: string } = ClaimSummary> {
  claims = new Map<string, T>();
  cookie: number | null = null;
  lastMutationId = 0;
  seenResults = new Set<number>();
  journalSeq = 0;
  /** A full resync in progress: pages received so far (null when none). */
  staging: Map<string, T> | null = null;
  /**
   * Applied mutations whose claim has not arrived yet in this pull. The server pages claims by
   * their latest change but results by their own, so a result can come pages before the claim
   * that shows it; settling it then would drop it from the view while the claim still lacks it,
   * and a decision made on that view would be refused. It settles when its claim arrives, or
   * when the pull (or the staged resync) completes.
   */
  private readonly awaitingClaim = new Map<number, string>();

  static fromSnapshot(doc: SnapshotDoc | null): SyncedClaims {
    const s = new SyncedClaims<ClaimSummary>();
    if (!doc) return s;
    s.claims = new Map(doc.claims.map((c) => [c.id, c]));
    s.cookie = doc.cookie;
    s.lastMutationId = doc.lastMutationId;
    s.seenResults = new Set(doc.seenResults);
    s.journalSeq = doc.journalSeq;
    return s;
  }

  /** Folds one page in. Pages are applied in the order received; a page already folded is skipped. */
  apply(record: PageRecord<T>): PageEffect {
    if (record.seq <= this.journalSeq) return { changed: [], all: false, complete: false };
    this.journalSeq = record.seq;
    const page = record.page;
    if (page.reset) {
      this.staging = new Map();
      // A full resync brings every result of this client again: start from the server's truth.
      this.seenResults.clear();
      this.awaitingClaim.clear();
    }
    const target = this.staging ?? this.claims;
    for (const claim of page.claims) target.set(claim.id, claim);
    for (const id of page.removed) target.delete(id);
    this.cookie = page.cookie;
    const arrived = new Set(page.claims.map((c) => c.id));
    for (const r of page.mutationResults) {
      // A refusal changed no claim: it settles at once (the conflicts inbox has it).
      if (r.status === 'refused' || (!this.staging && arrived.has(r.claimId))) this.seenResults.add(r.mutationId);
      else this.awaitingClaim.set(r.mutationId, r.claimId);
    }
    if (!this.staging) {
      for (const [id, claimId] of this.awaitingClaim) {
        if (!arrived.has(claimId)) continue;
        this.seenResults.add(id);
        this.awaitingClaim.delete(id);
      }
    }
    let all = false;
    const changed = this.staging ? [] : [...page.claims.map((c) => c.id), ...page.removed];
    if (!page.more) {
      if (this.staging) {
        this.claims = this.staging;
        this.staging = null;
        all = true;
      }
      // The server's value as it is, even lower than before: a service restored from a backup has
      // forgotten the decisions after it, and they must count as not processed.
      this.lastMutationId = page.lastMutationId;
      for (const id of this.awaitingClaim.keys()) this.seenResults.add(id);
      this.awaitingClaim.clear();
      for (const id of this.seenResults) if (id <= this.lastMutationId) this.seenResults.delete(id);
    }
    return { changed, all, complete: !page.more };
  }

  /** The highest mutation id this store has seen the server process. */
  highestProcessed(): number {
    return Math.max(this.lastMutationId, ...this.seenResults, ...this.awaitingClaim.keys());
  }

  /** Has the server settled this mutation (applied, or refused and moved to conflicts)? */
  isSettled(mutationId: number): boolean {
    return mutationId <= this.lastMutationId || this.seenResults.has(mutationId);
  }

  /** The snapshot to write; null while a resync is staged (the journal holds its pages until it completes). */
  toSnapshot(this: SyncedClaims, clientId: string, lastSyncAt: string | null, bodies: string): SnapshotDoc | null {
    if (this.staging) return null;
    return {
      format: 2,
      clientId,
      cookie: this.cookie,
      journalSeq: this.journalSeq,
      lastMutationId: this.lastMutationId,
      seenResults: [...this.seenResults],
      lastSyncAt,
      bodies,
      claims: [...this.claims.values()],
    };
  }
}
