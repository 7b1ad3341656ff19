// The PoE documents on this computer: what the viewer is told about a claim's documents (cached,
// damaged, where to load them), making one available when the viewer asks (from the cache, checked
// against its hash at first use, or downloaded now), and fetching the documents of the reviewer's
// open claims after each sync (document-prefetch.ts, on its own retry schedule).
import type { ChannelResult } from '../../shared/contract/desktop.js';
import type { Claim } from '../../shared/domain/claim.js';
import { DocumentPrefetch } from './document-prefetch.js';
import type { EngineCore } from './engine-core.js';
import type { PoeCache } from './poe-cache.js';
import type { ServerClient } from './server-client.js';

export class DocumentAccess {
  private readonly prefetcher: DocumentPrefetch;
  /** Sizes of the PoE of claims opened without the desk holding them (lead.documents, qa.documents), so the viewer can fetch them. */
  private readonly offDeskDocuments = new Map<string, number>();
  /** Documents whose copy here was found damaged (and removed) and not downloaded again yet. */
  private readonly damagedCopies = new Set<string>();

  constructor(
    private readonly core: EngineCore,
    readonly cache: PoeCache,
    /** The signed-in user's client, if any. */
    private readonly client: () => ServerClient | null,
  ) {
    this.prefetcher = new DocumentPrefetch(cache, {
      backoff: core.options.documentBackoff ?? { baseMs: 5_000, maxMs: 10 * 60_000 },
      onProgress: (progress) => core.status.set({ progress: progress && { phase: 'documents', ...progress } }),
      onRetryDue: () => {
        const client = this.client();
        if (client) void this.prefetch(client);
      },
    });
  }

  /** Downloads the PoE of the user's assigned open claims that are not cached yet (never throws). */
  async prefetch(client: ServerClient): Promise<void> {
    const user = this.core.store.session.data.user;
    if (!user) return;
    const wanted = new Map<string, number>();
    for (const claim of this.core.views.summaries()) {
      if (claim.assignee?.id !== user.id || !claim.awaitsReview) continue;
      for (const d of claim.documents) wanted.set(d.sha256, d.size);
    }
    await this.prefetcher.run(client, wanted);
  }

  /** documents.list, lead.documents and qa.documents: each document of the claim as the viewer needs to know it. */
  entries(claim: Claim): Promise<ChannelResult<'documents.list'>> {
    const url = this.core.options.documentUrl ?? ((sha: string) => `poe://documents/${sha}`);
    return Promise.all(
      claim.documents.map(async (d) => {
        const cached = await this.checkedCopy(d.sha256);
        // A damaged copy was removed: fetch it again now (online), as a first open would.
        if (!cached && this.damagedCopies.has(d.sha256)) void this.ensure(d.sha256).catch(() => false);
        return { sha256: d.sha256, name: d.name, size: d.size, pages: d.pages, cached, damaged: this.damagedCopies.has(d.sha256), url: url(d.sha256) };
      }),
    );
  }

  /** A claim opened that this desk does not hold (a lead's, a QA task's): its documents may be fetched too. */
  allowOffDesk(claim: Claim): void {
    for (const d of claim.documents) this.offDeskDocuments.set(d.sha256, d.size);
  }

  /**
   * Makes a document available in the cache for the viewer: already there (marked as used), or
   * downloaded now when the server is reachable. False when it cannot be had.
   */
  async ensure(sha: string): Promise<boolean> {
    if (await this.checkedCopy(sha)) {
      this.cache.touch(sha);
      return true;
    }
    const client = this.client();
    if (!client || !this.core.store.session.data.user) return false;
    const size = this.offDeskDocuments.get(sha) ?? documentSize(sha, this.core.views.summaries()) ?? documentSize(sha, this.core.views.visited());
    if (size === null) return false;
    const fetched = await this.prefetcher.ensure(client, sha, size);
    if (fetched) this.damagedCopies.delete(sha);
    return fetched;
  }

  /**
   * Whether the cached copy can be served: present and, at its first use in this run, hashed
   * against its SHA-256. A damaged copy is removed and remembered, so the viewer says it was the
   * copy on this computer (not the partner's upload) until it has been downloaded again.
   */
  private async checkedCopy(sha: string): Promise<boolean> {
    if (!this.cache.has(sha)) return false;
    if (await this.cache.verify(sha)) return true;
    this.damagedCopies.add(sha);
    return false;
  }

  stop(): void {
    this.prefetcher.stop();
  }
}

/** The size of a document of these claims, or null when none has it. */
function documentSize(sha: string, claims: Iterable<{ documents: readonly { sha256: string; size: number }[] }>): number | null {
  for (const claim of claims) {
    const doc = claim.documents.find((d) => d.sha256 === sha);
    if (doc) return doc.size;
  }
  return null;
}
