// One sync: push the outbox, then pull until the server has nothing more (sync.ts). Network calls
// run outside the engine's write queue; what they bring back is applied inside it, one page at a
// time, each page durable before the next request (so an interrupted initial sync resumes from the
// last page received instead of starting over).
import type { EventPayload } from '../../shared/contract/desktop.js';
import { type MutationResult, PUSH_CONTINUITY_CODES, PushContinuity, type PullResponse } from '../../shared/contract/sync.js';
import type { LocalStore } from './local-store.js';
import type { Serial } from './serial.js';
import { type ServerClient, ServerRefusedError } from './server-client.js';
import type { StoredConflict } from './store-files.js';
import type { PageEffect } from './synced-claims.js';

export type SettledDecision = EventPayload<'decisions.settled'>['decisions'][number];

const PUSH_BATCH = 500;

export interface SyncContext {
  store: LocalStore;
  client: ServerClient;
  serial: Serial;
  /** Claims per pull page: for a pull that starts over or resumes one (initial), and for the others. */
  pageSize: { initial: number; incremental: number };
  /** Called inside the write queue after a page was recorded, with the claims it touched and the outbox's decisions it settled. */
  onPage(effect: PageEffect, touched: string[], settled: SettledDecision[]): void;
  /** Called inside the write queue when the outbox was renumbered. */
  onOutboxChanged(): void;
  /** The outbox was behind the service: `count` decisions were numbered anew after `serverLast`. */
  onOutboxRebased(serverLast: number, count: number): void;
  /** The service's last processed id for this client, as an answer says it, before anything is renumbered. */
  onServiceLast(lastMutationId: number): void;
  /** Called inside the write queue: the service refused a decision as a whole; it is in the conflicts inbox now. */
  onUndeliverable(conflict: StoredConflict, message: string): void;
  /** Claims received so far in this pull; for a first sync (or a resync) also how many the scope holds. */
  onProgress(phase: 'initial_sync' | 'pull', done: number, total: number | null): void;
}

/** Pushes every pending decision in id order; resolves with the server's last processed id. */
export async function pushPending(ctx: SyncContext): Promise<number | null> {
  const { store, client } = ctx;
  let serverLast: number | null = null;
  // After the service refused a batch as a whole, decisions go one by one until the one it refuses is found.
  let oneByOne = false;
  // Each round either moves serverLast forward, renumbers once or takes one decision out; the
  // bound only guards against a server that keeps answering without progress.
  for (let round = 0; round < 10_000; round++) {
    const batch = store.pending().filter((r) => serverLast === null || r.mutation.id > serverLast).slice(0, oneByOne ? 1 : PUSH_BATCH);
    if (batch.length === 0) return serverLast;
    let lastMutationId: number;
    try {
      ({ lastMutationId } = await client.push({ clientId: store.clientId, mutations: batch.map((r) => r.mutation) }));
    } catch (error) {
      const continuity = continuityOf(error);
      if (continuity) ctx.onServiceLast(continuity.at.lastMutationId);
      if (!continuity && refusedAsAWhole(error)) {
        // Retrying the same push gets the same answer forever, and with it no pull either: the
        // decision it is about goes to the conflicts inbox and the others are delivered.
        if (batch.length > 1) {
          oneByOne = true;
          continue;
        }
        await ctx.serial.run(async () => {
          const refusal = { code: 'undeliverable', params: { status: error.status, code: error.code, message: error.message } };
          const conflict = await store.withdrawUndeliverable(batch[0]!, refusal, new Date().toISOString());
          ctx.onOutboxChanged();
          ctx.onUndeliverable(conflict, error.message);
        });
        oneByOne = false;
        continue;
      }
      if (!continuity) throw error;
      const { code, at } = continuity;
      if (code === 'mutation_id_reused') {
        // The service processed these ids as other decisions: never let its results settle ours.
        await ctx.serial.run(async () => {
          const count = await store.writes.track('outbox.jsonl', () => store.outbox.rebase(store.clientId, at.mutationId, at.lastMutationId));
          ctx.onOutboxChanged();
          ctx.onOutboxRebased(at.lastMutationId, count);
        });
        continue;
      }
      // A gap before the first new id: close it (the records after it were never processed).
      const closed = await ctx.serial.run(async () => {
        const changed = await store.writes.track('outbox.jsonl', () => store.outbox.closeGap(store.clientId, at.lastMutationId));
        if (changed) ctx.onOutboxChanged();
        return changed;
      });
      if (!closed) throw error;
      continue;
    }
    ctx.onServiceLast(lastMutationId);
    const lastSent = batch.at(-1)!.mutation.id;
    if (lastMutationId >= lastSent) {
      serverLast = lastMutationId;
      continue;
    }
    // The server stopped early. At a gap in the ids (a record kept aside in the quarantine), close
    // it and push again; otherwise another push of this client moved on meanwhile: pull settles it.
    // A server that says less than it once processed has lost data (a restore): renumbering now
    // could make unsent decisions look settled, so the pull first learns where the server is.
    if (lastMutationId < store.synced.highestProcessed()) return lastMutationId;
    const closed = await ctx.serial.run(async () => {
      const changed = await store.writes.track('outbox.jsonl', () => store.outbox.closeGap(store.clientId, lastMutationId));
      if (changed) ctx.onOutboxChanged();
      return changed;
    });
    if (!closed) return lastMutationId;
    serverLast = lastMutationId;
  }
  return serverLast;
}

