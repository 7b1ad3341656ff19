// The engine's data directory, opened and checked: every file parsed with its schema, damage
// handled as the store's rules say, and the write order that keeps the files consistent with one
// another across a crash:
//   - a refused decision reaches conflicts.json before the pull page that reports it is journaled;
//   - a pull page is journaled before the outbox drops the decisions it settles;
//   - the snapshot is rewritten before the journal it absorbed is emptied (records carry a sequence
//     number, so pages already in the snapshot are skipped if the emptying did not happen);
//   - a page's claim bodies reach the claims file before the page is journaled, and a new claims
//     file is complete before the snapshot points at it; the old one goes after.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { CalendarConfig, DEFAULT_CALENDAR } from '../../shared/domain/calendar.js';
import type { Claim } from '../../shared/domain/claim.js';
import { MAX_MUTATION_ID, type PullResponse, type WireRefusal } from '../../shared/contract/sync.js';
import { AppendLog, readLog } from './append-log.js';
import { ClaimBodies, newBodiesName } from './claim-bodies.js';
import { summarize } from './claim-summary.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { moveAside, removeDurably, removeStaleTemps, writeFileDurably } from './durable-fs.js';
import { DamagedFileError, DurableJsonFile } from './durable-json-file.js';
import { Outbox } from './outbox.js';
import { type LostDecision, OutboxLedger } from './outbox-ledger.js';
import { Quarantine } from './quarantine.js';
import { ReviewDrafts } from './review-drafts.js';
import {
  AnyJournalPage,
  AnySnapshotDoc,
  ConflictsDoc,
  DEFAULT_SETTINGS,
  DraftsDoc,
  HeldDecisions,
  JournalPage,
  type OutboxMutation,
  type OutboxOwner,
  SessionDoc,
  type SnapshotDocV1,
  SnapshotDoc,
  type StoredConflict,
} from './store-files.js';
import { type PageEffect, SyncedClaims } from './synced-claims.js';
import { WriteHealth } from './write-health.js';

