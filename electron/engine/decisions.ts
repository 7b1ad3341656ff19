// The reviewer's (and the lead's) decisions: each is checked against the claim as the desk shows it
// (the domain's own rules, as the signed-in user's actor), appended to the outbox durably, and only
// then acknowledged as saved; pushing it is the sync loop's. A decision the service refused waits
// in Conflicts, to be re-applied (made again, as a new decision) or discarded. A decision on a claim
// the desk does not hold (a lead's act, a QA verdict) is checked against what the service says; a
// lead's act on a claim the desk holds, on the desk's copy once it is as new as the service's.
import type { DesktopActionName } from '../../shared/contract/sync.js';
import { toWireRefusal } from '../../shared/contract/sync.js';
import type { MutateResult } from '../../shared/contract/desktop.js';
import { ACTIONS, type Command, DECISIONS } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { apply } from '../../shared/domain/lifecycle.js';
import { actorOf } from '../../shared/domain/users.js';
import type { BusinessCalendar } from '../../shared/domain/calendar.js';
import type { EngineCore } from './engine-core.js';
import { EngineError, NOT_ON_THIS_COMPUTER } from './engine-error.js';
import { undeliverableKey } from './desk-status.js';
import { requireUser } from './desk-session.js';
import type { LeadQueries } from './lead-queries.js';
import type { OutboxMutation } from './store-files.js';
import { StoreWriteError } from './write-health.js';

/** What a decision the desk's own copy cannot judge is checked against (Decisions.offDesk). */
type OffDesk = { kind: 'lead'; claim: Claim } | { kind: 'qa'; claim: Claim; baseVersion: number; open: boolean };


export class Decisions {
  constructor(
    private readonly core: EngineCore,
    private readonly lead: LeadQueries,
    private readonly calendar: () => BusinessCalendar,
    /** A decision was saved: the sync loop pushes it soon. */
    private readonly saved: () => void,
    /** Syncs now (push, then pull) and resolves when done, well or not. */
    private readonly syncNow: () => Promise<void>,
  ) {}

  /** claims.mutate: a new decision on a claim, here or (a lead's act, a QA verdict) off the desk. */
  async mutate(claimId: string, name: DesktopActionName, args: unknown): Promise<MutateResult> {
    return this.decide(claimId, name, args, undefined, await this.offDesk(claimId, name, args));
  }

  /** conflicts.reapply: the refused decision made again, as a new one. */
  reapply(mutationId: number): Promise<MutateResult> {
    const conflict = this.core.store.conflicts.data.conflicts.find((c) => c.mutation.id === mutationId);
    if (!conflict) throw new EngineError('not_found', `There is no conflict for decision ${mutationId}; it may have been re-applied or discarded already.`);
    return this.decide(conflict.mutation.claimId, conflict.mutation.name, conflict.mutation.args, mutationId);
  }

  /** conflicts.discard: the refused decision is let go. */
  discard(mutationId: number): Promise<{ ok: true }> {
    const { store, serial, status, views } = this.core;
    return serial.run(async () => {
      const conflict = store.conflicts.data.conflicts.find((c) => c.mutation.id === mutationId);
      if (!(await store.removeConflict(mutationId))) throw new EngineError('not_found', `There is no conflict for decision ${mutationId}; it may have been discarded already.`);
      status.clear(undeliverableKey(mutationId));
      views.refresh([conflict!.mutation.claimId]);
      status.conflictsChanged([conflict!.mutation.claimId]);
      return { ok: true as const };
    });
  }

  /**
   * What a decision is checked against when the desk's own copy cannot judge it: a QA verdict (its
   * task, blind: see decide), whether or not the desk holds the claim (a reviewer's desk holds the
   * claims of their open QA tasks, blind, without the task the verdict answers); a lead's act on
   * a claim this desk does not hold (the service's current claim, so the act goes through the
   * outbox like any other and the claim joins the lead's desk once it is applied). Null otherwise:
   * the desk's own copy judges (for a lead, brought up to the service's first).
   */
  private async offDesk(claimId: string, name: DesktopActionName, args: unknown): Promise<OffDesk | null> {
    const user = requireUser(this.core.store);
    if (name === 'recordQaVerdict') {
      const taskId = (args as { taskId?: unknown } | null)?.taskId;
      if (typeof taskId !== 'string') return null;
      const task = await this.lead.handlers['qa.task']({ taskId });
      return task.claim.id === claimId ? { kind: 'qa', claim: task.claim, baseVersion: task.baseVersion, open: task.state === 'open' } : null;
    }
    if (user.role !== 'team_lead') return null;
    const held = this.core.store.synced.claims.get(claimId);
    if (!held) return { kind: 'lead', claim: await this.lead.currentClaim(claimId) };
    // A lead acts from the service's screens (the log, the pool, the QA disagreements), which can be
    // newer than this desk's copy until its next pull (every 30 s): a QA verdict that made the
    // disagreement the lead is resolving, say. Judged on the older copy, the act was refused here
    // ("no unresolved QA disagreement"). So when the service's claim is newer, the desk pulls first;
    // offline, the desk's copy is all there is.
    const current = await this.lead.currentClaim(claimId).catch((error: unknown) => {
      if (error instanceof EngineError && error.code === 'unreachable') return null;
      throw error;
    });
    if (!current || current.version <= held.version) return null;
    await this.syncNow();
    // The pull may have taken the claim off the desk (it left the lead's scope): the service's claim then.
    return this.core.store.synced.claims.has(claimId) ? null : { kind: 'lead', claim: current };
  }

