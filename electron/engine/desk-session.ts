// Who is signed in on this desk, and to which claims service: signing in (the service's login and
// calendar; the outbox's owner decides whether the store is theirs or is held aside for its owner),
// signing out, the session token (in the credential store, else session.json), the client that
// talks to the service, and the user's settings kept with the session.
import type { BusinessCalendar, CalendarConfig, Holiday } from '../../shared/domain/calendar.js';
import { calendarOf, publicHolidayList } from '../../shared/domain/public-holidays.js';
import type { DeskUser, Session, Settings } from '../../shared/contract/desktop.js';
import type { EngineCore } from './engine-core.js';
import { EngineError } from './engine-error.js';
import type { LocalStore } from './local-store.js';
import { ServerClient, ServerRefusedError, SessionExpiredError, UnreachableError } from './server-client.js';

/** What signing in and out needs of the sync loop. */
export interface SyncControl {
  start(): void;
  stop(): void;
  idle(): Promise<void>;
}

/** The signed-in user, or the error a channel that needs one answers with. */
export function requireUser(store: LocalStore): DeskUser {
  const user = store.session.data.user;
  if (!user) throw new EngineError('not_signed_in', 'Sign in to PoE Desk first.');
  return user;
}

export class DeskSession {
  /** Talks to the claims service while a user is signed in (null: signed out, or the session ended). */
  client: ServerClient | null = null;
  private calendarNow: BusinessCalendar;
  /** The holidays sent with the session: eleven years from date-holidays, built once per calendar and year, not per call. */
  private holidayList: { key: string; list: Holiday[] } | null = null;

  constructor(
    private readonly core: EngineCore,
    private readonly sync: SyncControl,
    private readonly signal: AbortSignal,
  ) {
    this.calendarNow = calendarOf(core.store.session.data.calendar);
  }

  /** The business calendar of the service signed in to (the stored one until then). */
  get calendar(): BusinessCalendar {
    return this.calendarNow;
  }

  /** At open: a user still signed in, with a token, gets a client again. */
  async resume(): Promise<boolean> {
    const session = this.core.store.session.data;
    const token = await this.loadToken();
    if (!session.user || !token || !session.serverUrl) return false;
    this.client = this.clientFor(session.serverUrl, token);
    return true;
  }

  current(): Session {
    const s = this.core.store.session.data;
    return { user: s.user, serverUrl: s.serverUrl, calendar: s.calendar, publicHolidays: this.publicHolidays(s.calendar, new Date()) };
  }

  private publicHolidays(config: CalendarConfig, now: Date): Holiday[] {
    const key = `${JSON.stringify(config)}@${now.getUTCFullYear()}`;
    if (this.holidayList?.key !== key) this.holidayList = { key, list: publicHolidayList(config, now) };
    return this.holidayList.list;
  }

  requireUser(): DeskUser {
    return requireUser(this.core.store);
  }

  settings(): Settings {
    return this.core.store.session.data.settings;
  }

  setSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.core.serial.run(async () => {
      const settings: Settings = { ...this.core.store.session.data.settings, ...patch };
      await this.core.store.saveSession({ settings });
      return settings;
    });
  }

  private async loadToken(): Promise<string | null> {
    const { credentials } = this.core.options;
    const kept = this.core.store.session.data.token;
    if (!credentials) return kept;
    if (kept) {
      // A token left in session.json (a run without a credential store) moves into the store.
      await credentials.save(kept);
      await this.core.store.saveSession({ token: null });
      return kept;
    }
    return credentials.load();
  }

  private clientFor(baseUrl: string, token: string | null): ServerClient {
    return new ServerClient({ baseUrl, token, timeoutMs: this.core.options.requestTimeoutMs, signal: this.signal });
  }

  async signIn(serverUrlArg: string | undefined, username: string, password: string): Promise<Session> {
    const { store, options, serial, status, views, events } = this.core;
    const serverUrl = serverUrlArg ?? store.session.data.serverUrl;
    if (!serverUrl) throw new EngineError('invalid_arguments', 'Enter the address of the claims service, for example https://claims.example.com.');
    const login = await serverCall(() => this.clientFor(serverUrl, null).login(username, password));
    if (login.user.role !== 'reviewer' && login.user.role !== 'team_lead') {
      throw new EngineError('refused', 'PoE Desk is for reviewers and team leads. Partner accounts manage their claims in the partner portal.');
    }
    const user: DeskUser = { id: login.user.id, username: login.user.username, name: login.user.name, role: login.user.role };
    const client = this.clientFor(serverUrl, login.token);
    const { calendar } = await serverCall(() => client.config());
    this.sync.stop();
    await this.sync.idle();
    await serial.run(async () => {
      const s = store.session.data;
      const patch = { serverUrl, user, owner: user, token: options.credentials ? null : login.token, expiresAt: login.expiresAt, calendar };
      const signingIn = { user, serverUrl };
      // The directory holds one user's claims and decisions, of one server; whose they are is what
      // the outbox records (LocalStore.owner), never only session.json.
      const owner = store.owner;
      if (!owner || (owner.user.id === user.id && (s.serverUrl === null || s.serverUrl === serverUrl))) {
        await store.saveSession(patch);
        await store.writes.track('outbox.jsonl', () => store.outbox.recordOwner(store.clientId, signingIn));
        // A copy held for them that an interrupted change of user left behind: the outbox has it.
        await store.dropHeld(user.id);
      } else {
        // Someone else's unsent decisions are never sent under this user's name: they wait, held
        // aside, for their owner to sign in here again; this user's own held decisions come back.
        await store.holdForOwner(this.core.now());
        const held = (await store.heldDecisions()).find((h) => h.held.owner.user.id === user.id);
        await store.resetForNewOwner(patch, signingIn, held?.held ?? null);
      }
      await status.showHeldDecisions();
      await options.credentials?.save(login.token);
      this.setCalendar(calendar);
      views.rebuild();
      events.emit('claims.changed', { ids: [], all: true });
      status.refreshCounts();
    });
    this.client = client;
    if (options.autoSync !== false) this.sync.start();
    return this.current();
  }

  async signOut(): Promise<Session> {
    this.sync.stop();
    const client = this.client;
    this.client = null;
    // Ending the server session is a courtesy: offline, the token simply expires.
    await client?.logout().catch(() => undefined);
    await this.sync.idle();
    await this.core.serial.run(() => this.core.store.saveSession({ user: null, token: null, expiresAt: null }));
    await this.core.options.credentials?.save(null);
    this.core.status.set({ connection: 'offline', progress: null, lastError: null });
    return this.current();
  }

  private setCalendar(config: CalendarConfig): void {
    this.calendarNow = calendarOf(config);
    this.core.views.setCalendar(this.calendarNow);
  }
}

/** Runs a server call for signing in, turning transport failures into what the user is told. */
async function serverCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnreachableError) throw new EngineError('unreachable', `${error.message} Signing in needs the claims service; check the address and the network.`);
    if (error instanceof ServerRefusedError || error instanceof SessionExpiredError) throw new EngineError('refused', error.message);
    throw error;
  }
}