export interface LocalStoreOptions {
  dataDir: string;
  /** The claims service's address; replaces a stored one (the same service at a new address). */
  serverUrl?: string | null;
  /**
   * Rewrite the snapshot when the journal of pull pages exceeds this (and half the snapshot); and
   * the claims file when its dead bytes exceed this and its live ones.
   */
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

/** Ids the conflicts inbox gives withdrawn decisions, counting down from the top of the mutation id range. */
const WITHDRAWN_IDS_FROM = 2 ** 30;

const stamp = () => `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;

export class LocalStore {
  readonly report: OpenReport = { resyncBecause: null, quarantinedNow: 0, movedAside: [] };
  lastSyncAt: string | null = null;
  /** Every write of the store's files goes through it: a failure is known by file until it works again. */
  readonly writes: WriteHealth;
  private snapshotBytes = 0;
  /** The outbox's second record, which tells an outbox cut short (outbox-ledger.ts); set by open. */
  private ledger!: OutboxLedger;
  /** A claim's body was found damaged: the resync that follows writes a new claims file. */
  private bodiesDamaged = false;

  private constructor(
    readonly dataDir: string,
    private readonly lock: DataDirLock,
    readonly session: Low<SessionDoc>,
    private readonly snapshot: Low<SnapshotDoc | null>,
    public synced: SyncedClaims,
    private bodies: ClaimBodies,
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

  /**
   * Opens each file in the order their rules need: the outbox first (its client id and owner win
   * over session.json's), then the synced claims, the conflicts, the session settled against the
   * outbox's owner, the drafts; then the ledger that tells an outbox cut short, and what a crash
   * left half done is finished.
   */
  private static async openLocked(dir: string, lock: DataDirLock, options: LocalStoreOptions): Promise<LocalStore> {
    await removeStaleTemps(dir, await readdir(dir));
    const movedAside: string[] = [];
    const file = (name: string) => path.join(dir, name);

    const quarantine = await Quarantine.open(file('quarantine.jsonl'));
    const { outbox, quarantined } = await Outbox.open(file('outbox.jsonl'), quarantine);
    const sessionFile = new DurableJsonFile(file('session.json'), SessionDoc);
    // session.json: damaged means the user signs in again; nothing is lost but the token.
    const storedSession = await readOrAside(sessionFile, movedAside);
    // The outbox's client id wins: its decisions must reach the server under the id they were numbered for.
    const clientId = outbox.clientId ?? storedSession?.clientId ?? randomUUID();

    const claims = await openSyncedClaims(dir, clientId, movedAside);
    const { conflicts, conflictsQuarantined } = await openConflicts(file('conflicts.json'), quarantine, movedAside);
    const session = new Low<SessionDoc>(sessionFile, settleSession(storedSession, clientId, recordedOwner(outbox, conflicts.data), options));
    await session.write();
    const drafts = await openDrafts(file('drafts.json'), movedAside);

    const store = new LocalStore(
      dir,
      lock,
      session,
      new Low<SnapshotDoc | null>(new DurableJsonFile<SnapshotDoc | null>(file('snapshot.json'), SnapshotDoc.nullable()), claims.snapshotDoc),
      claims.synced,
      claims.bodies,
      claims.journal,
      outbox,
      conflicts,
      quarantine,
      drafts,
      options.journalCompactBytes ?? 8 * 1024 * 1024,
    );
    store.lastSyncAt = claims.lastSyncAt;
    store.report.resyncBecause = claims.resyncBecause;
    store.report.quarantinedNow = quarantined + conflictsQuarantined;
    store.report.movedAside = movedAside;
    store.snapshotBytes = claims.snapshotDoc ? await fileSize(file('snapshot.json')) : 0;
    // A store of format 1 was read into the new claims file: its snapshot is written in format 2.
    if (claims.migrated) await store.compactSnapshot();
    await store.openLedger(file('outbox-ledger.json'));
    await store.finishInterruptedWork();
    return store;
  }

  /** The outbox's second record (outbox-ledger.ts), kept up to date with every change of the outbox. */
  private async openLedger(ledgerFile: string): Promise<void> {
    const { outbox, conflicts, synced } = this;
    this.ledger = await OutboxLedger.open(
      ledgerFile,
      { clientId: this.clientId, records: outbox.records, conflicts: conflicts.data.conflicts, isSettled: (id) => synced.isSettled(id) },
      (write) => this.writes.track('outbox-ledger.json', write),
    );
    outbox.onChange = () => this.ledger.record(this.clientId, outbox.records);
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
    return Math.max(this.outbox.nextId(this.synced.lastMutationId), this.ledger.highestLostId + 1);
  }

  /** Decisions the outbox lost (cut short), not shown to have reached the service. */
  get lostDecisions(): readonly LostDecision[] {
    return this.ledger.lost;
  }

  /** The service's last processed id, before any renumbering: settles which lost decisions had arrived. True if that changed them. */
  settleLost(serviceLast: number): boolean {
    return this.ledger.settleWith(this.clientId, this.outbox.records, serviceLast);
  }

  /** The reviewer read about the lost decisions. */
  forgetLost(): void {
    this.ledger.forget(this.clientId, this.outbox.records);
  }

  /**
   * The claim as the service last sent it (its body read from the claims file), or undefined when
   * the desk does not hold it. A body found damaged is not shown, and the next pull fetches every
   * claim again into a new claims file.
   */
  syncedClaim(id: string): Claim | undefined {
    const summary = this.synced.claims.get(id);
    if (!summary) return undefined;
    try {
      return this.bodies.read(summary.at);
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      this.report.resyncBecause ??= error.message;
      this.bodiesDamaged = true;
      if (!this.synced.staging) this.synced.cookie = null;
      return undefined;
    }
  }

  /** Journals a pull page (its claims' bodies first, after saving the refusals it reports) and settles the outbox. */
  async recordPage(page: PullResponse, refused: readonly StoredConflict[]): Promise<PageEffect> {
    const known = new Set(this.conflicts.data.conflicts.map((c) => c.mutation.id));
    const fresh = refused.filter((c) => !known.has(c.mutation.id));
    if (fresh.length > 0) await this.writeDoc('conflicts.json', this.conflicts, { ...this.conflicts.data, conflicts: [...this.conflicts.data.conflicts, ...fresh] });
    const bodies = this.bodies;
    const at = await this.writes.track(bodies.name, () => bodies.append(page.claims));
    const record: JournalPage = {
      seq: this.synced.journalSeq + 1,
      clientId: this.clientId,
      receivedAt: new Date().toISOString(),
      bodies: bodies.name,
      page: { ...page, claims: page.claims.map((claim, i) => summarize(claim, at[i]!)) },
    };
    await this.writes.track('pulls.jsonl', () => this.journal.append(record));
    const effect = this.synced.apply(record);
    if (effect.complete) {
      this.lastSyncAt = record.receivedAt;
      if (effect.all || this.journal.bytes > Math.max(this.journalCompactBytes, this.snapshotBytes / 2) || this.bodiesOutgrown()) await this.compactSnapshot();
    }
    await this.settleOutbox();
    return effect;
  }

  /**
   * Folds the journal into a new snapshot (lowdb, written durably), then empties the journal. When
   * the claims file holds more dead bytes than live ones (or a damaged body), the live bodies go to
   * a new claims file first, which the new snapshot points at; the old file goes last.
   */
  async compactSnapshot(): Promise<void> {
    const base = this.synced.toSnapshot(this.clientId, this.lastSyncAt, this.bodies.name);
    if (!base) return;
    const moved = this.bodiesDamaged || this.bodiesOutgrown() ? await this.copyLiveBodies(base.claims) : null;
    const doc = moved ? { ...base, bodies: moved.bodies.name, claims: moved.claims } : base;
    // Until the journal is emptied, its pages are still what a restart folds in: a failure in
    // between leaves both files consistent.
    try {
      await this.writeDoc('snapshot.json', this.snapshot, doc);
    } catch (error) {
      if (moved) await moved.bodies.close().then(() => rm(moved.bodies.file, { force: true }));
      throw error;
    }
    if (moved) {
      const old = this.bodies;
      this.bodies = moved.bodies;
      this.synced.claims = new Map(moved.claims.map((c) => [c.id, c]));
      this.bodiesDamaged = false;
      await old.close();
      await this.writes.track(old.name, () => removeDurably(old.file));
    }
    this.snapshotBytes = await fileSize(path.join(this.dataDir, 'snapshot.json'));
    await this.writes.track('pulls.jsonl', () => this.journal.rewrite([]));
  }

  /** The claims file holds more dead bytes (bodies since replaced or dropped) than live ones, and more than the threshold. */
  private bodiesOutgrown(): boolean {
    let live = 0;
    for (const c of this.synced.claims.values()) live += c.at[1];
    const dead = this.bodies.bytes - live;
    return dead > Math.max(live, this.journalCompactBytes);
  }

  private async copyLiveBodies(claims: SnapshotDoc['claims']): Promise<{ bodies: ClaimBodies; claims: SnapshotDoc['claims'] }> {
    const name = newBodiesName();
    const copied = await this.writes.track(name, () => this.bodies.copyTo(name, claims.map((c) => c.at)));
    return { bodies: copied.bodies, claims: claims.map((c, i) => ({ ...c, at: copied.at[i]! })) };
  }

  private async settleOutbox(): Promise<void> {
    const refused = new Set(this.conflicts.data.conflicts.map((c) => c.mutation.id));
    await this.writes.track('outbox.jsonl', () =>
      this.outbox.compact(this.clientId, (r) => this.synced.isSettled(r.mutation.id) || refused.has(r.mutation.id), this.synced.lastMutationId),
    );
  }

  /**
   * A decision the service refused as a whole (a push answered with a 4xx that is neither the
   * session nor the numbering): it goes to the conflicts inbox with its content, so the reviewer
   * can correct and re-apply it or discard it, and leaves the outbox, so that the decisions after
   * it are delivered. Its id goes to the decisions after it (the service never processed it), so
   * in the inbox it is known by an id from the top of the range, which the outbox's numbering
   * never reaches. The conflict is saved before the outbox changes: a crash in between finds it
   * saved and only finishes the withdrawal.
   */
  async withdrawUndeliverable(record: OutboxMutation, refusal: WireRefusal, at: string): Promise<StoredConflict> {
    const existing = this.conflicts.data.conflicts.find(
      (c) => c.withdrawnFrom === record.mutation.id && c.clientId === record.clientId && c.mutation.decidedAt === record.mutation.decidedAt && c.mutation.claimId === record.mutation.claimId,
    );
    const inboxId = Math.min(MAX_MUTATION_ID + 1, ...this.conflicts.data.conflicts.map((c) => c.mutation.id).filter((id) => id > WITHDRAWN_IDS_FROM)) - 1;
    const conflict: StoredConflict = existing ?? {
      clientId: record.clientId,
      actor: record.actor,
      mutation: { ...record.mutation, id: inboxId },
      claimNumber: this.synced.claims.get(record.mutation.claimId)?.number ?? '',
      refusal,
      receivedAt: at,
      withdrawnFrom: record.mutation.id,
    };
    if (!existing) await this.writeDoc('conflicts.json', this.conflicts, { ...this.conflicts.data, conflicts: [...this.conflicts.data.conflicts, conflict] });
    await this.writes.track('outbox.jsonl', () => this.outbox.withdraw(this.clientId, record.mutation.id));
    return conflict;
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

  /** Whose decisions this directory holds, as the outbox records it (session.json only for a store without one). */
  get owner(): OutboxOwner | null {
    const owner = this.session.data.owner;
    return this.outbox.owner ?? (owner && { user: owner, serverUrl: this.session.data.serverUrl });
  }

  /** Where the decisions of a user wait while others use this computer (user ids are the service's, unique). */
  heldFile(userId: string): string {
    const key = createHash('sha256').update(userId).digest('hex').slice(0, 16);
    return path.join(this.dataDir, 'held', key, 'decisions.json');
  }

  /**
   * Keeps the owner's unsent decisions and conflicts aside (durably, in plain JSON a team lead
   * can read) before the store is emptied for someone else; they come back when the owner signs
   * in here again. Nothing to keep: nothing written.
   */
  async holdForOwner(at: string): Promise<void> {
    const owner = this.owner;
    const decisions = this.pending();
    const conflicts = this.conflicts.data.conflicts;
    if (!owner || decisions.length + conflicts.length === 0) return;
    const held: HeldDecisions = { format: 1, owner, clientId: this.clientId, lastAllocatedId: this.outbox.lastAllocatedId, heldAt: at, decisions, conflicts };
    const file = this.heldFile(owner.user.id);
    await this.writes.track(path.relative(this.dataDir, file), async () => {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFileDurably(file, `${JSON.stringify(held, null, 2)}\n`);
    });
  }

  /** Every owner's decisions held here, with where each is kept; an unreadable file is skipped (and stays). */
  async heldDecisions(): Promise<{ file: string; held: HeldDecisions }[]> {
    const root = path.join(this.dataDir, 'held');
    const keys = await readdir(root).catch(() => [] as string[]);
    const found = await Promise.all(
      keys.map(async (key) => {
        const file = path.join(root, key, 'decisions.json');
        const parsed = HeldDecisions.safeParse(await readFile(file, 'utf8').then(JSON.parse, () => null));
        return parsed.success ? [{ file, held: parsed.data }] : [];
      }),
    );
    return found.flat();
  }

  /**
   * Makes the store `owner`'s: empty (their claims come with the next sync), with the decisions
   * and conflicts held for them here if there are any, under the client id they were numbered
   * for. The previous owner's unsent decisions must be held first (holdForOwner). Order: the
   * outbox first (it names the client id and the owner), then the session, then the server data,
   * conflicts and drafts; the held file goes last, so a crash in between leaves a copy rather than
   * nothing (a held file of the store's own owner is a stale copy: dropHeld).
   */
  async resetForNewOwner(patch: Partial<SessionDoc>, owner: OutboxOwner, held: HeldDecisions | null): Promise<void> {
    const clientId = held?.clientId ?? randomUUID();
    this.ledger.forget(clientId, []);
    await this.writes.track('outbox.jsonl', () => this.outbox.replace(clientId, owner, held ?? undefined));
    await this.saveSession({ ...patch, clientId });
    this.synced = new SyncedClaims();
    this.lastSyncAt = null;
    this.snapshot.data = null;
    await this.writes.track('snapshot.json', () => removeDurably(path.join(this.dataDir, 'snapshot.json')));
    await this.writes.track('pulls.jsonl', () => this.journal.rewrite([]));
    const old = this.bodies;
    this.bodies = await ClaimBodies.open(this.dataDir, newBodiesName());
    this.bodiesDamaged = false;
    await old.close();
    await this.writes.track(old.name, () => removeDurably(old.file));
    await this.writeDoc('conflicts.json', this.conflicts, { format: 1 as const, conflicts: held?.conflicts ?? [] });
    await this.writes.track('drafts.json', () => this.drafts.clear());
    await this.dropHeld(owner.user.id);
  }

  /** Removes the copy held for a user (their decisions are in the outbox now); none held, nothing done. */
  async dropHeld(userId: string): Promise<void> {
    const file = this.heldFile(userId);
    if (!(await stat(file).catch(() => null))) return;
    await this.writes.track(path.relative(this.dataDir, file), async () => {
      await removeDurably(file);
      await rm(path.dirname(file), { recursive: true, force: true });
    });
  }

  async close(): Promise<void> {
    await this.ledger.flush();
    await Promise.all([this.journal.close(), this.bodies.close(), this.outbox.close(), this.quarantine.close()]);
    await this.lock.release();
  }
}

/** The synced claims and where they come from: snapshot.json with the pull pages journaled since. */
interface SyncedClaimsOpened {
  synced: SyncedClaims;
  bodies: ClaimBodies;
  lastSyncAt: string | null;
  journal: AppendLog<JournalPage>;
  /** The snapshot as read (null: none, damaged, or of format 1). */
  snapshotDoc: SnapshotDoc | null;
  /** Why the synced claims must be fetched again whole (null when they are intact). */
  resyncBecause: string | null;
  /** A store of format 1 was read: its snapshot is to be written in format 2. */
  migrated: boolean;
}

const isBodiesFile = (name: string) => /^claims-[0-9a-f]{12}\.jsonl$/.test(name);

/**
 * snapshot.json + pulls.jsonl + the claims file they point into: the server's data, so damage (or
 * files of another client id) means a full resync, never a guess; damaged files are moved aside.
 * An interrupted last append to the journal is harmless (nothing was derived from a page not yet
 * durable), and so are claims files nothing points into (a crash before their page was
 * journaled, or while a new claims file was written): they are removed.
 */
async function openSyncedClaims(dir: string, clientId: string, movedAside: string[]): Promise<SyncedClaimsOpened> {
  const snapshotFile = new DurableJsonFile(path.join(dir, 'snapshot.json'), AnySnapshotDoc);
  const journalFile = path.join(dir, 'pulls.jsonl');
  let resyncBecause: string | null = null;
  let snapshotDoc: AnySnapshotDoc | null = null;
  try {
    snapshotDoc = await snapshotFile.read();
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    resyncBecause = error.message;
    movedAside.push(await moveAside(snapshotFile.file, stamp()));
  }
  if (snapshotDoc && snapshotDoc.clientId !== clientId) resyncBecause = 'the snapshot belongs to another client id';
  const { records, damaged } = await readLog(journalFile, AnyJournalPage);
  // Damage before the last line, or pages of another client, make the journal untrustworthy.
  const midFile = damaged.find((d) => !d.tail);
  if (midFile) resyncBecause ??= `${journalFile} line ${midFile.line}: ${midFile.reason}`;
  if (records.some((p) => p.clientId !== clientId)) resyncBecause ??= 'pull pages of another client id';
  const pending = records.filter((p) => p.seq > (snapshotDoc?.journalSeq ?? 0));
  const legacy = snapshotDoc?.format === 1 || (!snapshotDoc && records.some((p) => !('bodies' in p)));
  const bodiesName = snapshotDoc?.format === 2 ? snapshotDoc.bodies : (pending.find((p) => 'bodies' in p) as JournalPage | undefined)?.bodies;
  if (!resyncBecause && !legacy && pending.some((p) => !('bodies' in p) || p.bodies !== bodiesName)) resyncBecause = 'pull pages point into another claims file';
  const stale = (await readdir(dir)).filter((n) => isBodiesFile(n) && (resyncBecause !== null || legacy || n !== bodiesName));
  await Promise.all(stale.map((n) => removeDurably(path.join(dir, n))));
  const startOver = async (because: string): Promise<SyncedClaimsOpened> => {
    if (records.length > 0 || damaged.length > 0) movedAside.push(await moveAside(journalFile, stamp()));
    return { synced: new SyncedClaims(), bodies: await ClaimBodies.open(dir, newBodiesName()), lastSyncAt: null, journal: await AppendLog.open<JournalPage>(journalFile, []), snapshotDoc: null, resyncBecause: because, migrated: false };
  };
  if (resyncBecause) return startOver(resyncBecause);
  if (legacy) return migrateFormat1(dir, snapshotDoc as SnapshotDocV1 | null, records, journalFile);

  const doc = snapshotDoc as SnapshotDoc | null;
  const bodies = await ClaimBodies.open(dir, bodiesName ?? newBodiesName());
  const pages = records as JournalPage[];
  const synced = SyncedClaims.fromSnapshot(doc);
  let lastSyncAt = doc?.lastSyncAt ?? null;
  for (const page of pages) if (synced.apply(page).complete) lastSyncAt = page.receivedAt;
  // A backup of snapshot.json without its claims file (or a claims file cut short) cannot show its claims.
  let end = 0;
  for (const c of [...synced.claims.values(), ...(synced.staging?.values() ?? [])]) end = Math.max(end, c.at[0] + c.at[1]);
  if (end > bodies.bytes) {
    await bodies.close();
    await removeDurably(bodies.file);
    if (doc) movedAside.push(await moveAside(snapshotFile.file, stamp()));
    return startOver(`the claims file ${bodies.name} is shorter than the snapshot says (missing or cut short)`);
  }
  // A damaged tail is cut off by rewriting the journal with the pages that were whole.
  const journal = await AppendLog.open<JournalPage>(journalFile, damaged.length > 0 ? pages : undefined);
  return { synced, bodies, lastSyncAt, journal, snapshotDoc: doc, resyncBecause: null, migrated: false };
}

/**
 * A store of format 1 (every claim whole in snapshot.json and in the journaled pages): its claims
 * go to a new claims file, and the next pull fetches every claim again, once (format 1 stores
 * predate QA tasks reaching the desk with their claims; a resync brings what they lack). The
 * caller writes the snapshot in format 2; a crash before that leaves format 1 to migrate again.
 */
async function migrateFormat1(dir: string, doc: SnapshotDocV1 | null, records: AnyJournalPage[], journalFile: string): Promise<SyncedClaimsOpened> {
  const bodies = await ClaimBodies.open(dir, newBodiesName());
  const inFile = async (claims: readonly Claim[]) => {
    const at = await bodies.append(claims);
    return claims.map((claim, i) => summarize(claim, at[i]!));
  };
  const synced = SyncedClaims.fromSnapshot(doc && { ...doc, format: 2, bodies: bodies.name, claims: await inFile(doc.claims) });
  let lastSyncAt = doc?.lastSyncAt ?? null;
  for (const record of records) {
    if (record.seq <= synced.journalSeq) continue;
    if (synced.apply({ seq: record.seq, page: { ...record.page, claims: await inFile(record.page.claims as Claim[]) } }).complete) lastSyncAt = record.receivedAt;
  }
  synced.staging = null;
  synced.cookie = null;
  return { synced, bodies, lastSyncAt, journal: await AppendLog.open<JournalPage>(journalFile), snapshotDoc: null, resyncBecause: null, migrated: true };
}

/**
 * conflicts.json: the reviewer's refused decisions. They cannot be fetched again, so a damaged file
 * is kept aside whole in the quarantine (and counted) rather than lost.
 */
async function openConflicts(conflictsPath: string, quarantine: Quarantine, movedAside: string[]): Promise<{ conflicts: Low<ConflictsDoc>; conflictsQuarantined: number }> {
  const conflictsFile = new DurableJsonFile(conflictsPath, ConflictsDoc);
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
  return { conflicts: new Low<ConflictsDoc>(conflictsFile, conflictsDoc ?? { format: 1, conflicts: [] }), conflictsQuarantined };
}

/** Whose decisions the store holds, as the outbox records it (or, with an empty outbox, a refused decision). */
function recordedOwner(outbox: Outbox, conflicts: ConflictsDoc): SessionDoc['owner'] {
  return outbox.owner?.user ?? ownerOfConflicts(conflicts.conflicts);
}

/**
 * session.json as it is to be: whose decisions these are is what the outbox records, whatever
 * session.json says, so a damaged or replaced session.json never makes another user their owner,
 * and a user signed in who is not the owner is signed out (signing in again holds the owner's
 * decisions aside for them rather than sending them under someone else's name).
 */
function settleSession(storedSession: SessionDoc | null, clientId: string, recorded: SessionDoc['owner'], options: LocalStoreOptions): SessionDoc {
  const stored: SessionDoc = storedSession ?? {
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
  const owner = recorded && stored.owner?.id !== recorded.id ? recorded : stored.owner;
  const signedOut = stored.user !== null && owner !== null && stored.user.id !== owner.id;
  return { ...stored, clientId, owner, serverUrl: options.serverUrl ?? stored.serverUrl, ...(signedOut ? { user: null, token: null, expiresAt: null } : {}) };
}

/**
 * drafts.json: checklists still being filled in. Damaged means moved aside (and reported) and the
 * reviewer starts from the claims' own checklists; nothing decided is lost.
 */
async function openDrafts(draftsPath: string, movedAside: string[]): Promise<ReviewDrafts> {
  const draftsFile = new DurableJsonFile(draftsPath, DraftsDoc);
  return new ReviewDrafts(new Low<DraftsDoc>(draftsFile, (await readOrAside(draftsFile, movedAside)) ?? { format: 1, drafts: {} }));
}

/** The owner a conflicts inbox tells (each refused decision names who made it): for a store whose outbox is empty. */
function ownerOfConflicts(conflicts: readonly StoredConflict[]): SessionDoc['owner'] {
  const actor = conflicts[0]?.actor;
  return actor ? { id: actor.id, username: '', name: actor.name, role: actor.kind } : null;
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