  /**
   * A decision: checked against the claim as the reviewer sees it (the domain's own rules), then
   * appended to the outbox durably, and only then acknowledged. `reapplies` re-makes a refused one.
   */
  private decide(claimId: string, name: DesktopActionName, args: unknown, reapplies: number | undefined, offDesk: OffDesk | null = null): Promise<MutateResult> {
    const { store, serial, views, events, status } = this.core;
    const user = requireUser(store);
    return serial.run(async (): Promise<MutateResult> => {
      const fetched = offDesk?.kind === 'lead' ? offDesk.claim : undefined;
      const synced = store.synced.claims.get(claimId) ?? fetched;
      // Not on the desk: the claim just fetched for the lead, not a copy opened earlier.
      const shown = views.holds(claimId) ? views.claim(claimId) : fetched;
      const actor = actorOf(user);
      const decidedAt = this.core.now();
      let baseVersion: number;
      if (offDesk?.kind === 'qa') {
        // Blind review: the desk may not see the first decision the verdict is measured against (its
        // copy of the claim, if it holds one, is blind), so only the service can apply it; here its
        // arguments and the task being open are checked.
        if (!offDesk.open) return { ok: false, refusal: { code: 'no_open_qa_task' } };
        const parsed = ACTIONS.recordQaVerdict.args.safeParse(args ?? {});
        if (!parsed.success) return { ok: false, refusal: { code: 'invalid_arguments', params: { issues: parsed.error.issues.map((i) => i.message) } } };
        baseVersion = offDesk.baseVersion;
      } else if (synced && shown) {
        const result = apply(shown, actor, { name, args: args ?? {} } as Command, { now: decidedAt, calendar: this.calendar() });
        if (!result.ok) return { ok: false, refusal: toWireRefusal(result.refusal) };
        baseVersion = synced.version;
      } else {
        throw new EngineError('not_found', NOT_ON_THIS_COMPUTER);
      }
      const record: OutboxMutation = {
        kind: 'mutation',
        clientId: store.clientId,
        actor,
        // The base is the server's version the reviewer saw: the server refuses the decision if
        // someone else changed the claim since (their own pending decisions are not a change).
        mutation: { id: store.nextMutationId(), claimId, name, args: args ?? {}, baseVersion, decidedAt },
        ...(reapplies !== undefined ? { reapplies } : {}),
      };
      await store.writes.track('outbox.jsonl', () => store.outbox.add(record));
      // The decision is saved. What follows tidies up; a failure there is reported (a notice) but
      // does not unsay the decision: a restart finishes a re-applied conflict's removal, and a draft
      // left behind only pre-fills a checklist.
      await this.afterDecision(claimId, name, reapplies).catch((error: unknown) => {
        if (!(error instanceof StoreWriteError)) throw error;
      });
      views.refresh([claimId]);
      events.emit('claims.changed', { ids: [claimId], all: false });
      if (reapplies !== undefined) status.conflictsChanged([]);
      status.refreshCounts();
      this.saved();
      return { ok: true, mutationId: record.mutation.id };
    });
  }

  private async afterDecision(claimId: string, name: DesktopActionName, reapplies: number | undefined): Promise<void> {
    const { store, status } = this.core;
    if (reapplies !== undefined) {
      await store.removeConflict(reapplies);
      status.clear(undeliverableKey(reapplies));
    }
    // The decision carries the checklist from here on, so its draft goes; after the outbox write,
    // so that a crash in between keeps the draft rather than losing both.
    if ((DECISIONS as readonly string[]).includes(name)) await store.writes.track('drafts.json', () => store.drafts.remove(claimId));
  }
}
