// The desktop engine: the reviewer's local store, the view with pending decisions replayed, the
// sync client and the PoE cache, behind the desktop contract (shared/contract/desktop.ts). Every
// channel parses its arguments with the channel's schema and answers what the result schema
// allows, so Electron's IPC, the browser host and the child-process entry can pass calls through
// unchanged. Plain Node: it never imports electron.
import path from 'node:path';
import type { z } from 'zod';
import { BusinessCalendar, type CalendarConfig } from '../../shared/domain/calendar.js';
import { apply, awaitsReview } from '../../shared/domain/lifecycle.js';
import { ACTIONS, type Command, DECISIONS } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import {
  CHANNEL_NAMES,
  CHANNELS,
  type ChannelArgs,
  type ChannelName,
  type ChannelResult,
  type DesktopApi,
  type ClaimView,
  type DeskUser,
  type EveryonePage,
  type MutateResult,
  type Session,
  type Settings,
  type SyncStatus,
} from '../../shared/contract/desktop.js';
import { type DesktopActionName, toWireRefusal } from '../../shared/contract/sync.js';
import type { BackoffOptions } from './backoff.js';
import { ClaimViews, toConflict } from './claim-views.js';
import { DocumentPrefetch } from './document-prefetch.js';
import { EngineError } from './engine-error.js';
import { type EngineListener, EngineEvents } from './events.js';
import { LeadQueries } from './lead-queries.js';
import { LocalStore, type OpenReport } from './local-store.js';
import { Notices } from './notices.js';
import { PoeCache } from './poe-cache.js';
import { Serial } from './serial.js';
import { ServerClient, ServerRefusedError, SessionExpiredError, UnreachableError } from './server-client.js';
import type { OutboxMutation } from './store-files.js';
import { pullAll, pushPending, type SyncContext } from './sync-run.js';
import { SyncScheduler } from './sync-scheduler.js';
import { StoreWriteError, type WriteFailure } from './write-health.js';
import { actorOf } from '../../shared/domain/users.js';

/** Keeps the session token outside the engine's files (the Electron shell: the OS keychain through safeStorage). */
export interface CredentialStore {
  load(): Promise<string | null>;
  save(token: string | null): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  /** Where the session token is kept; without one it is kept in session.json (browser host, tests). */
  credentials?: CredentialStore;
  /**
   * The claims service's address. Given, it replaces the stored one (the same service at a new
   * address, as `npm run web` starts it); absent, the address the user signed in to is kept.
   */
  serverUrl?: string | null;
  /** Where the viewer loads a cached PoE from; Electron's poe:// protocol by default. */
  documentUrl?: (sha256: string) => string;
  /** Bound of the PoE cache (documents of assigned open claims are kept even beyond it). */
  cacheMaxBytes?: number;
  /** Sync this often while all is well. */
  pollIntervalMs?: number;
  /** Push this soon after a decision (decisions made in a burst go in one request). */
  pushDelayMs?: number;
  backoff?: BackoffOptions;
  /** Retrying a PoE download that failed (its own schedule: a failed document never fails a sync). */
  documentBackoff?: BackoffOptions;
  pullPageSize?: number;
  requestTimeoutMs?: number;
  journalCompactBytes?: number;
  /** Start syncing by itself (false: only on sync.now, for tests that drive every step). */
  autoSync?: boolean;
  now?: () => Date;
}

const GiB = 1024 ** 3;

type Handlers = { [C in ChannelName]: (args: ParsedArgs<C>) => Promise<ChannelResult<C>> };
type ParsedArgs<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['args']>;

export class Engine implements DesktopApi {
  private readonly events = new EngineEvents();
  private readonly serial = new Serial();
  private readonly scheduler: SyncScheduler;
  private readonly abort = new AbortController();
  private readonly documents: DocumentPrefetch;
  private readonly notices = new Notices();
  private readonly lead = new LeadQueries(() => this.client);
  /** Sizes of the PoE of claims a lead opened without holding them (lead.documents), so the viewer can fetch them. */
  private readonly offDeskDocuments = new Map<string, number>();
  /** Documents whose copy here was found damaged (and removed) and not downloaded again yet. */
  private readonly damagedCopies = new Set<string>();
  private client: ServerClient | null = null;
  private calendar: BusinessCalendar;
  private closed = false;
  private status: SyncStatus;

