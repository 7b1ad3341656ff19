// The desktop engine behind the desktop contract (shared/contract/desktop.ts): this file is its
// handler table, one line per channel, wiring the parts that do the work:
//   desk-session.ts    who is signed in, to which service, with which token and settings
//   claim-reading.ts   the queue, a claim, the "Everyone" search, a claim opened off the desk
//   decisions.ts       decisions checked by the domain and appended to the outbox; conflicts
//   draft-saving.ts    checklists being filled in
//   document-access.ts the PoE cache: what the viewer may load, downloads, prefetch
//   sync-loop.ts       push, pull and when; desk-status.ts: the sync status and its notices
//   lead-queries.ts    the team lead's and QA's questions, passed to the claims service
// and local-store.ts (the files), claim-views.ts (the view with pending decisions replayed).
//
// One parse per trust boundary (the rule is written out in electron/main/ipc.ts): a channel's
// arguments are parsed once, here in invoke, with the channel's schema, whoever calls (Electron's
// main process across the process boundary, the browser host, tests); the handlers take them as
// parsed (a decision's own arguments are the domain's to parse, once, in `apply`). Answers leave
// unparsed: they are parsed once where they arrive, in the renderer's client. Plain Node: it never
// imports electron.
import path from 'node:path';
import { calendarOf } from '../../shared/domain/public-holidays.js';
import { CHANNEL_NAMES, CHANNELS, type ChannelName, type ChannelResult, channelMethods, type DesktopApi } from '../../shared/contract/desktop.js';
import { ClaimReading } from './claim-reading.js';
import { ClaimViews, toConflict } from './claim-views.js';
import { Decisions } from './decisions.js';
import { DeskSession } from './desk-session.js';
import { DeskStatus } from './desk-status.js';
import { DocumentAccess } from './document-access.js';
import { DraftSaving } from './draft-saving.js';
import { clock, type EngineCore, type EngineOptions, type ParsedArgs } from './engine-core.js';
import { EngineError, NOT_ON_THIS_COMPUTER } from './engine-error.js';
import { type EngineListener, EngineEvents } from './events.js';
import { LeadQueries } from './lead-queries.js';
import { LocalStore, type OpenReport } from './local-store.js';
import { PoeCache } from './poe-cache.js';
import { Serial } from './serial.js';
import { SyncLoop } from './sync-loop.js';
import { StoreWriteError } from './write-health.js';

export type { CredentialStore, EngineOptions } from './engine-core.js';

const GiB = 1024 ** 3;

type Handlers = { [C in ChannelName]: (args: ParsedArgs<C>) => Promise<ChannelResult<C>> };

// Every channel is a method too (DesktopApi, through invoke, so direct callers get the same parsing):
// declared here, set in the constructor by channelMethods.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the methods are assigned in the constructor
export interface Engine extends DesktopApi {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class Engine {
  private readonly abort = new AbortController();
  private readonly core: EngineCore;
  private readonly session: DeskSession;
  private readonly sync: SyncLoop;
  private readonly documents: DocumentAccess;
  private readonly reading: ClaimReading;
  private readonly decisions: Decisions;
  private readonly drafts: DraftSaving;
  /** A field, not set in the constructor: the handler table below spreads its handlers. */
  private readonly lead = new LeadQueries(() => this.session.client);
  private closed = false;

