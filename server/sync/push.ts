// POST /sync/push: a desktop's queued decisions, applied in id order, each exactly once. The
// decisions of a push are applied in transactions of up to TX_BATCH, each of which also moves the
// client's last processed id, so a crash or a retried request never applies anything twice. A
// mutation that no longer fits is recorded as refused (with the domain's reason) and counts as
// processed; the client learns both outcomes through pull.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Mutation, PUSH_CONTINUITY_CODES, PushContinuity, PushResponse } from '../../shared/contract/sync.js';
import type { Command } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { onReviewSide } from '../../shared/domain/lifecycle.js';
import type { Actor, Instant } from '../../shared/domain/model.js';
import { refuse, type Refusal } from '../../shared/domain/refusal.js';
import { wellFormedText } from '../../shared/domain/text.js';
import type { SessionUser } from '../auth/sessions.js';
import { applyToClaim } from '../claims/apply.js';
import { noteChange, placeholders } from '../claims/sealing.js';
import { sendOptOutLink } from '../customer/opt-out-mail.js';
import type { Tx } from '../db/connect.js';
import { claims, mutationResults, users } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { logRefusedDecision } from '../lead/decision-log.js';
import { sampleForQa } from '../lead/qa-sampling.js';
import { advanceClient, lastMutationIdOf, lockClient, registerClient } from './clients.js';
import { DESK_ROLES, actorOf } from '../../shared/domain/users.js';


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
 * of one client, and where the client stands is read under it and written once at the end. Then
 * the claims are locked, in id order, so two desks' batches never wait on each other in a cycle
 * (the change sequence's lock comes last, sealing.ts). Should the transaction fail for something
 * other than an answer to the client (a deadlock with another writer, a fault of one decision), the
 * chunk is applied again one decision per transaction, so those before the failing one still arrive.
 */
async function applyChunk(deps: Deps, user: SessionUser, actor: Actor, clientId: string, chunk: readonly Mutation[]): Promise<Applied> {
  const inOne = (mutations: readonly Mutation[]) =>
    deps.db.transaction(async (tx): Promise<Applied> => {
      await registerClient(tx, clientId, user, deps.clock.now());
      const before = await lockClient(tx, clientId, user);
      if (mutations.length > 1) await lockClaims(tx, mutations.map((m) => m.claimId));
      let last = before;
      const optOuts: OptOut[] = [];
      for (const mutation of mutations) {
        if (mutation.id !== last + 1) break;
        const optOut = await processOne(tx, deps, actor, clientId, mutation);
        if (optOut) optOuts.push(optOut);
        last = mutation.id;
      }
      if (last !== before) await advanceClient(tx, clientId, last, deps.clock.now());
      return { last, optOuts };
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

/** Row locks on the claims, taken in id order (claims that do not exist are simply not locked). */
async function lockClaims(tx: Tx, claimIds: readonly string[]): Promise<void> {
  await tx.select({ id: claims.id }).from(claims).where(inArray(claims.id, [...new Set(claimIds)])).orderBy(asc(claims.id)).for('update');
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

type OptOut = { claim: Claim; token: string; expiresAt: Instant };

/** Where the client stands after a transaction, and the opt-out links to send now that it committed. */
interface Applied {
  last: number;
  optOuts: OptOut[];
}

/** Applies one mutation (the client's next) and records its result; answers the opt-out link to send, if it approved a claim. */
async function processOne(tx: Tx, deps: Deps, actor: Actor, clientId: string, mutation: Mutation): Promise<OptOut | null> {
  const now = deps.clock.now();
  // A decision cannot have been made after it arrived: a desktop clock running fast is capped here.
  const decidedAt = mutation.decidedAt < now ? mutation.decidedAt : now;
  const ctx = { now, calendar: deps.calendar };

  const command = await withKnownAssignee(tx, { name: mutation.name, args: mutation.args } as Command);
  let outcome: { status: 'applied'; changeSeq: number; version: number } | { status: 'refused'; refusal: Refusal };
  let optOut: OptOut | null = null;
  if ('refusal' in command) {
    outcome = { status: 'refused', refusal: command.refusal };
  } else {
    const result = await applyToClaim(tx, ctx, mutation.claimId, actor, command, { decidedAt, baseVersion: mutation.baseVersion, visible: onReviewSide });
    if (result.kind === 'applied') {
      outcome = { status: 'applied', changeSeq: result.changeSeq, version: result.claim.version };
      if (result.optOut) optOut = { claim: result.claim, ...result.optOut };
      await sampleForQa(tx, ctx, result, actor);
    } else {
      if (result.kind === 'refused') {
        await logRefusedDecision(tx, result.claim, {
          clientId,
          mutationId: mutation.id,
          name: mutation.name,
          args: mutation.args,
          reviewer: { id: actor.id, name: actor.name },
          decidedAt,
          receivedAt: now,
          refusal: result.refusal,
        });
      }
      outcome = {
        status: 'refused',
        refusal: result.kind === 'refused' ? result.refusal : refuse('invalid_arguments', { issues: [`claimId: there is no claim ${mutation.claimId} for the desk`] }),
      };
    }
  }

  // A refusal changes no claim but is news for the client's next pull: it takes a sequence number too.
  const changeSeq = outcome.status === 'applied' ? outcome.changeSeq : (await placeholders(tx, 1))[0]!;
  noteChange(tx, changeSeq, { clientId });
  await tx.insert(mutationResults).values({
    clientId,
    mutationId: mutation.id,
    claimId: mutation.claimId,
    name: mutation.name,
    status: outcome.status,
    refusal: outcome.status === 'refused' ? outcome.refusal : null,
    claimVersion: outcome.status === 'applied' ? outcome.version : null,
    decidedAt: new Date(decidedAt),
    receivedAt: new Date(now),
    changeSeq,
  });
  return optOut;
}

const AssigneeArg = z.object({ id: wellFormedText().min(1) }).loose();
const WithAssignee = z.object({ assignee: AssigneeArg.optional() }).loose();

/**
 * Assign, reopen and a QA resolution that reopens name a reviewer; the desktop sends their id and display name. The id must be a
 * reviewer's or a lead's, and the name recorded is the one the service knows, not the client's.
 */
async function withKnownAssignee(tx: Tx, command: Command): Promise<Command | { refusal: Refusal }> {
  if (command.name !== 'assign' && command.name !== 'reopen' && command.name !== 'resolveQaDisagreement') return command;
  const parsed = WithAssignee.safeParse(command.args);
  const wanted = parsed.success ? parsed.data.assignee : undefined;
  if (!wanted) return command; // the domain reports what is missing or malformed
  const [desk] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, wanted.id), inArray(users.role, DESK_ROLES)));
  if (!desk) return { refusal: refuse('invalid_arguments', { issues: [`assignee: there is no reviewer or team lead with id ${wanted.id}`] }) };
  return { ...command, args: { ...(command.args as object), assignee: { id: desk.id, name: desk.name } } } as Command;
}