/**
 * The service refused the push itself (a 4xx) for what it carries: not the session (401, 403:
 * signing in again is the fix) and not the numbering (the continuity codes, answered by renumbering).
 */
function refusedAsAWhole(error: unknown): error is ServerRefusedError {
  return error instanceof ServerRefusedError && error.status !== 403 && !(PUSH_CONTINUITY_CODES as readonly string[]).includes(error.code);
}

/** The service's answer that the push does not continue where this client stands, with where it does. */
function continuityOf(error: unknown): { code: (typeof PUSH_CONTINUITY_CODES)[number]; at: PushContinuity } | null {
  if (!(error instanceof ServerRefusedError) || !(PUSH_CONTINUITY_CODES as readonly string[]).includes(error.code)) return null;
  const at = PushContinuity.safeParse(error.params);
  return at.success ? { code: error.code as (typeof PUSH_CONTINUITY_CODES)[number], at: at.data } : null;
}

/**
 * Pulls page after page from the stored cookie until `more` is false. The next page is asked for
 * while this one is written (the service's work and the transfer overlap the fsyncs), from this
 * page's cookie; it is taken only if the store then stands where that request started (recording
 * the page moved the store's cookie there, and nothing reset it meanwhile), else asked for again.
 */
export async function pullAll(ctx: SyncContext): Promise<void> {
  const { store, client } = ctx;
  const phase = store.synced.cookie === null || store.synced.staging !== null ? 'initial_sync' : 'pull';
  const limit = phase === 'initial_sync' ? ctx.pageSize.initial : ctx.pageSize.incremental;
  let received = store.synced.staging?.size ?? 0;
  // The scope's size comes with the pages that have more after them, not always with the last.
  let total: number | null = null;
  const ask = (clientId: string, cookie: number | null) => {
    const answer = client.pull({ clientId, cookie, limit });
    // Dropped unread when this page's recording fails (that error is the one thrown).
    answer.catch(() => undefined);
    return { clientId, cookie, answer };
  };
  let next = ask(store.clientId, store.synced.cookie);
  for (;;) {
    const page = await next.answer;
    ctx.onServiceLast(page.lastMutationId);
    const ahead = page.more ? ask(next.clientId, page.cookie) : null;
    // Recording a page holds the thread for tens of milliseconds (a first sync's 2,000 claims are
    // encoded, hashed and summarized before the first write): the request goes out first, and a
    // service in this process (the bench, the tests) starts on it, rather than after the page.
    if (ahead) await afterIoPoll();
    const more = await ctx.serial.run(async () => {
      const settled = settledIn(store, page);
      const effect = await store.recordPage(page, refusalsIn(store, page));
      const touched = [...page.claims.map((c) => c.id), ...page.removed, ...page.mutationResults.map((r) => r.claimId)];
      ctx.onPage(effect, touched, settled);
      return page.more;
    });
    received += page.claims.length;
    // The scope's size is the whole of a first sync; an incremental pull's size is not known ahead.
    total = page.total ?? total;
    ctx.onProgress(phase, received, phase === 'initial_sync' ? total : null);
    if (!more || !ahead) return;
    next = ahead.clientId === store.clientId && ahead.cookie === store.synced.cookie ? ahead : ask(store.clientId, store.synced.cookie);
  }
}

/**
 * Resolves once the event loop has polled for I/O: a setImmediate callback runs right after the
 * current poll phase, so the second one runs after the next.
 */
function afterIoPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** The outbox's decisions whose results a page brings (before the page takes them out of the outbox). */
function settledIn(store: LocalStore, page: PullResponse): SettledDecision[] {
  const waiting = new Set(store.outbox.records.map((r) => r.mutation.id));
  return page.mutationResults
    .filter((r) => waiting.has(r.mutationId))
    .map((r) => ({ mutationId: r.mutationId, claimId: r.claimId, state: r.status === 'applied' ? ('synced' as const) : ('refused' as const) }));
}

/** The refused decisions a page reports, with their content from the outbox, for the conflicts inbox. */
function refusalsIn(store: LocalStore, page: PullResponse): StoredConflict[] {
  const refused = page.mutationResults.filter((r): r is MutationResult & { status: 'refused' } => r.status === 'refused');
  if (refused.length === 0) return [];
  const records = new Map(store.outbox.records.map((r) => [r.mutation.id, r]));
  const numbers = new Map(page.claims.map((c) => [c.id, c.number]));
  return refused.flatMap((result) => {
    const record = records.get(result.mutationId);
    // Not in the outbox: already in the inbox from an earlier page (a pull resumed after a crash).
    if (!record) return [];
    return [
      {
        clientId: record.clientId,
        actor: record.actor,
        mutation: record.mutation,
        // The service names the claim: it may have left this desk's scope with the refusal.
        claimNumber: result.claimNumber ?? numbers.get(result.claimId) ?? store.synced.claims.get(result.claimId)?.number ?? '',
        refusal: result.refusal ?? { code: 'refused' },
        receivedAt: result.receivedAt,
      },
    ];
  });
}
