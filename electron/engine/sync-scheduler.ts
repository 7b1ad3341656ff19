// When to sync: now when asked, soon after a decision, every poll interval while all is well, and
// after a failure with exponential backoff and jitter (a failed request is what "offline" means
// here; the retry is the probe that finds the network back). One cycle runs at a time; asking
// while one runs queues exactly one more.
import { type BackoffOptions, backoffDelay } from './backoff.js';

export interface SchedulerOptions {
  pollMs: number;
  backoff: BackoffOptions;
  random?: () => number;
}

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failures = 0;
  private stopped = true;

  constructor(
    private readonly cycle: () => Promise<void>,
    private readonly options: SchedulerOptions,
    /** Told after every cycle; returns whether a failure is worth retrying by itself. */
    private readonly outcome: (error: unknown) => boolean,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Sync within `delayMs`, unless a retry after failures is due later (backoff is respected). */
  kick(delayMs = 0): void {
    if (this.stopped || this.failures > 0) return;
    this.schedule(delayMs);
  }

  /** Runs a cycle now (after the running one, if any) and resolves when it ended, well or not. */
  runNow(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.current) {
      this.queued = this.current.then(() => {
        this.queued = null;
        return this.runCycle();
      });
      return this.queued;
    }
    return this.runCycle();
  }

  /** Resolves when no cycle is running (for shutdown). */
  async idle(): Promise<void> {
    while (this.current || this.queued) await (this.queued ?? this.current);
  }

  private runCycle(): Promise<void> {
    this.clearTimer();
    this.current = (async () => {
      let next: number | null;
      try {
        await this.cycle();
        this.failures = 0;
        this.outcome(null);
        next = this.options.pollMs;
      } catch (error) {
        this.failures++;
        next = this.outcome(error) ? backoffDelay(this.failures, this.options.backoff, this.options.random) : null;
      } finally {
        this.current = null;
      }
      if (!this.stopped && next !== null && !this.queued) this.schedule(next, true);
    })();
    return this.current;
  }

  private schedule(delayMs: number, replace = false): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (!replace && this.timer && this.dueAt <= at) return;
    this.clearTimer();
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = Infinity;
      if (!this.current) void this.runCycle();
      else void this.runNow();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = Infinity;
  }
}
