// POST /sync/push: a desktop's queued decisions, applied in id order, each exactly once. The
// decisions of a push are applied in transactions of up to TX_BATCH, each of which also moves the
// client's last processed id, so a crash or a retried request never applies anything twice. A
// mutation that no longer fits is recorded as refused (with the domain's reason) and counts as
// processed; the client learns both outcomes through pull.
import { and, eq, inArray } from 'drizzle-orm';
import type { Mutation, PUSH_CONTINUITY_CODES, PushContinuity, PushResponse } from '../../shared/contract/sync.js';
import type { Actor } from '../../shared/domain/model.js';
import { actorOf } from '../../shared/domain/users.js';
import type { SessionUser } from '../auth/sessions.js';
import { sendOptOutLink } from '../customer/opt-out-mail.js';
import type { Tx } from '../db/connect.js';
import { mutationResults } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { applyBatch, type OptOut } from './apply-batch.js';
import { lastMutationIdOf, lockClient } from './clients.js';

/**
 * Decisions applied in one transaction. One commit (and one audit anchor write) per decision made a
 * desk back from a week offline deliver at a few decisions a second; a transaction holds its claims'
 * row locks to its end, though, and another desk deciding on one of them waits, so it stays short.
 */
const TX_BATCH = 25;

export async function push(deps: Deps, user: SessionUser, clientId: string, mutations: readonly Mutation[]): Promise<PushResponse> {
  const actor = actorOf(user);
  // Only read here: the client is registered in the transaction of its first processed mutations,
  // so a push that fails changes nothing, not even the list of clients.
  let last = await lastMutationIdOf(deps.db, clientId, user);
  const sorted = [...mutations].sort((a, b) => a.id - b.id);
  await checkContinuity(deps.db, clientId, sorted, last);
  const fresh = sorted.filter((m) => m.id > last); // ids at or below last are replays: already processed
  for (let at = 0; at < fresh.length; at += TX_BATCH) {
    const chunk = fresh.slice(at, at + TX_BATCH);
    if (chunk[0]!.id !== last + 1) break; // a gap after the first: the answer's lastMutationId says where it stopped
    const done = await applyChunk(deps, user, actor, clientId, chunk);
    for (const optOut of done.optOuts) {
      await sendOptOutLink(deps, optOut.claim, optOut).catch((error: Error) =>
        console.error(`sync: the opt-out link of ${optOut.claim.number} could not be sent: ${error.message}`),
      );
    }
    last = done.last;
    if (last < chunk.at(-1)!.id) break; // another request of this client moved on differently, or a gap: stop here
  }
  return { lastMutationId: last };
}

/**
 * Applies consecutive mutations in one transaction, stopping at the first that does not follow.
 * The client is registered (if new) and its row locked once: that lock serialises concurrent pushes
 * of one client, and where the client stands is read under it and written once at the end, with
 * the mutations' results (apply-batch.ts). The
 * run is applied set-based (apply-batch.ts), its claims locked in id order, so two desks' batches
 * never wait on each other in a cycle (the change sequence's lock comes last, sealing.ts). Should
 * the transaction fail for something other than an answer to the client (a deadlock with another
 * writer, a fault of one decision), the chunk is applied again one decision per transaction, so
 * those before the failing one still arrive.
 */
async function applyChunk(deps: Deps, user: SessionUser, actor: Actor, clientId: string, chunk: readonly Mutation[]): Promise<Applied> {
  const inOne = (mutations: readonly Mutation[]) =>
    deps.db.transaction(async (tx): Promise<Applied> => {
      const before = await lockClient(tx, clientId, user, deps.clock.now());
      const stop = mutations.findIndex((m, i) => m.id !== before + 1 + i);
      const run = stop === -1 ? mutations : mutations.slice(0, stop);
      const optOuts = await applyBatch(tx, deps, actor, clientId, run);
      return { last: before + run.length, optOuts };
    });
  if (chunk.length === 1) return inOne(chunk);
  try {
    return await inOne(chunk);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    console.error(`sync: a batch of ${chunk.length} decisions from client ${clientId} failed (${(error as Error).message}); applying them one by one`);
    const done: Applied = { last: chunk[0]!.id - 1, optOuts: [] };
    for (const mutation of chunk) {
      const one = await inOne([mutation]);
      done.last = one.last;
      done.optOuts.push(...one.optOuts);
      if (one.last < mutation.id) break;
    }
    return done;
  }
}

/**
 * A push must continue where this client stands: ids at or below its last processed one are replays
 * of the very decisions processed under them (a retried request), and the first new id follows the
 * last. Otherwise the desktop's outbox is not what it was (a data folder restored from a backup, a
 * deleted outbox): taking its new decisions for replays would acknowledge them unapplied, so the
 * push is refused with the id the client must number from.
 */
async function checkContinuity(db: Tx, clientId: string, sorted: readonly Mutation[], last: number): Promise<void> {
  const expectedId = last + 1;
  const replays = sorted.filter((m) => m.id <= last);
  if (replays.length > 0) {
    const rows = await db
      .select({ mutationId: mutationResults.mutationId, claimId: mutationResults.claimId, name: mutationResults.name, decidedAt: mutationResults.decidedAt, receivedAt: mutationResults.receivedAt })
      .from(mutationResults)
      .where(and(eq(mutationResults.clientId, clientId), inArray(mutationResults.mutationId, replays.map((m) => m.id))));
    const recorded = new Map(rows.map((r) => [r.mutationId, r]));
    const reused = replays.find((m) => {
      const r = recorded.get(m.id);
      if (!r || r.claimId !== m.claimId || r.name !== m.name) return true;
      // decidedAt was stored capped at its arrival (a desktop clock running fast): match that too.
      const sent = Date.parse(m.decidedAt);
      return sent !== r.decidedAt.getTime() && !(sent > r.decidedAt.getTime() && r.decidedAt.getTime() === r.receivedAt.getTime());
    });
    if (reused) {
      throw new HttpError(
        409,
        'mutation_id_reused' satisfies (typeof PUSH_CONTINUITY_CODES)[number],
        `Mutation ${reused.id} of this client was processed before as another decision: this desktop's outbox is behind the service (a data folder restored from a backup, or a removed outbox). Number the decisions not yet processed from ${expectedId}.`,
        { expectedId, lastMutationId: last, mutationId: reused.id } satisfies PushContinuity,
      );
    }
  }
  const first = sorted.find((m) => m.id > last);
  if (first && first.id > expectedId) {
    throw new HttpError(
      409,
      'mutation_gap' satisfies (typeof PUSH_CONTINUITY_CODES)[number],
      `Mutation ${first.id} leaves a gap: this client's next mutation id is ${expectedId}. Send the missing ones, or number from ${expectedId}.`,
      { expectedId, lastMutationId: last, mutationId: first.id } satisfies PushContinuity,
    );
  }
}

/** Where the client stands after a transaction, and the opt-out links to send now that it committed. */
interface Applied {
  last: number;
  optOuts: OptOut[];
}
