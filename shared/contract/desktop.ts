// The desktop API: what the renderer may ask of the engine, as one table of channels with zod
// schemas for arguments and results, and the events the engine emits. Electron's IPC (one
// ipcMain.handle per channel), the preload bridge and the browser host's HTTP + SSE all serve
// exactly this table; each end parses what crosses it with these schemas.
import { z } from 'zod';
import { wellFormedText } from '../domain/text.js';
import { CalendarConfig } from '../domain/calendar.js';
import { Checklist } from '../domain/checklist.js';
import { Claim } from '../domain/claim.js';
import { ClaimStatus, Instant, PartnerId, ProductId } from '../domain/model.js';
import { DeskRole } from '../domain/users.js';
import { AuditVerifyResponse, DeskUserList } from './server.js';
import {
  AssignmentPool,
  ClaimAsDecided,
  DecisionIdParams,
  DecisionLogPage,
  DeskCsvQuery,
  DeskDecisionLogQuery,
  MetricsQuery,
  PoolQuery,
  QaDisagreementList,
  QaTaskList,
  QaTaskParams,
  QaTaskView,
  ReviewerMetrics,
  SlaBoard,
  SlaTrend,
  SlaTrendQuery,
} from './lead.js';
import { ClaimSearchQuery, ClaimSearchRow } from './desk-search.js';
import { DocumentList } from './documents.js';
import { DesktopActionName, WireRefusal } from './sync.js';

export const DeskUser = z.strictObject({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: DeskRole,
});
export type DeskUser = z.infer<typeof DeskUser>;

export const Session = z.strictObject({
  user: DeskUser.nullable(),
  serverUrl: z.url().nullable(),
  calendar: CalendarConfig,
  /** The calendar country's public holidays around now (the renderer's calendar is built from them). */
  publicHolidays: z.array(z.strictObject({ date: z.iso.date(), name: z.string() })),
});
export type Session = z.infer<typeof Session>;

/**
 * What the reviewer must know about this computer's store, shown as a dismissible banner until it
 * is dismissed or no longer true. The code picks the sentence (shared/i18n, en and cs); params fill it.
 *   write_failed          a file of the engine could not be written (params: file, error)
 *   damaged_file          a file was damaged at start and kept aside (file, keptAt)
 *   outbox_truncated      the outbox lost decisions its ledger lists (file, missing, claims)
 *   outbox_behind_server  the outbox restarted below what the service processed (server, count)
 *   outbox_of_other_user  decisions of another person wait here for them (owner, count)
 *   decision_undeliverable the service refused a decision outright; it is in Conflicts (claim, reason)
 */
