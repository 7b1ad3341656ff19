// Each desk user's scope (issue 17; spec "Reviewer-side rules": a desk holds its user's work).
// A reviewer's desk holds the open claims assigned to them, their open QA tasks (served blind, see
// pull.ts) and the claims they decided, commented on or QA-reviewed in the last N days; a lead's
// desk holds the open unassigned pool, the overdue claims, the QA disagreements and what the lead
// did anything to in the last N days. Everything else is reached through the service's
// queries. The rule is here, once; scope_members (0002_desk_scope.sql) is what it decided, kept
// in the transaction of each claim change, so a pull reads only its user's own rows.
import { and, asc, eq, gt, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { DECISIONS } from '../../shared/domain/actions.js';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { awaitsReview, isOverdue, onReviewSide, PARTNER_ONLY_STATUS } from '../../shared/domain/lifecycle.js';
import type { Instant } from '../../shared/domain/model.js';
import { DESK_ROLES } from '../../shared/domain/users.js';
import { historyEntry } from '../audit/chain.js';
import { noteChange, placeholders } from '../claims/sealing.js';
import type { Db, Tx } from '../db/connect.js';
import { auditEvents, claims, scopeMembers, syncState, users } from '../db/schema.js';

export const DEFAULT_SCOPE_RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

/** A reviewer's acts that keep a claim on their desk: decisions, comments and QA verdicts (not opening a review). */
const REVIEWER_ACTS: readonly string[] = [...DECISIONS, 'comment', 'recordQaVerdict'];

/** Whether this history entry keeps the claim on its actor's desk for the next N days. */
export function keepsOnDesk(entry: HistoryEntry): boolean {
  if (entry.actor.kind === 'team_lead') return true;
  return entry.actor.kind === 'reviewer' && REVIEWER_ACTS.includes(entry.action);
}

/**
 * Who holds the claim for a standing reason, whatever they did: its assignee while it is open, the
 * reviewer of an open QA task on it; leads the open unassigned pool, the overdue claims and the QA
 * disagreements waiting for them.
 */
export function standingHolders(claim: Claim, leadIds: readonly string[]): string[] {
  if (!onReviewSide(claim)) return [];
  const held = new Set<string>();
  const forLeads = () => leadIds.forEach((id) => held.add(id));
  if (awaitsReview(claim)) {
    if (claim.assignee) held.add(claim.assignee.id);
    if (!claim.assignee || isOverdue(claim)) forLeads();
  }
  for (const task of claim.qa) {
    if (task.state === 'open') held.add(task.qaReviewer.id);
    if (task.state === 'disagreed') forLeads();
  }
  return [...held];
}

/** The team leads' ids, as a query: read on its own (rebuildScope) or inside scopeContext's one round trip. */
const leadsQuery = (tx: Tx) => tx.select({ id: users.id }).from(users).where(eq(users.role, 'team_lead'));

async function leadIds(tx: Tx): Promise<string[]> {
  return (await leadsQuery(tx)).map((u) => u.id);
}

type ScopeRow = typeof scopeMembers.$inferSelect;

/**
 * What updateScopes works from, in one round trip: the store's N days, the leads, and the claims'
 * scope rows, locked in (claim, user) order. Three queries before, on the path of every pushed
 * decision.
 */
async function scopeContext(tx: Tx, claimIds: readonly string[]): Promise<{ days: number; leads: string[]; rows: ScopeRow[] }> {
  const ids = sql.join(claimIds.map((id) => sql`${id}::uuid`), sql`, `);
  const answer = (await tx.execute(sql`
    SELECT s.scope_recent_days AS days,
           coalesce((SELECT json_agg(l.id) FROM ${leadsQuery(tx)} l), '[]') AS leads,
           coalesce((SELECT json_agg(m) FROM (SELECT * FROM scope_members WHERE claim_id IN (${ids}) ORDER BY claim_id, user_id FOR UPDATE) m), '[]') AS rows
    FROM sync_state s WHERE s.id = 1`)) as unknown as { rows: { days: number; leads: string[]; rows: Record<string, unknown>[] }[] };
  const [context] = answer.rows;
  if (!context) throw new Error('sync_state row is missing: the store was not migrated');
  const rows = context.rows.map((r) => ({
    userId: r.user_id as string,
    claimId: r.claim_id as string,
    held: r.held as boolean,
    actedAt: r.acted_at === null ? null : new Date(r.acted_at as string),
    visible: r.visible as boolean,
    changeSeq: Number(r.change_seq),
  }));
  return { days: context.days, leads: context.leads, rows };
}

const cutoffOf = (now: Instant, days: number) => new Date(Date.parse(now) - days * DAY_MS);

/**
 * After claim changes (in their transaction, in order, each with its change sequence value): who now
 * holds each claim, and whose desk must hear of it. A row whose claim is visible, or becomes or
 * stops being visible, takes the change's sequence value; the rows of users who cannot see it keep
 * theirs. The claims' rows are read (and locked) at once, brought up to date through the changes in
 * memory, and those that changed written with one statement.
 */
export async function updateScopes(tx: Tx, changes: readonly { claim: Claim; entry: HistoryEntry; changeSeq: number }[]): Promise<void> {
  if (changes.length === 0) return;
  const claimIds = [...new Set(changes.map((c) => c.claim.id))];
  const { days, leads, rows: locked } = await scopeContext(tx, claimIds);
  const rows = new Map<string, Map<string, ScopeRow>>(claimIds.map((id) => [id, new Map()]));
  for (const row of locked) rows.get(row.claimId)!.set(row.userId, row);
  const written = new Set<ScopeRow>();
  for (const { claim, entry, changeSeq } of changes) {
    const ofClaim = rows.get(claim.id)!;
    const held = new Set(standingHolders(claim, leads));
    const actor = onReviewSide(claim) && keepsOnDesk(entry) ? entry.actor.id : null;
    // A holder or the actor without a row gets one (the evaluation below always changes it: it is held or acted now).
    for (const userId of actor ? [...held, actor] : held) {
      if (!ofClaim.has(userId)) ofClaim.set(userId, { userId, claimId: claim.id, held: false, actedAt: null, visible: false, changeSeq: 0 });
    }
    const cutoff = cutoffOf(entry.at, days);
    for (const [userId, row] of ofClaim) {
      const actedAt = userId === actor ? new Date(entry.at) : row.actedAt;
      const isHeld = held.has(userId);
      const visible = isHeld || (actedAt !== null && actedAt > cutoff);
      const seq = row.visible || visible ? changeSeq : row.changeSeq;
      if (isHeld === row.held && actedAt?.getTime() === row.actedAt?.getTime() && visible === row.visible && seq === row.changeSeq) continue;
      const next: ScopeRow = { userId, claimId: claim.id, held: isHeld, actedAt, visible, changeSeq: seq };
      ofClaim.set(userId, next);
      written.delete(row);
      written.add(next);
    }
  }
  if (written.size === 0) return;
  await tx
    .insert(scopeMembers)
    .values([...written.keys()])
    .onConflictDoUpdate({
      target: [scopeMembers.userId, scopeMembers.claimId],
      set: { held: sql`excluded.held`, actedAt: sql`excluded.acted_at`, visible: sql`excluded.visible`, changeSeq: sql`excluded.change_seq` },
    });
}

/**
 * The ageing rule, once, in SQL: the user's scope rows that only a past act kept on their desk
 * (visible, not held) and whose act is older than the store's N days at `now`. Whole 24-hour days,
 * whatever the session's time zone, as the cut-off updateScopes works with.
 */
export function agedOut(userId: string, now: Instant): SQL {
  return sql`${scopeMembers.userId} = ${userId} AND ${scopeMembers.visible} AND NOT ${scopeMembers.held}
    AND ${scopeMembers.actedAt} <= ${now}::timestamptz - (SELECT ${syncState.scopeRecentDays} FROM ${syncState} WHERE ${syncState.id} = 1) * interval '24 hours'`;
}

/**
 * Takes off the user's desk what aged out (agedOut). Each claim leaving takes its own sequence
 * value, so pages never split a value. Runs before the user's pull reads its page, in its own
 * transaction; the pull's statement tells whether there is anything to do (pull.ts).
 */
export async function ageOut(db: Db, userId: string, now: Instant): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ claimId: scopeMembers.claimId })
      .from(scopeMembers)
      .where(agedOut(userId, now))
      .orderBy(asc(scopeMembers.actedAt), asc(scopeMembers.claimId))
      .for('update');
    if (rows.length === 0) return 0;
    const seqs = await placeholders(tx, rows.length);
    const leaving = rows.map((row, i) => {
      noteChange(tx, seqs[i]!, { claimId: row.claimId });
      return { claim_id: row.claimId, change_seq: seqs[i]! };
    });
    await tx.execute(sql`
      UPDATE scope_members t SET visible = false, change_seq = x.change_seq
      FROM jsonb_to_recordset(${JSON.stringify(leaving)}::jsonb) AS x(claim_id uuid, change_seq bigint)
      WHERE t.user_id = ${userId} AND t.claim_id = x.claim_id`);
    return rows.length;
  });
}

