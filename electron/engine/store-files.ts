// What the engine keeps in its data directory, one zod schema per file. Every file is parsed with
// these on start: what is on disk crossed a process boundary (a crash, another version, an edit).
//
//   session.json     who is signed in, the server, this client's id, the calendar, settings (lowdb)
//   snapshot.json    the synced claims as of a cookie, one queue summary each with where its whole
//                    body lies in the claims file, and lastMutationId (lowdb)
//   claims-<gen>.jsonl  the synced claims' bodies (append-only, one line each, read on demand; a
//                    new generation holds only the live ones when the dead outweigh them)
//   pulls.jsonl      pull pages received since the snapshot was written, their claims as summaries
//                    (append-only; folded in on start and compacted into the snapshot from time to time)
//   outbox.jsonl     decisions not yet acknowledged by the server (append-only)
//   outbox-ledger.json  the outbox's decisions once more, to tell an outbox cut short (outbox-ledger.ts)
//   conflicts.json   decisions the server refused, with their content (lowdb)
//   drafts.json      the reviewer's working checklists, until a decision takes them along (lowdb)
//   quarantine.jsonl outbox records that could not be read at start, kept aside
//   held/<key>/decisions.json  another user's unsent decisions and conflicts, waiting for them to
//                    sign in here again (plain JSON, so a team lead can read it too)
//   documents/       the PoE cache, files named by SHA-256, plus its LRU index
import { z } from 'zod';
import { CalendarConfig } from '../../shared/domain/calendar.js';
import { Claim, ClaimNumber } from '../../shared/domain/claim.js';
import { ClockName } from '../../shared/domain/clocks.js';
import { ClaimStatus, Instant, PartnerId, ProductId, Sha256 } from '../../shared/domain/model.js';
import { DeskUser, Draft, Settings } from '../../shared/contract/desktop.js';
import { ClientId, Mutation, PullResponse, WireRefusal } from '../../shared/contract/sync.js';
import { DeskRole } from '../../shared/domain/users.js';

export const DEFAULT_SETTINGS: Settings = { locale: 'en', theme: 'system' };

export const SessionDoc = z.strictObject({
  format: z.literal(1),
  clientId: ClientId,
  serverUrl: z.url().nullable(),
  /** Whose decisions and claims this directory holds; stays after sign-out. */
  owner: DeskUser.nullable(),
  /** Signed in now (null after sign-out). */
  user: DeskUser.nullable(),
  token: z.string().nullable(),
  expiresAt: Instant.nullable(),
  calendar: CalendarConfig,
  /** The reviewer's preferences; small, so kept here rather than in the large snapshot. */
  settings: Settings,
});
export type SessionDoc = z.infer<typeof SessionDoc>;

/** Where a claim's body lies in its claims file: byte offset and length of its line. */
export const BodyRef = z.tuple([z.number().int().nonnegative(), z.number().int().positive()]);
export type BodyRef = z.infer<typeof BodyRef>;

/**
 * What the desk needs of a claim without reading its body: the queue's row and search text, the
 * documents to prefetch, and where the body is (claim-summary.ts makes it from the claim).
 */
