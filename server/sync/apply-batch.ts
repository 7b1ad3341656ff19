// A transaction's run of one client's pushed decisions, applied set-based (push.ts chooses the run
// and holds the client's lock). Applied one by one, each decision cost about twelve round trips to
// the database (lock and read its claim and history, placeholders, claim row, audit event, four for
// the scope rows, decision log, clocks, QA count, mutation result). Now the run's claims are locked
// and read with their history at once, the domain runs on them in memory in id order (so a later
// decision on a claim sees the earlier ones, and QA sampling opens its tasks between them as
// before), and what the run changed is written with a few multi-row statements
// (records.ts recordChanges): about fifteen round trips for the whole run.
import { and, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Mutation } from '../../shared/contract/sync.js';
import type { Command } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { apply, conflictSince, onReviewSide } from '../../shared/domain/lifecycle.js';
import type { Actor, Instant } from '../../shared/domain/model.js';
import { refuse, type Refusal } from '../../shared/domain/refusal.js';
import { wellFormedText } from '../../shared/domain/text.js';
import { DESK_ROLES } from '../../shared/domain/users.js';
import { lockClaims, recordChanges, type Step } from '../claims/records.js';
import { noteChange } from '../claims/sealing.js';
import type { Tx } from '../db/connect.js';
import { mutationResults, users } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { logRefusedDecisions, type RefusedDecision } from '../lead/decision-log.js';
import { qaSampler } from '../lead/qa-sampling.js';

export type OptOut = { claim: Claim; token: string; expiresAt: Instant };

/**
 * Applies the client's mutations (consecutive ids, the first its next), records each one's result
 * and moves the client on past the last, in the caller's transaction (which holds the client's lock). Answers the opt-out links to send once it commits, for the
 * claims it approved.
 */
export async function applyBatch(tx: Tx, deps: Pick<Deps, 'clock' | 'calendar'>, actor: Actor, clientId: string, mutations: readonly Mutation[]): Promise<OptOut[]> {
  if (mutations.length === 0) return [];
  const now = deps.clock.now();
  const ctx = { now, calendar: deps.calendar };
  const baseOf = new Map<string, number>();
  for (const m of mutations) baseOf.set(m.claimId, Math.min(baseOf.get(m.claimId) ?? m.baseVersion, m.baseVersion));
  const claims = await lockClaims(tx, [...baseOf.keys()], baseOf);
  const desk = await deskUsersNamed(tx, mutations);
  const sampler = qaSampler(tx, actor);

  const steps: Step[] = [];
  const refusedLog: { claim: Claim; decision: RefusedDecision }[] = [];
  const outcomes: { mutation: Mutation; decidedAt: Instant; step: number; applied: Claim | null; refusal: Refusal | null }[] = [];
  for (const mutation of mutations) {
    // A decision cannot have been made after it arrived: a desktop clock running fast is capped here.
    const decidedAt = mutation.decidedAt < now ? mutation.decidedAt : now;
    const refused = (refusal: Refusal) => {
      outcomes.push({ mutation, decidedAt, step: steps.length, applied: null, refusal });
      // A refusal changes no claim but is news for the client's next pull: it takes a sequence number too.
      steps.push({ refusalFor: clientId });
    };
    const command = withKnownAssignee(desk, { name: mutation.name, args: mutation.args } as Command);
    const claim = claims.get(mutation.claimId);
    if ('refusal' in command) {
      refused(command.refusal);
      continue;
    }
    if (!claim || !onReviewSide(claim)) {
      refused(refuse('invalid_arguments', { issues: [`claimId: there is no claim ${mutation.claimId} for the desk`] }));
      continue;
    }
    const conflict = conflictSince(claim, mutation.baseVersion, actor.id);
    const result = conflict ? { ok: false as const, refusal: conflict } : apply(claim, actor, command, ctx, { decidedAt });
    if (!result.ok) {
      refusedLog.push({
        claim,
        decision: { clientId, mutationId: mutation.id, name: mutation.name, args: mutation.args, reviewer: { id: actor.id, name: actor.name }, decidedAt, receivedAt: now, refusal: result.refusal },
      });
      refused(result.refusal);
      continue;
    }
    outcomes.push({ mutation, decidedAt, step: steps.length, applied: result.claim, refusal: null });
    steps.push({ claim: result.claim, entry: result.entry });
    claims.set(claim.id, result.claim);
    const sampled = await sampler.sample(result.claim, result.entry, ctx);
    if (sampled) {
      steps.push(sampled);
      claims.set(claim.id, sampled.claim);
    }
  }

  const recorded = await recordChanges(tx, steps, now);
  await sampler.finish();
  await logRefusedDecisions(tx, refusedLog);
  const optOuts: OptOut[] = [];
  const rows = outcomes.map(({ mutation, decidedAt, step, applied, refusal }) => {
    const { changeSeq, optOut } = recorded[step]!;
    noteChange(tx, changeSeq, { clientId });
    if (applied && optOut) optOuts.push({ claim: applied, ...optOut });
    return {
      clientId,
      mutationId: mutation.id,
      claimId: mutation.claimId,
      name: mutation.name,
      status: applied ? ('applied' as const) : ('refused' as const),
      refusal,
      claimVersion: applied ? applied.version : null,
      decidedAt: new Date(decidedAt),
      receivedAt: new Date(now),
      changeSeq,
    };
  });
  // The results and where the client now stands, in one statement (Drizzle puts the embedded insert in parentheses).
  await tx.execute(sql`
    WITH results AS ${tx.insert(mutationResults).values(rows)}
    UPDATE desktop_clients SET last_mutation_id = ${mutations.at(-1)!.id}::int, last_seen_at = ${now}::timestamptz WHERE client_id = ${clientId}`);
  return optOuts;
}

const AssigneeArg = z.object({ id: wellFormedText().min(1) }).loose();
const WithAssignee = z.object({ assignee: AssigneeArg.optional() }).loose();
const NAMES_ASSIGNEE: readonly string[] = ['assign', 'reopen', 'resolveQaDisagreement'];

function assigneeWanted(command: Command): { id: string } | undefined {
  if (!NAMES_ASSIGNEE.includes(command.name)) return undefined;
  const parsed = WithAssignee.safeParse(command.args);
  return parsed.success ? parsed.data.assignee : undefined;
}

/** The reviewers and leads the mutations name as assignee, by id (one query, none when no mutation names one). */
async function deskUsersNamed(tx: Tx, mutations: readonly Mutation[]): Promise<Map<string, string>> {
  const ids = [...new Set(mutations.flatMap((m) => assigneeWanted({ name: m.name, args: m.args } as Command)?.id ?? []))];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.id, ids), inArray(users.role, DESK_ROLES)));
  return new Map(rows.map((u) => [u.id, u.name]));
}

/**
 * Assign, reopen and a QA resolution that reopens name a reviewer; the desktop sends their id and display name. The id must be a
 * reviewer's or a lead's, and the name recorded is the one the service knows, not the client's.
 */
function withKnownAssignee(desk: ReadonlyMap<string, string>, command: Command): Command | { refusal: Refusal } {
  const wanted = assigneeWanted(command);
  if (!wanted) return command; // the domain reports what is missing or malformed
  const name = desk.get(wanted.id);
  if (name === undefined) return { refusal: refuse('invalid_arguments', { issues: [`assignee: there is no reviewer or team lead with id ${wanted.id}`] }) };
  return { ...command, args: { ...(command.args as object), assignee: { id: wanted.id, name } } } as Command;
}