const REBUILD_PAGE = 1000;

/**
 * Builds scope_members from the claims and their history: for the whole store (a store migrated
 * from 0001, the demo seed), or for one new user (a lead created later). Every visible row takes
 * its own new sequence value. A whole rebuild also moves the floor above every cookie handed out
 * before, so each desk resyncs into its scope. Holds the sync_state lock, as a claim change does.
 */
export async function rebuildScope(tx: Tx, now: Instant, onlyUser?: string): Promise<number> {
  const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update');
  if (!state) throw new Error('sync_state row is missing: the store was not migrated');
  if (onlyUser === undefined) await tx.delete(scopeMembers);
  else await tx.delete(scopeMembers).where(eq(scopeMembers.userId, onlyUser));
  const leads = await leadIds(tx);
  const deskUsers = await tx.select({ id: users.id }).from(users).where(inArray(users.role, DESK_ROLES));
  const desk = new Set(deskUsers.map((u) => u.id).filter((id) => onlyUser === undefined || id === onlyUser));
  const cutoff = cutoffOf(now, state.scopeRecentDays);
  const rows: (typeof scopeMembers.$inferInsert)[] = [];
  let after = -1;
  for (;;) {
    const page = await tx
      .select({ data: claims.data, changeSeq: claims.changeSeq })
      .from(claims)
      .where(and(gt(claims.changeSeq, after), ne(claims.status, PARTNER_ONLY_STATUS)))
      .orderBy(asc(claims.changeSeq))
      .limit(REBUILD_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.changeSeq;
    const acted = await lastActs(
      tx,
      page.map((p) => p.data.id),
    );
    for (const { data } of page) {
      const held = new Set(standingHolders({ ...data, history: [] }, leads));
      const acts = acted.get(data.id) ?? new Map<string, Date>();
      for (const userId of new Set([...held, ...acts.keys()])) {
        if (!desk.has(userId)) continue;
        const actedAt = acts.get(userId) ?? null;
        const visible = held.has(userId) || (actedAt !== null && actedAt > cutoff);
        // Not visible, and only a new change (which writes its own row) could make it so: no row needed.
        if (visible) rows.push({ userId, claimId: data.id, held: held.has(userId), actedAt, visible, changeSeq: 0 });
      }
    }
  }
  // A whole rebuild's floor is one above the old head (a cookie at the old head is below it, so
  // that desk resyncs), and its rows come after the floor, as a reset pull reads them.
  const floor = state.changeSeq + 1;
  const first = onlyUser === undefined ? floor + 1 : state.changeSeq + 1;
  rows.forEach((row, i) => (row.changeSeq = first + i));
  const last = Math.max(state.changeSeq, first + rows.length - 1);
  for (let i = 0; i < rows.length; i += REBUILD_PAGE) await tx.insert(scopeMembers).values(rows.slice(i, i + REBUILD_PAGE));
  await tx
    .update(syncState)
    .set(onlyUser === undefined ? { changeSeq: Math.max(last, floor), floor, scopeBuilt: true } : { changeSeq: last })
    .where(eq(syncState.id, 1));
  return rows.length;
}

/** Per claim, per desk user: when they last acted on it in a way that keeps it on their desk. */
async function lastActs(tx: Tx, claimIds: string[]): Promise<Map<string, Map<string, Date>>> {
  const out = new Map<string, Map<string, Date>>();
  if (claimIds.length === 0) return out;
  const events = await tx
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.claimId, claimIds), inArray(sql`${auditEvents.actor}->>'kind'`, DESK_ROLES)));
  for (const event of events) {
    const entry = historyEntry(event);
    if (!keepsOnDesk(entry)) continue;
    const byUser = out.get(event.claimId) ?? new Map<string, Date>();
    const at = new Date(entry.at);
    const before = byUser.get(entry.actor.id);
    if (!before || before < at) byUser.set(entry.actor.id, at);
    out.set(event.claimId, byUser);
  }
  return out;
}

/**
 * At start: applies SCOPE_RECENT_DAYS when given, and builds the scope of a store that has none yet
 * (migrated from 0001). A new lead gets their scope the same way (createUser).
 */
export async function ensureDeskScope(db: Db, now: Instant, recentDaysSetting?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update');
    if (!state) throw new Error('sync_state row is missing: the store was not migrated');
    if (recentDaysSetting !== undefined && recentDaysSetting !== state.scopeRecentDays) {
      await tx.update(syncState).set({ scopeRecentDays: recentDaysSetting }).where(eq(syncState.id, 1));
    }
    if (!state.scopeBuilt) await rebuildScope(tx, now);
  });
}