export const NOTICE_CODES = ['write_failed', 'damaged_file', 'outbox_truncated', 'outbox_behind_server', 'outbox_of_other_user', 'decision_undeliverable'] as const;
export const Notice = z.strictObject({
  id: z.string().min(1),
  code: z.enum(NOTICE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  at: Instant,
});
export type Notice = z.infer<typeof Notice>;

export const SyncStatus = z.strictObject({
  connection: z.enum(['online', 'offline', 'syncing']),
  pending: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  lastSyncAt: Instant.nullable(),
  /** Set while a long step runs: the initial sync's pages, or the PoE prefetch. */
  progress: z.strictObject({ phase: z.enum(['initial_sync', 'pull', 'documents']), done: z.number(), total: z.number().nullable() }).nullable(),
  /** What the last failed attempt said, for the status area; null when the last attempt worked. */
  lastError: z.string().nullable(),
  /** Records of the outbox that could not be read at start, kept aside (never dropped). */
  quarantined: z.number().int().nonnegative(),
  /** What the reviewer must know about the store (newest last); absent from older engines. */
  notices: z.array(Notice).default([]),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const QueueSortKey = z.enum(['deadline', 'number', 'partner', 'customer', 'status', 'assignee']);

export const QueueQuery = z.strictObject({
  search: wellFormedText().max(200).optional(),
  statuses: z.array(ClaimStatus).optional(),
  overdue: z.boolean().optional(),
  partnerId: PartnerId.optional(),
  product: ProductId.optional(),
  /** 'me' for the signed-in reviewer's claims, a user id, or all when absent. */
  assignee: wellFormedText().max(200).optional(),
  sort: z.strictObject({ by: QueueSortKey, dir: z.enum(['asc', 'desc']) }).default({ by: 'deadline', dir: 'asc' }),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type QueueQuery = z.input<typeof QueueQuery>;

/** One queue row: light enough to list tens of thousands of claims. */
export const QueueRow = ClaimSearchRow.extend({
  pending: z.boolean(),
  conflict: z.boolean(),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const QueuePage = z.strictObject({
  total: z.number().int().nonnegative(),
  rows: z.array(QueueRow),
  /** The partners present, for the filter. */
  partners: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

/** The "Everyone" view: the claims service's search (online only), each row marked as the desk knows it. */
export const EveryonePage = z.discriminatedUnion('online', [
  z.strictObject({ online: z.literal(true), total: z.number().int().nonnegative(), rows: z.array(QueueRow) }),
  /** The claims service could not be reached: the view needs the network. */
  z.strictObject({ online: z.literal(false) }),
]);
export type EveryonePage = z.infer<typeof EveryonePage>;

export const PendingMutation = z.strictObject({
  mutationId: z.number().int().positive(),
  name: DesktopActionName,
  decidedAt: Instant,
});

export const Conflict = z.strictObject({
  mutationId: z.number().int().positive(),
  claimId: z.uuid(),
  claimNumber: z.string(),
  name: DesktopActionName,
  args: z.unknown(),
  decidedAt: Instant,
  receivedAt: Instant.nullable(),
  refusal: WireRefusal,
});
export type Conflict = z.infer<typeof Conflict>;

/** A claim as the UI sees it: the synced snapshot with pending mutations replayed on top. */
export const ClaimView = z.strictObject({
  claim: Claim,
  /** Decisions saved locally but not yet acknowledged by the server. */
  pending: z.array(PendingMutation),
  conflicts: z.array(Conflict),
});
export type ClaimView = z.infer<typeof ClaimView>;

/** A decision saved (the caller follows it by its id: decisions.settled) or refused; the claim's new view comes with claims.changed. */
export const MutateResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), mutationId: z.number().int().positive() }),
  z.strictObject({ ok: z.literal(false), refusal: WireRefusal }),
]);
export type MutateResult = z.infer<typeof MutateResult>;

export const Settings = z.strictObject({
  locale: z.enum(['en', 'cs']),
  theme: z.enum(['light', 'dark', 'system']),
});
export type Settings = z.infer<typeof Settings>;

/**
 * The reviewer's working checklist for a claim, kept by the engine until a decision on the claim
 * takes it along. `openedAt` is when the reviewer first opened the claim for review: the decision's
 * timeSpentMs is measured from it, across restarts.
 */
export const Draft = z.strictObject({
  claimId: z.uuid(),
  checklist: Checklist,
  openedAt: Instant,
  savedAt: Instant,
});
export type Draft = z.infer<typeof Draft>;

const channel = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });
const None = z.strictObject({});
const Ok = z.strictObject({ ok: z.literal(true) });

export const CHANNELS = {
  'session.current': channel(None, Session),
  'session.signIn': channel(
    z.strictObject({ serverUrl: z.url().optional(), username: wellFormedText().min(1).max(100), password: wellFormedText().min(1).max(200) }),
    Session,
  ),
  'session.signOut': channel(None, Session),
  'queue.query': channel(QueueQuery, QueuePage),
  'claims.get': channel(z.strictObject({ id: z.uuid() }), ClaimView.nullable()),
  'claims.search': channel(ClaimSearchQuery, EveryonePage),
  /**
   * The claim to show: from the desk, or (not on it) fetched from the claims service and kept on
   * this computer while it is used; null when neither has it (offline, or no such claim).
   */
  'claims.open': channel(z.strictObject({ id: z.uuid() }), ClaimView.nullable()),
  'claims.mutate': channel(z.strictObject({ claimId: z.uuid(), name: DesktopActionName, args: z.unknown() }), MutateResult),
  'documents.list': channel(z.strictObject({ claimId: z.uuid() }), DocumentList),
  'sync.status': channel(None, SyncStatus),
  'sync.now': channel(None, SyncStatus),
  /** Hides a notice (the reviewer read it); answers the status without it. */
  'sync.dismissNotice': channel(z.strictObject({ id: z.string().min(1).max(100) }), SyncStatus),
  'conflicts.list': channel(None, z.array(Conflict)),
  'conflicts.reapply': channel(z.strictObject({ mutationId: z.number().int().positive() }), MutateResult),
  'conflicts.discard': channel(z.strictObject({ mutationId: z.number().int().positive() }), Ok),
  'drafts.get': channel(z.strictObject({ claimId: z.uuid() }), Draft.nullable()),
  /** Saves the checklist; the first save of a claim records openedAt (the given one, or now). */
  'drafts.save': channel(z.strictObject({ claimId: z.uuid(), checklist: Checklist, openedAt: Instant.optional() }), Draft),
  'settings.get': channel(None, Settings),
  'settings.set': channel(Settings.partial(), Settings),
  // The team lead's desk (shared/contract/lead.ts): queries the engine passes to the claims
  // service; they need the network (offline they answer 'unreachable'). Lead acts are claims.mutate.
  'lead.decisions': channel(DeskDecisionLogQuery, DecisionLogPage),
  'lead.decision': channel(DecisionIdParams, ClaimAsDecided),
  /** The PoE of any claim, for the claim as decided; fetched into the cache on first use like the desk's own. */
  'lead.documents': channel(z.strictObject({ claimId: z.uuid() }), DocumentList),
  'lead.sla': channel(None, SlaBoard),
  /** The SLA board's trend: per day of the period and clock, running clocks on time and overdue. */
  'lead.slaTrend': channel(SlaTrendQuery, SlaTrend),
  /** Reviewer metrics over a period (and optionally one reviewer). */
  'lead.metrics': channel(MetricsQuery, ReviewerMetrics),
  'lead.pool': channel(PoolQuery, AssignmentPool),
  'lead.reviewers': channel(None, DeskUserList),
  'lead.qaDisagreements': channel(None, QaDisagreementList),
  'lead.audit': channel(None, AuditVerifyResponse),
  /**
   * Writes the filtered log as CSV to a file: Electron's main process asks where (a save dialog) and
   * adds the path; the browser build downloads it from the host's /export/decisions.csv instead.
   */
  'lead.exportCsv': channel(z.strictObject({ query: DeskCsvQuery, path: z.string().min(1).max(4096).optional() }), /** path null: the user cancelled the save dialog. */
    z.strictObject({ path: z.string().nullable(), bytes: z.number().int().nonnegative() }),
  ),
  /** A reviewer's open QA tasks, and one of them as its QA reviewer may see it (blind until the verdict). */
  'qa.tasks': channel(None, QaTaskList),
  'qa.task': channel(QaTaskParams, QaTaskView),
  /** The PoE of a QA task's claim as it stood (its documents as the task shows them), for the viewer beside the blind review. */
  'qa.documents': channel(QaTaskParams, DocumentList),
} as const;

export type ChannelName = keyof typeof CHANNELS;
export type ChannelArgs<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['args']>;
export type ChannelResult<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['result']>;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

/**
 * The application menu's commands (Electron): the same actions as the renderer's own keyboard
 * shortcuts, sent when the reviewer picks them from the menu. The browser build never emits it.
 */
export const AppCommand = z.enum(['next', 'previous', 'approve', 'requestAction', 'reject', 'find', 'zoomIn', 'zoomOut', 'help']);
export type AppCommand = z.infer<typeof AppCommand>;

export const EVENTS = {
  'sync.status': SyncStatus,
  /** Claims whose view changed (sync, a decision); the UI refetches what it shows. */
  'claims.changed': z.strictObject({ ids: z.array(z.uuid()), all: z.boolean() }),
  'conflicts.changed': z.strictObject({ count: z.number().int().nonnegative() }),
  /** Decisions of this desk that the claims service settled in a pull: applied ("synced") or refused (now in the conflicts inbox). */
  'decisions.settled': z.strictObject({
    decisions: z.array(z.strictObject({ mutationId: z.number().int().positive(), claimId: z.uuid(), state: z.enum(['synced', 'refused']) })),
  }),
  'app.command': z.strictObject({ command: AppCommand }),
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** What every implementation of the contract provides (the engine; clients in renderer/api). */
export type DesktopApi = { [C in ChannelName]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>> };

/** Every channel as a method over one `call` by name: how the engine and the renderer's client provide DesktopApi. */
export function channelMethods(call: (channel: ChannelName, args: unknown) => Promise<unknown>): DesktopApi {
  return Object.fromEntries(CHANNEL_NAMES.map((c) => [c, (args: unknown) => call(c, args)])) as unknown as DesktopApi;
}
