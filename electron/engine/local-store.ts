// The engine's data directory, opened and checked: every file parsed with its schema, damage
// handled as the store's rules say, and the write order that keeps the files consistent with one
// another across a crash:
//   - a refused decision reaches conflicts.json before the pull page that reports it is journaled;
//   - a pull page is journaled before the outbox drops the decisions it settles;
//   - the snapshot is rewritten before the journal it absorbed is emptied (records carry a sequence
//     number, so pages already in the snapshot are skipped if the emptying did not happen).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { CalendarConfig, DEFAULT_CALENDAR } from '../../shared/domain/calendar.js';
import type { PullResponse } from '../../shared/contract/sync.js';
import { AppendLog, readLog } from './append-log.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { moveAside, removeDurably, removeStaleTemps } from './durable-fs.js';
import { DamagedFileError, DurableJsonFile } from './durable-json-file.js';
import { Outbox } from './outbox.js';
import { Quarantine } from './quarantine.js';
import { ReviewDrafts } from './review-drafts.js';
import {
  ConflictsDoc,
  DEFAULT_SETTINGS,
  DraftsDoc,
  JournalPage,
  type OutboxMutation,
  SessionDoc,
  SnapshotDoc,
  type StoredConflict,
} from './store-files.js';
import { type PageEffect, SyncedClaims } from './synced-claims.js';
import { WriteHealth } from './write-health.js';

export interface LocalStoreOptions {
  dataDir: string;
  /** The claims service's address; replaces a stored one (the same service at a new address). */
  serverUrl?: string | null;
  /** Rewrite the snapshot when the journal of pull pages exceeds this (and half the snapshot). */
  journalCompactBytes?: number;
}

/** What opening found and did, for the log and for tests. */
export interface OpenReport {
  /** Why the synced claims must be rebuilt from the server (null when they are intact). */
  resyncBecause: string | null;
  /** Outbox records kept aside at this start. */
  quarantinedNow: number;
  /** Other files that were damaged and moved aside. */
  movedAside: string[];
}

