// Syncing with the claims service: each cycle pushes the outbox and pulls what changed (sync-run.ts),
// then fetches the PoE of the reviewer's open claims; the scheduler (sync-scheduler.ts) decides when
// cycles run. What a cycle changes is announced (claims.changed, decisions.settled) and shown in the
// sync status, with a notice where the reviewer must know (an outbox renumbered, a decision the
// service refused outright).
import { MAX_PULL_LIMIT } from '../../shared/contract/sync.js';
import type { EngineCore } from './engine-core.js';
import { undeliverableKey } from './desk-status.js';
import { type ServerClient, ServerRefusedError, SessionExpiredError, UnreachableError } from './server-client.js';
import { pullAll, pushPending, type SyncContext } from './sync-run.js';
import { SyncScheduler } from './sync-scheduler.js';
import { StoreWriteError } from './write-health.js';

export class SyncLoop {
  private readonly scheduler: SyncScheduler;

  constructor(
    private readonly core: EngineCore,
    /** The signed-in user's client, if any. */
    private readonly client: () => ServerClient | null,
    /** After push and pull: fetch the documents the desk wants (never throws). */
    private readonly prefetch: (client: ServerClient) => Promise<void>,
    private readonly signal: AbortSignal,
  ) {
    const { options } = core;
    this.scheduler = new SyncScheduler(() => this.cycle(), { pollMs: options.pollIntervalMs ?? 30_000, backoff: options.backoff ?? { baseMs: 1_000, maxMs: 60_000 } }, (error) =>
      this.afterCycle(error),
    );
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /** A decision was saved: push it soon (decisions made in a burst go in one request). */
  decisionSaved(): void {
    this.scheduler.kick(this.core.options.pushDelayMs ?? 200);
  }

  /** sync.now: one cycle now (or the one running, and one more). */
  runNow(): Promise<void> {
    return this.scheduler.runNow();
  }

  private syncContext(client: ServerClient): SyncContext {
    const { store, views, events, status, serial, options } = this.core;
    return {
      store,
      client,
      serial,
      // A first sync takes the scope in the largest pages the service gives: each page costs the
      // service a transaction and the store two fsyncs, whatever its size.
      pageSize: { initial: options.pullPageSize ?? MAX_PULL_LIMIT, incremental: options.pullPageSize ?? 500 },
      onPage: (effect, touched, settled) => {
        if (effect.all) views.rebuild();
        else views.refresh(touched);
        if (effect.all || touched.length > 0) events.emit('claims.changed', { ids: effect.all ? [] : [...new Set(touched)], all: effect.all });
        if (settled.length > 0) events.emit('decisions.settled', { decisions: settled });
        status.refreshCounts();
      },
      onOutboxChanged: () => {
        views.rebuild();
        status.refreshCounts();
      },
      onOutboxRebased: (serverLast, count) => {
        console.warn(`engine: the outbox was behind the claims service (its last id ${serverLast}); ${count} decision(s) numbered anew`);
        status.notify('outbox_behind_server', { server: serverLast, count });
      },
      onServiceLast: (last) => {
        if (store.settleLost(last)) status.showLostDecisions();
      },
      onUndeliverable: (conflict, message) => {
        console.warn(`engine: the claims service refused decision ${conflict.withdrawnFrom} on ${conflict.claimNumber || conflict.mutation.claimId} outright (${message}); it is in Conflicts`);
        status.notify('decision_undeliverable', { claim: conflict.claimNumber || conflict.mutation.claimId, reason: message }, undeliverableKey(conflict.mutation.id));
      },
      onProgress: (phase, done, total) => status.set({ progress: { phase, done, total } }),
    };
  }

  private async cycle(): Promise<void> {
    const client = this.client();
    if (!client) throw new SessionExpiredError();
    const { status, store } = this.core;
    status.set({ connection: 'syncing' });
    const ctx = this.syncContext(client);
    await pushPending(ctx);
    await pullAll(ctx);
    // Push and pull worked: the desk is online, whatever becomes of the documents' downloads.
    status.set({ connection: 'online', lastSyncAt: store.lastSyncAt, progress: null, lastError: null });
    await this.prefetch(client);
  }

  /** Records how a cycle ended; answers whether to retry by itself. */
  private afterCycle(error: unknown): boolean {
    const { status, store } = this.core;
    if (!error) {
      status.set({ connection: 'online', lastSyncAt: store.lastSyncAt, progress: null, lastError: null });
      return true;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (this.signal.aborted) return false;
    if (error instanceof SessionExpiredError) {
      status.set({ connection: 'offline', progress: null, lastError: message });
      return false;
    }
    const explained = error instanceof UnreachableError || error instanceof ServerRefusedError || error instanceof StoreWriteError;
    if (!explained) console.error('engine: sync failed', error);
    status.set({ connection: 'offline', progress: null, lastError: explained ? message : `Sync failed: ${message}` });
    return true;
  }
}