  private constructor(options: EngineOptions, store: LocalStore, views: ClaimViews, cache: PoeCache) {
    Object.assign(this, channelMethods((channel, args) => this.invoke(channel, args)));
    const events = new EngineEvents();
    const now = clock(options);
    this.core = { options, store, views, events, serial: new Serial(), status: new DeskStatus(store, events, now), now };
    const client = () => this.session.client;
    this.documents = new DocumentAccess(this.core, cache, client);
    this.sync = new SyncLoop(this.core, client, (c) => this.documents.prefetch(c), this.abort.signal);
    this.session = new DeskSession(this.core, this.sync, this.abort.signal);
    this.reading = new ClaimReading(this.core, client);
    this.decisions = new Decisions(this.core, this.lead, () => this.session.calendar, () => this.sync.decisionSaved(), () => this.sync.runNow());
    this.drafts = new DraftSaving(this.core);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const store = await LocalStore.open({ dataDir: options.dataDir, serverUrl: options.serverUrl ?? null, journalCompactBytes: options.journalCompactBytes });
    try {
      const cache = await PoeCache.open(path.join(store.dataDir, 'documents'), options.cacheMaxBytes ?? 2 * GiB);
      const views = new ClaimViews(store, calendarOf(store.session.data.calendar));
      views.rebuild();
      const engine = new Engine(options, store, views, cache);
      await engine.core.status.showHeldDecisions();
      engine.core.status.showLostDecisions();
      if ((await engine.session.resume()) && options.autoSync !== false) engine.sync.start();
      return engine;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** What opening found: a resync needed, records kept aside, files moved aside. */
  get openReport(): OpenReport {
    return this.core.store.report;
  }

  get dataDir(): string {
    return this.core.store.dataDir;
  }

  /** Where cached PoE documents are, for serving them (serve-document.ts). */
  get documentsDir(): string {
    return this.documents.cache.dir;
  }

  on(listener: EngineListener): () => void {
    return this.core.events.on(listener);
  }

  /** Any channel by name with unparsed arguments: what transports call. Its arguments are parsed here, once. */
  async invoke(channel: string, args: unknown): Promise<unknown> {
    if (this.closed) throw new EngineError('closed', 'The engine has shut down; restart PoE Desk.');
    if (!(CHANNEL_NAMES as string[]).includes(channel)) throw new EngineError('unknown_channel', `There is no channel ${channel}.`);
    const parsed = CHANNELS[channel as ChannelName].args.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
      throw new EngineError('invalid_arguments', `${channel} was called with arguments it does not accept (${issues}).`);
    }
    const handler = this.handlers[channel as ChannelName] as (a: unknown) => Promise<unknown>;
    try {
      return await handler(parsed.data);
    } catch (error) {
      if (error instanceof StoreWriteError) throw new EngineError('write_failed', error.message);
      throw error;
    }
  }

  private readonly handlers: Handlers = {
    'session.current': async () => this.session.current(),
    'session.signIn': (a) => this.session.signIn(a.serverUrl, a.username, a.password),
    'session.signOut': () => this.session.signOut(),
    'queue.query': async (query) => this.reading.queue(query),
    'claims.get': async ({ id }) => this.reading.claim(id),
    'claims.search': (query) => this.reading.searchEveryone(query),
    'claims.open': ({ id }) => this.reading.open(id),
    'claims.mutate': ({ claimId, name, args }) => this.decisions.mutate(claimId, name, args),
    'documents.list': async ({ claimId }) => {
      this.session.requireUser();
      const claim = this.core.views.claim(claimId);
      if (!claim) throw new EngineError('not_found', NOT_ON_THIS_COMPUTER);
      return this.documents.entries(claim);
    },
    'lead.documents': async ({ claimId }) => {
      this.session.requireUser();
      const claim = this.core.views.claim(claimId) ?? (await this.lead.currentClaim(claimId));
      this.documents.allowOffDesk(claim);
      return this.documents.entries(claim);
    },
    'qa.documents': async ({ taskId }) => {
      this.session.requireUser();
      const { claim } = await this.lead.handlers['qa.task']({ taskId });
      this.documents.allowOffDesk(claim);
      return this.documents.entries(claim);
    },
    'sync.status': async () => this.core.status.current,
    'sync.now': async () => {
      this.session.requireUser();
      if (!this.session.client) throw new EngineError('not_signed_in', 'Sign in again to sync: the session on the claims service has ended.');
      await this.sync.runNow();
      return this.core.status.current;
    },
    'sync.dismissNotice': async ({ id }) => {
      this.core.status.dismiss(id);
      return this.core.status.current;
    },
    'conflicts.list': async () => this.core.store.conflicts.data.conflicts.map(toConflict),
    'conflicts.reapply': ({ mutationId }) => this.decisions.reapply(mutationId),
    'conflicts.discard': ({ mutationId }) => this.decisions.discard(mutationId),
    'drafts.get': async ({ claimId }) => this.drafts.get(claimId),
    'drafts.save': ({ claimId, checklist, openedAt }) => this.drafts.save(claimId, checklist, openedAt),
    'settings.get': async () => this.session.settings(),
    'settings.set': (patch) => this.session.setSettings(patch),
    ...this.lead.handlers,
  };

  /**
   * Makes a document available in the cache for the viewer: already there (marked as used), or
   * downloaded now when the server is reachable. False when it cannot be had.
   */
  ensureDocument(sha: string): Promise<boolean> {
    return this.documents.ensure(sha);
  }

  /** The browser host's CSV download: the filtered decision log streamed from the service. Its filter is parsed here, once. */
  async decisionsCsv(args: unknown): Promise<Response> {
    this.session.requireUser();
    const parsed = CHANNELS['lead.exportCsv'].args.shape.query.safeParse(args);
    if (!parsed.success) throw new EngineError('invalid_arguments', `The export's filter is not one PoE Desk knows (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}).`);
    return this.lead.csv(parsed.data);
  }

  /** Stops syncing, lets the write in progress finish, and releases the data directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sync.stop();
    this.documents.stop();
    this.abort.abort();
    await this.sync.idle();
    await this.core.serial.run(async () => undefined);
    await this.documents.cache.flush();
    await this.core.store.close();
  }
}