const stamp = () => `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;

export class LocalStore {
  readonly report: OpenReport = { resyncBecause: null, quarantinedNow: 0, movedAside: [] };
  lastSyncAt: string | null = null;
  /** Every write of the store's files goes through it: a failure is known by file until it works again. */
  readonly writes: WriteHealth;
  private snapshotBytes = 0;

  private constructor(
    readonly dataDir: string,
    private readonly lock: DataDirLock,
    readonly session: Low<SessionDoc>,
    private readonly snapshot: Low<SnapshotDoc | null>,
    public synced: SyncedClaims,
    private readonly journal: AppendLog<JournalPage>,
    readonly outbox: Outbox,
    readonly conflicts: Low<ConflictsDoc>,
    readonly quarantine: Quarantine,
    readonly drafts: ReviewDrafts,
    private readonly journalCompactBytes: number,
  ) {
    this.writes = new WriteHealth(dataDir);
  }

  get clientId(): string {
    return this.session.data.clientId;
  }

  static async open(options: LocalStoreOptions): Promise<LocalStore> {
    const dir = path.resolve(options.dataDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const lock = await lockDataDir(dir);
    try {
      return await LocalStore.openLocked(dir, lock, options);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async openLocked(dir: string, lock: DataDirLock, options: LocalStoreOptions): Promise<LocalStore> {
    await removeStaleTemps(dir, await readdir(dir));
    const movedAside: string[] = [];
    const file = (name: string) => path.join(dir, name);

    const quarantine = await Quarantine.open(file('quarantine.jsonl'));
    const { outbox, quarantined } = await Outbox.open(file('outbox.jsonl'), quarantine);

    // session.json: damaged means the user signs in again; nothing is lost but the token.
    const sessionFile = new DurableJsonFile(file('session.json'), SessionDoc);
    const storedSession = await readOrAside(sessionFile, movedAside);
    // The outbox's client id wins: its decisions must reach the server under the id they were numbered for.
    const clientId = outbox.clientId ?? storedSession?.clientId ?? randomUUID();
    const sessionDoc: SessionDoc = storedSession ?? {
      format: 1,
      clientId,
      serverUrl: options.serverUrl ?? null,
      owner: null,
      user: null,
      token: null,
      expiresAt: null,
      calendar: CalendarConfig.parse(DEFAULT_CALENDAR),
      settings: DEFAULT_SETTINGS,
    };
    const session = new Low<SessionDoc>(sessionFile, { ...sessionDoc, clientId, serverUrl: options.serverUrl ?? sessionDoc.serverUrl });
    await session.write();

    // snapshot.json + pulls.jsonl: server data, so damage means a full resync, never a guess.
    const snapshotFile = new DurableJsonFile(file('snapshot.json'), SnapshotDoc);
    const journalFile = file('pulls.jsonl');
    let resyncBecause: string | null = null;
    let snapshotDoc: SnapshotDoc | null = null;
    try {
      snapshotDoc = await snapshotFile.read();
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      resyncBecause = error.message;
      movedAside.push(await moveAside(snapshotFile.file, stamp()));
    }
    if (snapshotDoc && snapshotDoc.clientId !== clientId) resyncBecause = 'the snapshot belongs to another client id';
    const { records: pages, damaged } = await readLog(journalFile, JournalPage);
    // An interrupted last append is harmless (nothing was derived from a page not yet durable);
    // damage before it, or pages of another client, make the journal untrustworthy.
    const midFile = damaged.find((d) => !d.tail);
    if (midFile) resyncBecause ??= `${journalFile} line ${midFile.line}: ${midFile.reason}`;
    if (pages.some((p) => p.clientId !== clientId)) resyncBecause ??= 'pull pages of another client id';

    let synced: SyncedClaims;
    let lastSyncAt: string | null = null;
    let journal: AppendLog<JournalPage>;
    if (resyncBecause) {
      synced = new SyncedClaims();
      if (pages.length > 0 || damaged.length > 0) movedAside.push(await moveAside(journalFile, stamp()));
      journal = await AppendLog.open<JournalPage>(journalFile, []);
    } else {
      synced = SyncedClaims.fromSnapshot(snapshotDoc);
      lastSyncAt = snapshotDoc?.lastSyncAt ?? null;
      for (const page of pages) if (synced.apply(page).complete) lastSyncAt = page.receivedAt;
      journal = await AppendLog.open<JournalPage>(journalFile, damaged.length > 0 ? pages : undefined);
    }

    // conflicts.json: the reviewer's refused decisions. They cannot be fetched again, so a damaged
    // file is kept aside whole in the quarantine (and counted) rather than lost.
    const conflictsFile = new DurableJsonFile(file('conflicts.json'), ConflictsDoc);
    let conflictsDoc: ConflictsDoc | null = null;
    let conflictsQuarantined = 0;
    try {
      conflictsDoc = await conflictsFile.read();
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      const raw = await readFile(conflictsFile.file, 'utf8');
      conflictsQuarantined = await quarantine.keep('conflicts.json', [{ line: 1, raw, reason: error.reason, tail: false }]);
      movedAside.push(await moveAside(conflictsFile.file, stamp()));
    }
    const conflicts = new Low<ConflictsDoc>(conflictsFile, conflictsDoc ?? { format: 1, conflicts: [] });

    // drafts.json: checklists still being filled in. Damaged means moved aside (and reported) and
    // the reviewer starts from the claims' own checklists; nothing decided is lost.
    const draftsFile = new DurableJsonFile(file('drafts.json'), DraftsDoc);
    const drafts = new ReviewDrafts(new Low<DraftsDoc>(draftsFile, (await readOrAside(draftsFile, movedAside)) ?? { format: 1, drafts: {} }));

    const store = new LocalStore(
      dir,
      lock,
      session,
      new Low<SnapshotDoc | null>(snapshotFile as DurableJsonFile<SnapshotDoc | null>, resyncBecause ? null : snapshotDoc),
      synced,
      journal,
      outbox,
      conflicts,
      quarantine,
      drafts,
      options.journalCompactBytes ?? 8 * 1024 * 1024,
    );
    store.lastSyncAt = lastSyncAt;
    store.report.resyncBecause = resyncBecause;
    store.report.quarantinedNow = quarantined + conflictsQuarantined;
    store.report.movedAside = movedAside;
    store.snapshotBytes = resyncBecause ? 0 : await fileSize(snapshotFile.file);
    await store.finishInterruptedWork();
    return store;
  }

  /** Completes what a crash may have left half done: re-applied conflicts still listed, settled outbox records. */
  private async finishInterruptedWork(): Promise<void> {
    const reapplied = new Set(this.outbox.records.map((r) => r.reapplies).filter((id): id is number => id !== undefined));
    if (this.conflicts.data.conflicts.some((c) => reapplied.has(c.mutation.id))) {
      await this.writeDoc('conflicts.json', this.conflicts, { ...this.conflicts.data, conflicts: this.conflicts.data.conflicts.filter((c) => !reapplied.has(c.mutation.id)) });
    }
    await this.settleOutbox();
  }

  /** Decisions still waiting for the server, in id order (refused ones are in conflicts, not here). */
  pending(): OutboxMutation[] {
    const refused = new Set(this.conflicts.data.conflicts.map((c) => c.mutation.id));
    return this.outbox.records.filter((r) => !this.synced.isSettled(r.mutation.id) && !refused.has(r.mutation.id));
  }

  nextMutationId(): number {
    return this.outbox.nextId(this.synced.lastMutationId);
  }

  /** Journals a pull page (after saving the refusals it reports) and settles the outbox. */
  async recordPage(page: PullResponse, refused: readonly StoredConflict[]): Promise<PageEffect> {
    const known = new Set(this.conflicts.data.conflicts.map((c) => c.mutation.id));
    const fresh = refused.filter((c) => !known.has(c.mutation.id));
    if (fresh.length > 0) await this.writeDoc('conflicts.json', this.conflicts, { ...this.conflicts.data, conflicts: [...this.conflicts.data.conflicts, ...fresh] });
    const record: JournalPage = { seq: this.synced.journalSeq + 1, clientId: this.clientId, receivedAt: new Date().toISOString(), page };
    await this.writes.track('pulls.jsonl', () => this.journal.append(record));
    const effect = this.synced.apply(record);
    if (effect.complete) {
      this.lastSyncAt = record.receivedAt;
      if (effect.all || this.journal.bytes > Math.max(this.journalCompactBytes, this.snapshotBytes / 2)) await this.compactSnapshot();
    }
    await this.settleOutbox();
    return effect;
  }

  /** Folds the journal into a new snapshot (lowdb, written durably), then empties the journal. */
  async compactSnapshot(): Promise<void> {
    const doc = this.synced.toSnapshot(this.clientId, this.lastSyncAt);
    if (!doc) return;
    // Until the journal is emptied, its pages are still what a restart folds in: a failure in
    // between leaves both files consistent.
    await this.writeDoc('snapshot.json', this.snapshot, doc);
    this.snapshotBytes = await fileSize(path.join(this.dataDir, 'snapshot.json'));
    await this.writes.track('pulls.jsonl', () => this.journal.rewrite([]));
  }

  private async settleOutbox(): Promise<void> {
    const refused = new Set(this.conflicts.data.conflicts.map((c) => c.mutation.id));
    await this.writes.track('outbox.jsonl', () =>
      this.outbox.compact(this.clientId, (r) => this.synced.isSettled(r.mutation.id) || refused.has(r.mutation.id), this.synced.lastMutationId),
    );
  }

  async removeConflict(mutationId: number): Promise<boolean> {
    const conflicts = this.conflicts.data.conflicts.filter((c) => c.mutation.id !== mutationId);
    if (conflicts.length === this.conflicts.data.conflicts.length) return false;
    await this.writeDoc('conflicts.json', this.conflicts, { ...this.conflicts.data, conflicts });
    return true;
  }

  async saveSession(patch: Partial<SessionDoc>): Promise<void> {
    await this.writeDoc('session.json', this.session, { ...this.session.data, ...patch });
  }

  /**
   * Replaces a lowdb file's content. Memory changes only with the file: a failed write leaves both
   * as they were, so nothing is taken as saved (e.g. a conflict that would let its decision leave
   * the outbox) that a restart would not find.
   */
  private async writeDoc<T>(file: string, db: Low<T>, next: T): Promise<void> {
    const before = db.data;
    db.data = next;
    try {
      await this.writes.track(file, () => db.write());
    } catch (error) {
      db.data = before;
      throw error;
    }
  }

  /**
   * Empties the store for another user (their claims, their client id). Refused while this user's
   * decisions wait for the server or sit in conflicts. Order: the outbox first (it names the client
   * id), then the session with the new id, then the server data and the drafts that belong to the old one.
   */
  async resetForNewOwner(patch: Partial<SessionDoc>): Promise<void> {
    await this.writes.track('outbox.jsonl', () => this.outbox.reset());
    await this.saveSession({ ...patch, clientId: randomUUID() });
    this.synced = new SyncedClaims();
    this.lastSyncAt = null;
    this.snapshot.data = null;
    await this.writes.track('snapshot.json', () => removeDurably(path.join(this.dataDir, 'snapshot.json')));
    await this.writes.track('pulls.jsonl', () => this.journal.rewrite([]));
    await this.writeDoc('conflicts.json', this.conflicts, { format: 1, conflicts: [] });
    await this.writes.track('drafts.json', () => this.drafts.clear());
  }

  async close(): Promise<void> {
    await Promise.all([this.journal.close(), this.outbox.close(), this.quarantine.close()]);
    await this.lock.release();
  }
}

async function readOrAside<T>(file: DurableJsonFile<T>, movedAside: string[]): Promise<T | null> {
  try {
    return await file.read();
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    movedAside.push(await moveAside(file.file, stamp()));
    return null;
  }
}

async function fileSize(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}
