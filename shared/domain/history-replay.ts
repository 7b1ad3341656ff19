// A claim's history replayed through the lifecycle's action table: where the claim must stand after
// its events (status, version, last change), so that the audit check can compare that with the
// claim as stored. Each step must follow from the one before: consecutive versions, a creation
// first, each action one the table allows from the status it started in and by that kind of actor.
// (The events record what changed, not every argument, so the claim is not rebuilt field by field.)
import { type ActionName, ACTIONS, type Role } from './actions.js';
import type { HistoryEntry } from './claim.js';
import type { ActorKind, ClaimStatus, Instant } from './model.js';

export type Replay = { ok: true; status: ClaimStatus; version: number; updatedAt: Instant } | { ok: false; version: number; problem: string };

/** The roles each kind of actor can act in (a team lead assigned to a claim reviews it like a reviewer). */
const ROLES_OF: Record<ActorKind, readonly Role[]> = {
  partner: ['partner'],
  customer: ['customer'],
  timer: ['timer'],
  reviewer: ['assigned_reviewer', 'qa_reviewer'],
  team_lead: ['team_lead', 'assigned_reviewer', 'qa_reviewer'],
};

function stepProblem(entry: HistoryEntry, status: ClaimStatus | null, version: number): string | null {
  if (entry.version !== version + 1) return `version ${version + 1} has no event (the next one is version ${entry.version})`;
  if (entry.from !== status) return `version ${entry.version} (${entry.action}) starts from ${entry.from ?? 'nothing'}, but the claim was ${status ?? 'not created yet'}`;
  if (status === null) {
    return entry.action === 'create' && entry.to === 'draft' && entry.actor.kind === 'partner' ? null : `version 1 is ${entry.action}, but a claim begins with a partner creating a draft`;
  }
  if (!Object.hasOwn(ACTIONS, entry.action)) return `version ${entry.version} is ${entry.action}, which is not an action of the lifecycle`;
  const def = ACTIONS[entry.action as ActionName];
  if (!def.statuses.includes(status)) return `version ${entry.version} is ${entry.action}, which the lifecycle does not allow while the claim is ${status}`;
  if (!def.roles.some((role) => ROLES_OF[entry.actor.kind].includes(role))) return `version ${entry.version} is ${entry.action} by a ${entry.actor.kind}, who cannot do that`;
  return null;
}

/** Replays `history` (in version order) from nothing. */
export function replayHistory(history: readonly HistoryEntry[]): Replay {
  let status: ClaimStatus | null = null;
  let version = 0;
  let updatedAt: Instant | null = null;
  for (const entry of history) {
    const problem = stepProblem(entry, status, version);
    if (problem) return { ok: false, version: entry.version, problem };
    status = entry.to;
    version = entry.version;
    updatedAt = entry.at;
  }
  if (status === null || updatedAt === null) return { ok: false, version: 1, problem: 'the claim has no events, not even its creation' };
  return { ok: true, status, version, updatedAt };
}