export const ClaimSummary = z.strictObject({
  id: z.uuid(),
  number: ClaimNumber,
  version: z.number().int().positive(),
  partnerId: PartnerId,
  partnerName: z.string(),
  customerName: z.string(),
  tenantId: z.uuid(),
  products: z.array(ProductId),
  status: ClaimStatus,
  assignee: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  /** The running clock due first (the queue's SLA column). */
  deadline: z.strictObject({ clock: ClockName, dueAt: Instant }).nullable(),
  /** An SLA clock runs or is paused: the assignee's PoE are prefetched. */
  awaitsReview: z.boolean(),
  documents: z.array(z.strictObject({ sha256: Sha256, size: z.number().int().positive() })),
  at: BodyRef,
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

/** A claims file's name: one generation of the bodies. */
export const BodiesFile = z.string().regex(/^claims-[0-9a-f]{12}\.jsonl$/, 'a claims file is named claims-<12 hex digits>.jsonl');

/**
 * Format 2: claims as summaries, bodies in a claims file. Format 1 (SnapshotDocV1) held every
 * claim whole; it is migrated on open (migrateFormat1 in local-store.ts).
 */
export const SnapshotDoc = z.strictObject({
  format: z.literal(2),
  clientId: ClientId,
  /** The cookie of the last pull page folded in; null before the first complete sync. */
  cookie: z.number().int().nonnegative().nullable(),
  /** The last pulls.jsonl record folded into this snapshot (records up to it are skipped on start). */
  journalSeq: z.number().int().nonnegative(),
  /** Every mutation up to this id has its outcome here (applied in `claims`, or in conflicts.json). */
  lastMutationId: z.number().int().nonnegative(),
  /** Mutations above lastMutationId whose outcome already arrived (a multi-page pull in progress). */
  seenResults: z.array(z.number().int().positive()),
  lastSyncAt: Instant.nullable(),
  /** The claims file the summaries point into. */
  bodies: BodiesFile,
  claims: z.array(ClaimSummary),
});
export type SnapshotDoc = z.infer<typeof SnapshotDoc>;

/** A pull page as journaled: its claims as summaries, their bodies appended to `bodies` before it. */
export const JournalPage = z.strictObject({
  seq: z.number().int().positive(),
  clientId: ClientId,
  receivedAt: Instant,
  bodies: BodiesFile,
  page: PullResponse.extend({ claims: z.array(ClaimSummary) }),
});
export type JournalPage = z.infer<typeof JournalPage>;

/**
 * Format 1's claims (whole), validated one by one and replaced in place: parsing the whole array at
 * once would hold the raw and the parsed copy of every claim at the same time.
 */
const WholeClaims = z.array(z.unknown()).transform((items, ctx): Claim[] => {
  for (let i = 0; i < items.length; i++) {
    const parsed = Claim.safeParse(items[i]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
      return z.NEVER;
    }
    items[i] = parsed.data;
  }
  return items as Claim[];
});

/** snapshot.json as stores written before format 2 hold it: every claim whole. */
export const SnapshotDocV1 = SnapshotDoc.omit({ format: true, bodies: true, claims: true }).extend({ format: z.literal(1), claims: WholeClaims });
export type SnapshotDocV1 = z.infer<typeof SnapshotDocV1>;

/** snapshot.json in either format (format 1 is migrated when opened). */
export const AnySnapshotDoc = z.discriminatedUnion('format', [SnapshotDoc, SnapshotDocV1]);
export type AnySnapshotDoc = z.infer<typeof AnySnapshotDoc>;

/** A pull page as format 1 journaled it: its claims whole. */
export const JournalPageV1 = JournalPage.omit({ bodies: true }).extend({ page: PullResponse });
export type JournalPageV1 = z.infer<typeof JournalPageV1>;

export const AnyJournalPage = z.union([JournalPage, JournalPageV1]);
export type AnyJournalPage = z.infer<typeof AnyJournalPage>;

export const MutationActor = z.strictObject({ kind: DeskRole, id: z.string().min(1), name: z.string() });
export type MutationActor = z.infer<typeof MutationActor>;

export const OutboxMutation = z.strictObject({
  kind: z.literal('mutation'),
  clientId: ClientId,
  actor: MutationActor,
  mutation: Mutation,
  /** This mutation re-applies a refused one; that conflict is resolved once this record exists. */
  reapplies: z.number().int().positive().optional(),
});
export type OutboxMutation = z.infer<typeof OutboxMutation>;

/** Whose decisions an outbox holds, on which service: only they may ever push them. */
export const OutboxOwner = z.strictObject({ user: DeskUser, serverUrl: z.url().nullable() });
export type OutboxOwner = z.infer<typeof OutboxOwner>;

/**
 * First record of a rewritten outbox: ids at or below it were handed out already, never reuse them;
 * and whose decisions these are, recorded in the outbox itself so that a damaged session.json
 * never makes another user their owner (absent from outboxes written before it existed).
 */
export const OutboxBase = z.strictObject({ kind: z.literal('base'), clientId: ClientId, lastAllocatedId: z.number().int().nonnegative(), owner: OutboxOwner.optional() });
export type OutboxBase = z.infer<typeof OutboxBase>;

export const OutboxRecord = z.discriminatedUnion('kind', [OutboxMutation, OutboxBase]);
export type OutboxRecord = z.infer<typeof OutboxRecord>;

export const StoredConflict = z.strictObject({
  clientId: ClientId,
  actor: MutationActor,
  mutation: Mutation,
  claimNumber: z.string(),
  refusal: WireRefusal,
  receivedAt: Instant.nullable(),
  /**
   * The outbox id of a decision the service refused as a whole (a push answered 4xx, not a refusal
   * by the domain): it never took a place in the service's numbering, so the decisions after it
   * took its id and this inbox entry was given one of its own (LocalStore.withdrawUndeliverable).
   */
  withdrawnFrom: z.number().int().positive().optional(),
});
export type StoredConflict = z.infer<typeof StoredConflict>;

export const ConflictsDoc = z.strictObject({ format: z.literal(1), conflicts: z.array(StoredConflict) });
export type ConflictsDoc = z.infer<typeof ConflictsDoc>;

/** Another user's unsent decisions and conflicts, kept aside while someone else uses this computer. */
export const HeldDecisions = z.strictObject({
  format: z.literal(1),
  owner: OutboxOwner,
  clientId: ClientId,
  /** The highest mutation id handed out under clientId (the next one follows it). */
  lastAllocatedId: z.number().int().nonnegative(),
  heldAt: Instant,
  decisions: z.array(OutboxMutation),
  conflicts: z.array(StoredConflict),
});
export type HeldDecisions = z.infer<typeof HeldDecisions>;

/** One draft per claim, by claim id. */
export const DraftsDoc = z.strictObject({ format: z.literal(1), drafts: z.record(z.uuid(), Draft) });
export type DraftsDoc = z.infer<typeof DraftsDoc>;

export const QuarantineEntry = z.strictObject({
  at: Instant,
  file: z.string(),
  line: z.number().int().positive(),
  reason: z.string(),
  /** The line as it was on disk, kept so that nothing is lost; a person can still read it. */
  raw: z.string(),
  rawSum: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;
