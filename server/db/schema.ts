// Drizzle's view of the tables that server/db/migrations creates (the SQL files are the source of
// truth for the database; this file must describe the same columns).
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Claim, HistoryEntry } from '../../shared/domain/claim.js';
import type { ActorRef } from '../../shared/domain/model.js';
import type { Refusal } from '../../shared/domain/refusal.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const seq = (name: string) => bigint(name, { mode: 'number' });

export type UserRole = 'partner_admin' | 'reviewer' | 'team_lead';
export type StoredClaim = Omit<Claim, 'history'>;

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull(),
  name: text('name').notNull(),
  role: text('role').$type<UserRole>().notNull(),
  partnerId: text('partner_id'),
  partnerRole: text('partner_role').$type<'billing_admin' | 'global_admin' | 'incentives_admin'>(),
  passwordHash: text('password_hash').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  endedAt: instant('ended_at'),
});

export const claims = pgTable('claims', {
  id: uuid('id').primaryKey(),
  number: text('number').notNull(),
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
});

export const claimNumbers = pgTable('claim_numbers', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const syncState = pgTable('sync_state', {
  id: integer('id').primaryKey(),
  changeSeq: seq('change_seq').notNull(),
  floor: seq('floor').notNull(),
});

export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: seq('seq').notNull(),
  hash: text('hash').notNull(),
});

export const auditEvents = pgTable('audit_events', {
  seq: seq('seq').primaryKey(),
  claimId: uuid('claim_id').notNull(),
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
});

export const desktopClients = pgTable('desktop_clients', {
  clientId: uuid('client_id').primaryKey(),
  userId: text('user_id').notNull(),
  lastMutationId: integer('last_mutation_id').notNull(),
  createdAt: instant('created_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
});

export const mutationResults = pgTable(
  'mutation_results',
  {
    clientId: uuid('client_id').notNull(),
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
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
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
    sha256: text('sha256').notNull(),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.sha256] })],
);

export const optOutTokens = pgTable('opt_out_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  claimId: uuid('claim_id').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

export const schema = {
  users,
  sessions,
  claims,
  claimNumbers,
  syncState,
  auditHead,
  auditEvents,
  desktopClients,
  mutationResults,
  documents,
  documentUploads,
  optOutTokens,
};
export type Schema = typeof schema;
