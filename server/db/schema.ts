// The claims service's tables, for Drizzle's queries and as the description the migrations must
// build: test/integration/server/schema.test.ts builds one database from server/db/migrations and
// one from this file (by drizzle-kit) and fails when their tables, columns, keys, constraints or
// indexes differ. A change to the store is a new migration file plus the same change here.
import { sql, type SQL } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import { PARTNER_ROLES, type ActorRef } from '../../shared/domain/model.js';
import type { QaSamplingRule } from '../../shared/domain/qa.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import { USER_ROLES, type UserRole } from '../../shared/domain/users.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const seq = (name: string) => bigint(name, { mode: 'number' });
/** `column IN ('a', 'b')` over a list of known words (no quoting needed: they are identifiers). */
const oneOf = (column: string, values: readonly string[]): SQL => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

export type StoredClaim = Omit<Claim, 'history'>;

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique(),
    name: text('name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    partnerId: text('partner_id'),
    partnerRole: text('partner_role').$type<(typeof PARTNER_ROLES)[number]>(),
    passwordHash: text('password_hash').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  () => [
    check('users_role_check', oneOf('role', USER_ROLES)),
    check('users_partner_role_check', oneOf('partner_role', PARTNER_ROLES)),
    check('users_check', sql`(role = 'partner_admin') = (partner_id IS NOT NULL AND partner_role IS NOT NULL)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    endedAt: instant('ended_at'),
  },
  (t) => [index('sessions_user_id').on(t.userId)],
);

/**
 * The words the desk's "Everyone" search matches (0004_claim_search.sql builds the same expression's
 * GIN index; a query must use this very expression for PostgreSQL to use it).
 */
export const claimSearchVector = sql`to_tsvector('simple'::regconfig, translate(lower(number || ' ' || partner_id || ' ' || coalesce(data->>'partnerName', '') || ' ' || coalesce(data->'customer'->>'name', '') || ' ' || tenant_id::text), 'áäčďéěíĺľňóôöŕřšťúůüýž', 'aacdeeillnooorrstuuuyz'))`;

export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    partnerId: text('partner_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    status: text('status').$type<Claim['status']>().notNull(),
    assigneeId: text('assignee_id'),
    version: integer('version').notNull(),
    data: jsonb('data').$type<StoredClaim>().notNull(),
    changeSeq: seq('change_seq').notNull(),
    nextTimerAt: instant('next_timer_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('claims_change_seq').on(t.changeSeq),
    index('claims_next_timer_at').on(t.nextTimerAt).where(sql`next_timer_at IS NOT NULL`),
    index('claims_partner_id').on(t.partnerId, t.updatedAt),
    index('claims_assignee_status').on(t.assigneeId, t.status),
    index('claims_search').using('gin', claimSearchVector),
  ],
);

export const claimNumbers = pgTable('claim_numbers', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const syncState = pgTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    changeSeq: seq('change_seq').notNull(),
    floor: seq('floor').notNull(),
    scopeRecentDays: integer('scope_recent_days').notNull().default(30),
    scopeBuilt: boolean('scope_built').notNull().default(false),
  },
  () => [check('sync_state_id_check', sql`id = 1`), check('sync_state_scope_recent_days_check', sql`scope_recent_days > 0`)],
);

export const auditHead = pgTable('audit_head', { id: integer('id').primaryKey(), seq: seq('seq').notNull(), hash: text('hash').notNull() }, () => [
  check('audit_head_id_check', sql`id = 1`),
]);

export const scopeMembers = pgTable(
  'scope_members',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    held: boolean('held').notNull(),
    actedAt: instant('acted_at'),
    visible: boolean('visible').notNull(),
    changeSeq: seq('change_seq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.claimId] }),
    index('scope_members_pull').on(t.userId, t.changeSeq),
    index('scope_members_claim').on(t.claimId),
    index('scope_members_ageing').on(t.userId, t.actedAt).where(sql`visible AND NOT held`),
    index('scope_members_visible').on(t.userId).where(sql`visible`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: seq('seq').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    version: integer('version').notNull(),
    at: instant('at').notNull(),
    decidedAt: instant('decided_at'),
    actor: jsonb('actor').$type<ActorRef>().notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<HistoryEntry['from']>(),
    toStatus: text('to_status').$type<HistoryEntry['to']>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [unique().on(t.claimId, t.version)],
);

export const desktopClients = pgTable('desktop_clients', {
  clientId: uuid('client_id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastMutationId: integer('last_mutation_id').notNull().default(0),
  createdAt: instant('created_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
});

export const mutationResults = pgTable(
  'mutation_results',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => desktopClients.clientId, { onDelete: 'cascade' }),
    mutationId: integer('mutation_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<'applied' | 'refused'>().notNull(),
    refusal: jsonb('refusal').$type<Refusal>(),
    claimVersion: integer('claim_version'),
    decidedAt: instant('decided_at').notNull(),
    receivedAt: instant('received_at').notNull(),
    changeSeq: seq('change_seq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.mutationId] }),
    check('mutation_results_status_check', oneOf('status', ['applied', 'refused'])),
    index('mutation_results_client_seq').on(t.clientId, t.changeSeq),
  ],
);

export const documents = pgTable('documents', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  pages: integer('pages'),
  encrypted: boolean('encrypted').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const documentUploads = pgTable(
  'document_uploads',
  {
    partnerId: text('partner_id').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => documents.sha256),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.sha256] })],
);

export const optOutTokens = pgTable(
  'opt_out_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('opt_out_tokens_claim_id').on(t.claimId)],
);

/** The decision log (the lead's desk): one row per decision, applied (from audit_events) or refused (from push). */
export const decisionLog = pgTable(
  'decision_log',
  {
    id: text('id').primaryKey(),
    claimId: uuid('claim_id').notNull(),
    claimNumber: text('claim_number').notNull(),
    partnerId: text('partner_id').notNull(),
    partnerName: text('partner_name').notNull(),
    customerName: text('customer_name').notNull(),
    products: text('products').array().notNull(),
    reviewerId: text('reviewer_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    action: text('action').notNull(),
    reasons: text('reasons').array().notNull(),
    verdict: text('verdict'),
    checklist: jsonb('checklist').$type<Record<string, unknown>>(),
    comment: text('comment'),
    decidedAt: instant('decided_at').notNull(),
    receivedAt: instant('received_at').notNull(),
    offline: boolean('offline').notNull(),
    timeSpentMs: integer('time_spent_ms'),
    claimVersion: integer('claim_version').notNull(),
    outcome: text('outcome').$type<'applied' | 'refused'>().notNull(),
    refusal: jsonb('refusal').$type<Refusal>(),
    qaState: text('qa_state'),
    qaDisagreed: boolean('qa_disagreed').notNull().default(false),
  },
  (t) => [
    check('decision_log_outcome_check', oneOf('outcome', ['applied', 'refused'])),
    index('decision_log_decided').on(t.decidedAt, t.id),
    index('decision_log_reviewer').on(t.reviewerId, t.decidedAt, t.id),
    index('decision_log_reviewer_action').on(t.reviewerId, t.action, t.decidedAt, t.id),
    index('decision_log_action').on(t.action, t.decidedAt, t.id),
    index('decision_log_partner').on(t.partnerId, t.decidedAt, t.id),
    index('decision_log_claim').on(t.claimId, t.claimVersion),
    index('decision_log_offline').on(t.decidedAt, t.id).where(sql`offline`),
    index('decision_log_refused').on(t.decidedAt, t.id).where(sql`outcome = 'refused'`),
    index('decision_log_qa_disagreed').on(t.decidedAt, t.id).where(sql`qa_disagreed`),
    index('decision_log_products').using('gin', t.products),
    index('decision_log_reasons').using('gin', t.reasons),
  ],
);

/** The SLA board's running clocks, one row per claim and board clock while it runs (server/lead/clock-index.ts keeps it). */
export const claimClocks = pgTable(
  'claim_clocks',
  {
    claimId: uuid('claim_id').notNull(),
    clock: text('clock').notNull(),
    dueAt: instant('due_at').notNull(),
    assigneeId: text('assignee_id'),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.clock] }), index('claim_clocks_due').on(t.dueAt, t.clock, t.assigneeId)],
);

/** Running board clocks due per hour, clock and assignee, as signed deltas the board sums (clock-index.ts). */
export const clockTally = pgTable('clock_tally', {
  clock: text('clock').notNull(),
  assigneeId: text('assignee_id'),
  dueHour: instant('due_hour').notNull(),
  n: integer('n').notNull(),
});

export const qaRule = pgTable(
  'qa_rule',
  { id: integer('id').primaryKey(), rule: jsonb('rule').$type<QaSamplingRule>().notNull(), changedAt: instant('changed_at').notNull(), changedBy: text('changed_by') },
  () => [check('qa_rule_id_check', sql`id = 1`)],
);

export const reviewerDecisionCounts = pgTable('reviewer_decision_counts', { reviewerId: text('reviewer_id').primaryKey(), decisions: integer('decisions').notNull() });

export const qaTasks = pgTable(
  'qa_tasks',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    decisionVersion: integer('decision_version').notNull(),
    qaReviewerId: text('qa_reviewer_id').notNull(),
    state: text('state').$type<'open' | 'agreed' | 'disagreed' | 'resolved'>().notNull(),
    openedAt: instant('opened_at').notNull(),
  },
  (t) => [
    check('qa_tasks_state_check', oneOf('state', ['open', 'agreed', 'disagreed', 'resolved'])),
    index('qa_tasks_reviewer').on(t.qaReviewerId, t.state),
    index('qa_tasks_state').on(t.state, t.openedAt),
    index('qa_tasks_claim').on(t.claimId),
  ],
);

export const schema = {
  users,
  sessions,
  claims,
  claimNumbers,
  syncState,
  scopeMembers,
  auditHead,
  auditEvents,
  desktopClients,
  mutationResults,
  documents,
  documentUploads,
  optOutTokens,
  decisionLog,
  claimClocks,
  clockTally,
  qaRule,
  reviewerDecisionCounts,
  qaTasks,
};
export type Schema = typeof schema;
