// PoE downloads on their own schedule. The documents of the reviewer's open claims are fetched
// after each sync, but a document that fails (the network dropped mid-file, the document store
// answered 5xx, the bytes did not match their hash) never fails the sync that brought the claims:
// it is retried by itself, with exponential backoff per document, while the desk stays online.
import { type BackoffOptions, backoffDelay } from './backoff.js';
import type { PoeCache } from './poe-cache.js';
import { type ServerClient, UnreachableError } from './server-client.js';

export interface DocumentPrefetchOptions {
  backoff: BackoffOptions;
  /** Progress of a run (null when it ended). */
  onProgress(progress: { done: number; total: number } | null): void;
  /** A failed document's retry is due: the owner runs `run` again with what it wants now. */
  onRetryDue(): void;
}

export class DocumentPrefetch {
  private readonly downloads = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, { count: number; notBefore: number }>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly cache: PoeCache,
    private readonly options: DocumentPrefetchOptions,
  ) {}

  /** Documents waiting for a retry after a failure. */
  get failing(): number {
    return this.failures.size;
  }

  /**
   * Pins `wanted` (sha256 -> size) in the cache and downloads those missing whose retry is due.
   * Never throws: a failed document waits for its backoff. An unreachable service stops the run
   * (the other documents would only fail the same way) and is retried likewise.
   */
  async run(client: ServerClient, wanted: ReadonlyMap<string, number>): Promise<void> {
    await this.cache.setPinned(wanted.keys());
    for (const sha of this.failures.keys()) if (!wanted.has(sha) || this.cache.has(sha)) this.failures.delete(sha);
    const now = Date.now();
    const due = [...wanted].filter(([sha]) => !this.cache.has(sha) && (this.failures.get(sha)?.notBefore ?? 0) <= now);
    if (due.length > 0) {
      let done = 0;
      this.options.onProgress({ done, total: due.length });
      for (const [sha, size] of due) {
        if (this.stopped) break;
        try {
          await this.download(client, sha, size);
          this.failures.delete(sha);
        } catch (error) {
          const count = (this.failures.get(sha)?.count ?? 0) + 1;
          this.failures.set(sha, { count, notBefore: Date.now() + backoffDelay(count, this.options.backoff) });
          if (error instanceof UnreachableError) break;
        }
        this.options.onProgress({ done: ++done, total: due.length });
      }
      this.options.onProgress(null);
    }
    this.scheduleRetry();
  }

  /** Downloads one document now (the viewer asks for it); false when it cannot be had. */
  async ensure(client: ServerClient, sha: string, size: number): Promise<boolean> {
    try {
      await this.download(client, sha, size);
      this.failures.delete(sha);
      return true;
    } catch {
      return false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private download(client: ServerClient, sha: string, size: number): Promise<void> {
    let running = this.downloads.get(sha);
    if (!running) {
      running = (async () => {
        const response = await client.document(sha);
        if (!response.body) throw new UnreachableError('The claims service sent an empty document.');
        await this.cache.store(sha, size, response.body);
      })().finally(() => this.downloads.delete(sha));
      this.downloads.set(sha, running);
    }
    return running;
  }

  private scheduleRetry(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.failures.size === 0) return;
    const next = Math.min(...[...this.failures.values()].map((f) => f.notBefore));
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (!this.stopped) this.options.onRetryDue();
      },
      Math.max(0, next - Date.now()),
    );
    this.timer.unref();
  }
}