  private constructor(
    private readonly options: EngineOptions,
    private readonly store: LocalStore,
    private readonly views: ClaimViews,
    private readonly cache: PoeCache,
    calendar: BusinessCalendar,
  ) {
    this.calendar = calendar;
    this.status = {
      connection: 'offline',
      pending: store.pending().length,
      conflicts: store.conflicts.data.conflicts.length,
      lastSyncAt: store.lastSyncAt,
      progress: null,
      lastError: null,
      quarantined: store.quarantine.count,
      notices: [],
    };
    store.writes.listen((failures) => this.writeFailuresChanged(failures));
    this.reportDamage(store.report);
    this.documents = new DocumentPrefetch(cache, {
      backoff: options.documentBackoff ?? { baseMs: 5_000, maxMs: 10 * 60_000 },
      onProgress: (progress) => this.setStatus({ progress: progress && { phase: 'documents', ...progress } }),
      onRetryDue: () => {
        if (this.client) void this.prefetch(this.client);
      },
    });
    this.scheduler = new SyncScheduler(() => this.cycle(), { pollMs: options.pollIntervalMs ?? 30_000, backoff: options.backoff ?? { baseMs: 1_000, maxMs: 60_000 } }, (error) =>
      this.afterCycle(error),
    );
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const store = await LocalStore.open({ dataDir: options.dataDir, serverUrl: options.serverUrl ?? null, journalCompactBytes: options.journalCompactBytes });
    try {
      const cache = await PoeCache.open(path.join(store.dataDir, 'documents'), options.cacheMaxBytes ?? 2 * GiB);
      const calendar = new BusinessCalendar(store.session.data.calendar);
      const views = new ClaimViews(store, calendar);
      views.rebuild();
      const engine = new Engine(options, store, views, cache, calendar);
      await engine.showHeldDecisions();
      engine.showLostDecisions();
      const session = store.session.data;
      const token = await engine.loadToken();
      if (session.user && token && session.serverUrl) {
        engine.client = engine.clientFor(session.serverUrl, token);
        if (options.autoSync !== false) engine.scheduler.start();
      }
      return engine;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** What opening found: a resync needed, records kept aside, files moved aside. */
  get openReport(): OpenReport {
    return this.store.report;
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  /** Where cached PoE documents are, for serving them (serve-document.ts). */
  get documentsDir(): string {
    return this.cache.dir;
  }

  on(listener: EngineListener): () => void {
    return this.events.on(listener);
  }

  /** Any channel by name with unparsed arguments: what transports call. */
  async invoke(channel: string, args: unknown): Promise<unknown> {
    if (this.closed) throw new EngineError('closed', 'The engine has shut down; restart PoE Desk.');
    if (!(CHANNEL_NAMES as string[]).includes(channel)) throw new EngineError('unknown_channel', `There is no channel ${channel}.`);
    const def = CHANNELS[channel as ChannelName];
    const parsed = def.args.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
      throw new EngineError('invalid_arguments', `${channel} was called with arguments it does not accept (${issues}).`);
    }
    const handler = this.handlers[channel as ChannelName] as (a: unknown) => Promise<unknown>;
    let result: unknown;
    try {
      result = await handler(parsed.data);
    } catch (error) {
      if (error instanceof StoreWriteError) throw new EngineError('write_failed', error.message);
      throw error;
    }
    // The answer goes through the result schema too: what leaves the engine is what the contract says.
    return def.result.parse(result);
  }

  // ---- DesktopApi: each channel through invoke, so direct callers get the same parsing ---------
  'session.current' = (a: ChannelArgs<'session.current'>) => this.call('session.current', a);
  'session.signIn' = (a: ChannelArgs<'session.signIn'>) => this.call('session.signIn', a);
  'session.signOut' = (a: ChannelArgs<'session.signOut'>) => this.call('session.signOut', a);
  'queue.query' = (a: ChannelArgs<'queue.query'>) => this.call('queue.query', a);
  'claims.get' = (a: ChannelArgs<'claims.get'>) => this.call('claims.get', a);
  'claims.search' = (a: ChannelArgs<'claims.search'>) => this.call('claims.search', a);
  'claims.open' = (a: ChannelArgs<'claims.open'>) => this.call('claims.open', a);
  'claims.mutate' = (a: ChannelArgs<'claims.mutate'>) => this.call('claims.mutate', a);
  'documents.list' = (a: ChannelArgs<'documents.list'>) => this.call('documents.list', a);
  'sync.status' = (a: ChannelArgs<'sync.status'>) => this.call('sync.status', a);
  'sync.now' = (a: ChannelArgs<'sync.now'>) => this.call('sync.now', a);
  'sync.dismissNotice' = (a: ChannelArgs<'sync.dismissNotice'>) => this.call('sync.dismissNotice', a);
  'conflicts.list' = (a: ChannelArgs<'conflicts.list'>) => this.call('conflicts.list', a);
  'conflicts.reapply' = (a: ChannelArgs<'conflicts.reapply'>) => this.call('conflicts.reapply', a);
  'conflicts.discard' = (a: ChannelArgs<'conflicts.discard'>) => this.call('conflicts.discard', a);
  'drafts.get' = (a: ChannelArgs<'drafts.get'>) => this.call('drafts.get', a);
  'drafts.save' = (a: ChannelArgs<'drafts.save'>) => this.call('drafts.save', a);
  'settings.get' = (a: ChannelArgs<'settings.get'>) => this.call('settings.get', a);
  'settings.set' = (a: ChannelArgs<'settings.set'>) => this.call('settings.set', a);
  'lead.decisions' = (a: ChannelArgs<'lead.decisions'>) => this.call('lead.decisions', a);
  'lead.decision' = (a: ChannelArgs<'lead.decision'>) => this.call('lead.decision', a);
  'lead.documents' = (a: ChannelArgs<'lead.documents'>) => this.call('lead.documents', a);
  'lead.sla' = (a: ChannelArgs<'lead.sla'>) => this.call('lead.sla', a);
  'lead.slaTrend' = (a: ChannelArgs<'lead.slaTrend'>) => this.call('lead.slaTrend', a);
  'lead.metrics' = (a: ChannelArgs<'lead.metrics'>) => this.call('lead.metrics', a);
  'lead.pool' = (a: ChannelArgs<'lead.pool'>) => this.call('lead.pool', a);
  'lead.reviewers' = (a: ChannelArgs<'lead.reviewers'>) => this.call('lead.reviewers', a);
  'lead.qaDisagreements' = (a: ChannelArgs<'lead.qaDisagreements'>) => this.call('lead.qaDisagreements', a);
  'lead.audit' = (a: ChannelArgs<'lead.audit'>) => this.call('lead.audit', a);
  'lead.exportCsv' = (a: ChannelArgs<'lead.exportCsv'>) => this.call('lead.exportCsv', a);
  'qa.tasks' = (a: ChannelArgs<'qa.tasks'>) => this.call('qa.tasks', a);
  'qa.task' = (a: ChannelArgs<'qa.task'>) => this.call('qa.task', a);

  private call<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
    return this.invoke(channel, args) as Promise<ChannelResult<C>>;
  }

  private readonly handlers: Handlers = {
    'session.current': async () => this.session(),
    'session.signIn': (a) => this.signIn(a.serverUrl, a.username, a.password),
    'session.signOut': () => this.signOut(),
    'queue.query': async (q) => this.views.index.query(q, { now: this.now(), userId: this.requireUser().id }),
    'claims.get': async ({ id }) => {
      this.requireUser();
      return this.views.view(id);
    },
    'claims.search': (query) => this.searchEveryone(query),
    'claims.open': ({ id }) => this.open(id),
    'claims.mutate': async ({ claimId, name, args }) => this.decide(claimId, name, args, undefined, await this.offDesk(claimId, name, args)),
    'documents.list': async ({ claimId }) => {
      this.requireUser();
      const claim = this.views.claim(claimId);
      if (!claim) throw new EngineError('not_found', 'This claim is not on this computer. Sync, or check that it is still visible to you.');
      return this.documentEntries(claim);
    },
    'lead.documents': async ({ claimId }) => {
      this.requireUser();
      const claim = this.views.claim(claimId) ?? (await this.lead.currentClaim(claimId));
      for (const d of claim.documents) this.offDeskDocuments.set(d.sha256, d.size);
      return this.documentEntries(claim);
    },
    'sync.status': async () => this.status,
    'sync.now': async () => {
      this.requireUser();
      if (!this.client) throw new EngineError('not_signed_in', 'Sign in again to sync: the session on the claims service has ended.');
      await this.scheduler.runNow();
      return this.status;
    },
    'sync.dismissNotice': async ({ id }) => {
      if (this.notices.list.find((n) => n.id === id)?.code === 'outbox_truncated') this.store.forgetLost();
      if (this.notices.dismiss(id)) this.setStatus({ notices: this.notices.list });
      return this.status;
    },
    'conflicts.list': async () => this.store.conflicts.data.conflicts.map(toConflict),
    'conflicts.reapply': async ({ mutationId }) => {
      const conflict = this.store.conflicts.data.conflicts.find((c) => c.mutation.id === mutationId);
      if (!conflict) throw new EngineError('not_found', `There is no conflict for decision ${mutationId}; it may have been re-applied or discarded already.`);
      return this.decide(conflict.mutation.claimId, conflict.mutation.name, conflict.mutation.args, mutationId);
    },
    'conflicts.discard': ({ mutationId }) =>
      this.serial.run(async () => {
        const conflict = this.store.conflicts.data.conflicts.find((c) => c.mutation.id === mutationId);
        if (!(await this.store.removeConflict(mutationId))) throw new EngineError('not_found', `There is no conflict for decision ${mutationId}; it may have been discarded already.`);
        this.notices.clear(undeliverableKey(mutationId));
        this.views.refresh([conflict!.mutation.claimId]);
        this.conflictsChanged([conflict!.mutation.claimId]);
        return { ok: true as const };
      }),
    'drafts.get': async ({ claimId }) => {
      this.requireUser();
      return this.store.drafts.get(claimId);
    },
    'drafts.save': ({ claimId, checklist, openedAt }) => {
      this.requireUser();
      // Through the serial queue, so a save and a decision on the claim land in the order they came.
      return this.serial.run(async () => {
        if (!this.views.claim(claimId)) throw new EngineError('not_found', 'This claim is not on this computer. Sync, or check that it is still visible to you.');
        const now = this.now();
        // A time in the future (another clock) would make timeSpentMs negative: opening is now at the latest.
        return this.store.writes.track('drafts.json', () => this.store.drafts.save(claimId, checklist, openedAt && openedAt < now ? openedAt : now, now));
      });
    },
    'settings.get': async () => this.store.session.data.settings,
    'settings.set': (patch) =>
      this.serial.run(async () => {
        const settings: Settings = { ...this.store.session.data.settings, ...patch };
        await this.store.saveSession({ settings });
        return settings;
      }),
    ...this.lead.handlers,
  };

  private documentEntries(claim: Claim): Promise<ChannelResult<'documents.list'>> {
    const url = this.options.documentUrl ?? ((sha: string) => `poe://documents/${sha}`);
    return Promise.all(
      claim.documents.map(async (d) => {
        const cached = await this.checkedCopy(d.sha256);
        // A damaged copy was removed: fetch it again now (online), as a first open would.
        if (!cached && this.damagedCopies.has(d.sha256)) void this.ensureDocument(d.sha256).catch(() => false);
        return { sha256: d.sha256, name: d.name, size: d.size, pages: d.pages, cached, damaged: this.damagedCopies.has(d.sha256), url: url(d.sha256) };
      }),
    );
  }

  /** The browser host's CSV download: the filtered decision log streamed from the service. */
  async decisionsCsv(args: unknown): Promise<Response> {
    this.requireUser();
    const parsed = CHANNELS['lead.exportCsv'].args.shape.query.safeParse(args);
    if (!parsed.success) throw new EngineError('invalid_arguments', `The export's filter is not one PoE Desk knows (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}).`);
    return this.lead.csv(parsed.data);
  }

  /**
   * What a decision on a claim this desk does not hold is checked against: a lead's act on any
   * claim (the service's current claim, so the act goes through the outbox like any other and the
   * claim joins the lead's desk once it is applied); a QA verdict (its task, blind: see decide).
   * Null when the claim is here, or when it is neither.
   */
  private async offDesk(claimId: string, name: DesktopActionName, args: unknown): Promise<OffDesk | null> {
    if (this.store.synced.claims.has(claimId)) return null;
    const user = this.requireUser();
    if (name === 'recordQaVerdict') {
      const taskId = (args as { taskId?: unknown } | null)?.taskId;
      if (typeof taskId !== 'string') return null;
      const task = await this.lead.handlers['qa.task']({ taskId });
      return task.claim.id === claimId ? { kind: 'qa', claim: task.claim, baseVersion: task.baseVersion, open: task.state === 'open' } : null;
    }
    if (user.role === 'team_lead') return { kind: 'lead', claim: await this.lead.currentClaim(claimId) };
    return null;
  }

  // ---- session ------------------------------------------------------------------------------

  private session(): Session {
    const s = this.store.session.data;
    return { user: s.user, serverUrl: s.serverUrl, calendar: s.calendar };
  }

  private requireUser(): DeskUser {
    const user = this.store.session.data.user;
    if (!user) throw new EngineError('not_signed_in', 'Sign in to PoE Desk first.');
    return user;
  }

  private async loadToken(): Promise<string | null> {
    const { credentials } = this.options;
    const kept = this.store.session.data.token;
    if (!credentials) return kept;
    if (kept) {
      // A token left in session.json (a run without a credential store) moves into the store.
      await credentials.save(kept);
      await this.store.saveSession({ token: null });
      return kept;
    }
    return credentials.load();
  }

  private clientFor(baseUrl: string, token: string | null): ServerClient {
    return new ServerClient({ baseUrl, token, timeoutMs: this.options.requestTimeoutMs, signal: this.abort.signal });
  }

  private async signIn(serverUrlArg: string | undefined, username: string, password: string): Promise<Session> {
    const serverUrl = serverUrlArg ?? this.store.session.data.serverUrl;
    if (!serverUrl) throw new EngineError('invalid_arguments', 'Enter the address of the claims service, for example https://claims.example.com.');
    const login = await serverCall(() => this.clientFor(serverUrl, null).login(username, password));
    if (login.user.role !== 'reviewer' && login.user.role !== 'team_lead') {
      throw new EngineError('refused', 'PoE Desk is for reviewers and team leads. Partner accounts manage their claims in the partner portal.');
    }
    const user: DeskUser = { id: login.user.id, username: login.user.username, name: login.user.name, role: login.user.role };
    const client = this.clientFor(serverUrl, login.token);
    const { calendar } = await serverCall(() => client.config());
    this.scheduler.stop();
    await this.scheduler.idle();
    await this.serial.run(async () => {
      const s = this.store.session.data;
      const patch = { serverUrl, user, owner: user, token: this.options.credentials ? null : login.token, expiresAt: login.expiresAt, calendar };
      const signingIn = { user, serverUrl };
      // The directory holds one user's claims and decisions, of one server; whose they are is what
      // the outbox records (LocalStore.owner), never only session.json.
      const owner = this.store.owner;
      if (!owner || (owner.user.id === user.id && (s.serverUrl === null || s.serverUrl === serverUrl))) {
        await this.store.saveSession(patch);
        await this.store.writes.track('outbox.jsonl', () => this.store.outbox.recordOwner(this.store.clientId, signingIn));
        // A copy held for them that an interrupted change of user left behind: the outbox has it.
        await this.store.dropHeld(user.id);
      } else {
        // Someone else's unsent decisions are never sent under this user's name: they wait, held
        // aside, for their owner to sign in here again; this user's own held decisions come back.
        await this.store.holdForOwner(this.now());
        const held = (await this.store.heldDecisions()).find((h) => h.held.owner.user.id === user.id);
        await this.store.resetForNewOwner(patch, signingIn, held?.held ?? null);
      }
      await this.showHeldDecisions();
      await this.options.credentials?.save(login.token);
      this.setCalendar(calendar);
      this.views.rebuild();
      this.events.emit('claims.changed', { ids: [], all: true });
      this.refreshCounts();
    });
    this.client = client;
    if (this.options.autoSync !== false) this.scheduler.start();
    return this.session();
  }

  private async signOut(): Promise<Session> {
    this.scheduler.stop();
    const client = this.client;
    this.client = null;
    // Ending the server session is a courtesy: offline, the token simply expires.
    await client?.logout().catch(() => undefined);
    await this.scheduler.idle();
    await this.serial.run(() => this.store.saveSession({ user: null, token: null, expiresAt: null }));
    await this.options.credentials?.save(null);
    this.setStatus({ connection: 'offline', progress: null, lastError: null });
    return this.session();
  }

  private setCalendar(config: CalendarConfig): void {
    this.calendar = new BusinessCalendar(config);
    this.views.setCalendar(this.calendar);
  }

  // ---- beyond the desk's scope ---------------------------------------------------------------

  /** The "Everyone" view: the claims service's search, or word that it needs the network. */
  private async searchEveryone(query: ParsedArgs<'claims.search'>): Promise<EveryonePage> {
    this.requireUser();
    const client = this.client;
    if (!client) return { online: false };
    const page = await onlineCall(() => client.searchClaims(query));
    if (!page) return { online: false };
    const rows = page.rows.map((row) => {
      const here = this.views.view(row.id);
      return { ...row, pending: (here?.pending.length ?? 0) > 0, conflict: (here?.conflicts.length ?? 0) > 0 };
    });
    return { online: true, total: page.total, rows };
  }

  /**
   * A claim to show: the desk's own, or one outside its scope fetched from the claims service (again
   * at each open, so it is current) and kept while it is used; offline, the copy kept, if any.
   */
  private async open(id: string): Promise<ClaimView | null> {
    this.requireUser();
    const client = this.client;
    if (!this.views.holds(id) && client) {
      const claim = await onlineCall(() => client.claim(id));
      if (claim) this.views.visit(claim);
    }
    return this.views.view(id);
  }

  // ---- decisions ----------------------------------------------------------------------------

  /**
   * A decision: checked against the claim as the reviewer sees it (the domain's own rules), then
   * appended to the outbox durably, and only then acknowledged. `reapplies` re-makes a refused one.
   */
  private decide(claimId: string, name: DesktopActionName, args: unknown, reapplies: number | undefined, offDesk: OffDesk | null = null): Promise<MutateResult> {
    const user = this.requireUser();
    return this.serial.run(async (): Promise<MutateResult> => {
      const fetched = offDesk?.kind === 'lead' ? offDesk.claim : undefined;
      const synced = this.store.synced.claims.get(claimId) ?? fetched;
      // Not on the desk: the claim just fetched for the lead, not a copy opened earlier.
      const shown = this.views.holds(claimId) ? this.views.claim(claimId) : fetched;
      const actor = actorOf(user);
      const decidedAt = this.now();
      let baseVersion: number;
      if (synced && shown) {
        const result = apply(shown, actor, { name, args: args ?? {} } as Command, { now: decidedAt, calendar: this.calendar });
        if (!result.ok) return { ok: false, refusal: toWireRefusal(result.refusal) };
        baseVersion = synced.version;
      } else if (offDesk?.kind === 'qa') {
        // Blind review: the desk may not see the first decision the verdict is measured against, so
        // only the service can apply it; here its arguments and the task being open are checked.
        if (!offDesk.open) return { ok: false, refusal: { code: 'no_open_qa_task' } };
        const parsed = ACTIONS.recordQaVerdict.args.safeParse(args ?? {});
        if (!parsed.success) return { ok: false, refusal: { code: 'invalid_arguments', params: { issues: parsed.error.issues.map((i) => i.message) } } };
        baseVersion = offDesk.baseVersion;
      } else {
        throw new EngineError('not_found', 'This claim is not on this computer. Sync, or check that it is still visible to you.');
      }
      const record: OutboxMutation = {
        kind: 'mutation',
        clientId: this.store.clientId,
        actor,
        // The base is the server's version the reviewer saw: the server refuses the decision if
        // someone else changed the claim since (their own pending decisions are not a change).
        mutation: { id: this.store.nextMutationId(), claimId, name, args: args ?? {}, baseVersion, decidedAt },
        ...(reapplies !== undefined ? { reapplies } : {}),
      };
      await this.store.writes.track('outbox.jsonl', () => this.store.outbox.add(record));
      // The decision is saved. What follows tidies up; a failure there is reported (a notice) but
      // does not unsay the decision: a restart finishes a re-applied conflict's removal, and a draft
      // left behind only pre-fills a checklist.
      await this.afterDecision(claimId, name, reapplies).catch((error: unknown) => {
        if (!(error instanceof StoreWriteError)) throw error;
      });
      this.views.refresh([claimId]);
      this.events.emit('claims.changed', { ids: [claimId], all: false });
      if (reapplies !== undefined) this.conflictsChanged([]);
      this.refreshCounts();
      this.scheduler.kick(this.options.pushDelayMs ?? 200);
      return { ok: true, mutationId: record.mutation.id };
    });
  }

  private async afterDecision(claimId: string, name: DesktopActionName, reapplies: number | undefined): Promise<void> {
    if (reapplies !== undefined) {
      await this.store.removeConflict(reapplies);
      this.notices.clear(undeliverableKey(reapplies));
    }
    // The decision carries the checklist from here on, so its draft goes; after the outbox write,
    // so that a crash in between keeps the draft rather than losing both.
    if ((DECISIONS as readonly string[]).includes(name)) await this.store.writes.track('drafts.json', () => this.store.drafts.remove(claimId));
  }

  // ---- sync ---------------------------------------------------------------------------------

  private syncContext(client: ServerClient): SyncContext {
    return {
      store: this.store,
      client,
      serial: this.serial,
      pageSize: this.options.pullPageSize ?? 500,
      onPage: (effect, touched, settled) => {
        if (effect.all) this.views.rebuild();
        else this.views.refresh(touched);
        if (effect.all || touched.length > 0) this.events.emit('claims.changed', { ids: effect.all ? [] : [...new Set(touched)], all: effect.all });
        if (settled.length > 0) this.events.emit('decisions.settled', { decisions: settled });
        this.refreshCounts();
      },
      onOutboxChanged: () => {
        this.views.rebuild();
        this.refreshCounts();
      },
      onOutboxRebased: (serverLast, count) => {
        console.warn(`engine: the outbox was behind the claims service (its last id ${serverLast}); ${count} decision(s) numbered anew`);
        this.notices.set('outbox_behind_server', { server: serverLast, count }, this.now());
        this.setStatus({ notices: this.notices.list });
      },
      onServiceLast: (last) => {
        if (this.store.settleLost(last)) this.showLostDecisions();
      },
      onUndeliverable: (conflict, message) => {
        console.warn(`engine: the claims service refused decision ${conflict.withdrawnFrom} on ${conflict.claimNumber || conflict.mutation.claimId} outright (${message}); it is in Conflicts`);
        this.notices.set('decision_undeliverable', { claim: conflict.claimNumber || conflict.mutation.claimId, reason: message }, this.now(), undeliverableKey(conflict.mutation.id));
        this.setStatus({ notices: this.notices.list });
      },
      onProgress: (phase, done, total) => this.setStatus({ progress: { phase, done, total } }),
    };
  }

  private async cycle(): Promise<void> {
    const client = this.client;
    if (!client) throw new SessionExpiredError();
    this.setStatus({ connection: 'syncing' });
    const ctx = this.syncContext(client);
    await pushPending(ctx);
    await pullAll(ctx);
    // Push and pull worked: the desk is online, whatever becomes of the documents' downloads.
    this.setStatus({ connection: 'online', lastSyncAt: this.store.lastSyncAt, progress: null, lastError: null });
    await this.prefetch(client);
  }

  /** Records how a cycle ended; answers whether to retry by itself. */
  private afterCycle(error: unknown): boolean {
    if (!error) {
      this.setStatus({ connection: 'online', lastSyncAt: this.store.lastSyncAt, progress: null, lastError: null });
      return true;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (this.abort.signal.aborted) return false;
    if (error instanceof SessionExpiredError) {
      this.setStatus({ connection: 'offline', progress: null, lastError: message });
      return false;
    }
    const explained = error instanceof UnreachableError || error instanceof ServerRefusedError || error instanceof StoreWriteError;
    if (!explained) console.error('engine: sync failed', error);
    this.setStatus({ connection: 'offline', progress: null, lastError: explained ? message : `Sync failed: ${message}` });
    return true;
  }

  // ---- documents ----------------------------------------------------------------------------

  /** Downloads the PoE of the user's assigned open claims that are not cached yet (never throws). */
  private async prefetch(client: ServerClient): Promise<void> {
    const user = this.store.session.data.user;
    if (!user) return;
    const wanted = new Map<string, number>();
    for (const claim of this.views.claims()) {
      if (claim.assignee?.id !== user.id || !awaitsReview(claim)) continue;
      for (const d of claim.documents) wanted.set(d.sha256, d.size);
    }
    await this.documents.run(client, wanted);
  }

  /**
   * Makes a document available in the cache for the viewer: already there (marked as used), or
   * downloaded now when the server is reachable. False when it cannot be had.
   */
  async ensureDocument(sha: string): Promise<boolean> {
    if (await this.checkedCopy(sha)) {
      this.cache.touch(sha);
      return true;
    }
    const client = this.client;
    if (!client || !this.store.session.data.user) return false;
    const size = this.offDeskDocuments.get(sha) ?? documentSize(sha, this.views.claims()) ?? documentSize(sha, this.views.visited());
    if (size === null) return false;
    const fetched = await this.documents.ensure(client, sha, size);
    if (fetched) this.damagedCopies.delete(sha);
    return fetched;
  }

  /**
   * Whether the cached copy can be served: present and, at its first use in this run, hashed
   * against its SHA-256. A damaged copy is removed and remembered, so the viewer says it was the
   * copy on this computer (not the partner's upload) until it has been downloaded again.
   */
  private async checkedCopy(sha: string): Promise<boolean> {
    if (!this.cache.has(sha)) return false;
    if (await this.cache.verify(sha)) return true;
    this.damagedCopies.add(sha);
    return false;
  }

  // ---- status -------------------------------------------------------------------------------

  private refreshCounts(): void {
    this.setStatus({ pending: this.store.pending().length, conflicts: this.store.conflicts.data.conflicts.length, quarantined: this.store.quarantine.count });
  }

  /** What opening found damaged and kept aside, shown to the reviewer (not only logged). */
  private reportDamage(report: OpenReport): void {
    const at = this.now();
    for (const kept of report.movedAside) {
      const file = path.basename(kept).replace(/\.damaged-.*$/, '');
      const kind = { 'session.json': 'session', 'snapshot.json': 'snapshot', 'pulls.jsonl': 'journal', 'drafts.json': 'drafts', 'conflicts.json': 'conflicts' }[file] ?? 'snapshot';
      this.notices.set('damaged_file', { file, keptAt: kept, kind }, at, `damaged:${file}`);
    }
    if (report.quarantinedNow > 0 && !report.movedAside.some((f) => path.basename(f).startsWith('conflicts.json'))) {
      this.notices.set('damaged_file', { file: 'outbox.jsonl', keptAt: this.store.quarantine.file, kind: 'outbox' }, at, 'damaged:outbox.jsonl');
    }
    this.status = { ...this.status, notices: this.notices.list };
  }

  /** Names the decisions the outbox lost (cut short) by their claims, or clears the notice once none is left. */
  private showLostDecisions(): void {
    const lost = this.store.lostDecisions;
    if (lost.length === 0) this.notices.clear('outbox_truncated');
    else {
      const claims = [...new Set(lost.map((l) => this.store.synced.claims.get(l.claimId)?.number ?? l.claimId))].join(', ');
      this.notices.set('outbox_truncated', { file: path.join(this.store.dataDir, 'outbox.jsonl'), missing: lost.length, claims }, this.now());
    }
    this.setStatus({ notices: this.notices.list });
  }

  /** A notice for each other user whose decisions wait on this computer, naming the file a team lead can read. */
  private async showHeldDecisions(): Promise<void> {
    const signedIn = this.store.session.data.user;
    for (const notice of this.notices.list) if (notice.code === 'outbox_of_other_user') this.notices.clear(`held:${notice.params.ownerId}`);
    for (const { file, held } of await this.store.heldDecisions()) {
      if (held.owner.user.id === signedIn?.id) continue;
      const params = { owner: held.owner.user.name, ownerId: held.owner.user.id, count: held.decisions.length + held.conflicts.length, exportedTo: file };
      this.notices.set('outbox_of_other_user', params, held.heldAt, `held:${held.owner.user.id}`);
    }
    this.setStatus({ notices: this.notices.list });
  }

  /** Shows a notice for each store file that cannot be written now; clears those that work again. */
  private writeFailuresChanged(failures: WriteFailure[]): void {
    const failing = new Set(failures.map((f) => `write_failed:${f.file}`));
    for (const notice of this.notices.list) if (notice.code === 'write_failed' && !failing.has(`write_failed:${notice.params.file}`)) this.notices.clear(`write_failed:${notice.params.file}`);
    for (const f of failures) {
      const shown = this.notices.list.find((n) => n.code === 'write_failed' && n.params.file === f.file && n.params.error === f.error);
      if (!shown) this.notices.set('write_failed', { file: f.file, error: f.error, folder: this.store.dataDir }, this.now(), `write_failed:${f.file}`);
    }
    this.setStatus({ notices: this.notices.list });
  }

  /** A conflict was re-applied or discarded; conflicts.changed follows from the count (setStatus). */
  private conflictsChanged(claimIds: string[]): void {
    if (claimIds.length > 0) this.events.emit('claims.changed', { ids: claimIds, all: false });
    this.setStatus({ notices: this.notices.list });
    this.refreshCounts();
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    const conflictsBefore = this.status.conflicts;
    this.status = next;
    this.events.emit('sync.status', next);
    if (next.conflicts !== conflictsBefore) this.events.emit('conflicts.changed', { count: next.conflicts });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** Stops syncing, lets the write in progress finish, and releases the data directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.stop();
    this.documents.stop();
    this.abort.abort();
    await this.scheduler.idle();
    await this.serial.run(async () => undefined);
    await this.cache.flush();
    await this.store.close();
  }
}

/** A claim this desk does not hold, fetched for a decision on it (Engine.offDesk). */
type OffDesk = { kind: 'lead'; claim: Claim } | { kind: 'qa'; claim: Claim; baseVersion: number; open: boolean };

/** The notice of a decision the service refused outright, kept until its conflict is re-applied or discarded. */
const undeliverableKey = (inboxId: number) => `undeliverable:${inboxId}`;

/** The size of a document of these claims, or null when none has it. */
function documentSize(sha: string, claims: Iterable<Claim>): number | null {
  for (const claim of claims) {
    const doc = claim.documents.find((d) => d.sha256 === sha);
    if (doc) return doc.size;
  }
  return null;
}

/** A read from the claims service for a channel: null when it cannot be reached; its refusals as the user is told them. */
async function onlineCall<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnreachableError) return null;
    if (error instanceof SessionExpiredError) throw new EngineError('not_signed_in', error.message);
    if (error instanceof ServerRefusedError) throw new EngineError('refused', error.message);
    throw error;
  }
}

/** Runs a server call for a channel, turning transport failures into what the user is told. */
async function serverCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnreachableError) throw new EngineError('unreachable', `${error.message} Signing in needs the claims service; check the address and the network.`);
    if (error instanceof ServerRefusedError || error instanceof SessionExpiredError) throw new EngineError('refused', error.message);
    throw error;
  }
}
