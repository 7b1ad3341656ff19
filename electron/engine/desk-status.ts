// The sync status the reviewer sees (shared/contract/desktop.ts SyncStatus) and its notices: what
// the local store holds (pending decisions, conflicts, records kept aside), what opening it found
// damaged, decisions lost or held for another user, files that cannot be written. Every change is
// announced as sync.status (and conflicts.changed when the count of conflicts moves).
import path from 'node:path';
import type { Notice, SyncStatus } from '../../shared/contract/desktop.js';
import type { EngineEvents } from './events.js';
import type { LocalStore, OpenReport } from './local-store.js';
import { Notices } from './notices.js';
import type { WriteFailure } from './write-health.js';

/** The notice of a decision the service refused outright, kept until its conflict is re-applied or discarded. */
export const undeliverableKey = (inboxId: number) => `undeliverable:${inboxId}`;

export class DeskStatus {
  private readonly notices = new Notices();
  private status: SyncStatus;

  constructor(
    private readonly store: LocalStore,
    private readonly events: EngineEvents,
    private readonly now: () => string,
  ) {
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
  }

  get current(): SyncStatus {
    return this.status;
  }

  set(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    const conflictsBefore = this.status.conflicts;
    this.status = next;
    this.events.emit('sync.status', next);
    if (next.conflicts !== conflictsBefore) this.events.emit('conflicts.changed', { count: next.conflicts });
  }

  refreshCounts(): void {
    this.set({ pending: this.store.pending().length, conflicts: this.store.conflicts.data.conflicts.length, quarantined: this.store.quarantine.count });
  }

  /** Shows a notice (see Notices.set) and announces it. */
  notify(code: Notice['code'], params: Notice['params'], key?: string): void {
    this.notices.set(code, params, this.now(), key);
    this.set({ notices: this.notices.list });
  }

  /** The condition behind `key` ended (the announcement follows with the next set). */
  clear(key: string): void {
    this.notices.clear(key);
  }

  /** The reviewer dismissed a notice; a lost decision's notice also lets the store forget them. */
  dismiss(id: string): void {
    if (this.notices.list.find((n) => n.id === id)?.code === 'outbox_truncated') this.store.forgetLost();
    if (this.notices.dismiss(id)) this.set({ notices: this.notices.list });
  }

  /** A conflict was re-applied or discarded; conflicts.changed follows from the count. */
  conflictsChanged(claimIds: string[]): void {
    if (claimIds.length > 0) this.events.emit('claims.changed', { ids: claimIds, all: false });
    this.set({ notices: this.notices.list });
    this.refreshCounts();
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
  showLostDecisions(): void {
    const lost = this.store.lostDecisions;
    if (lost.length === 0) this.notices.clear('outbox_truncated');
    else {
      const claims = [...new Set(lost.map((l) => this.store.synced.claims.get(l.claimId)?.number ?? l.claimId))].join(', ');
      this.notices.set('outbox_truncated', { file: path.join(this.store.dataDir, 'outbox.jsonl'), missing: lost.length, claims }, this.now());
    }
    this.set({ notices: this.notices.list });
  }

  /** A notice for each other user whose decisions wait on this computer, naming the file a team lead can read. */
  async showHeldDecisions(): Promise<void> {
    const signedIn = this.store.session.data.user;
    for (const notice of this.notices.list) if (notice.code === 'outbox_of_other_user') this.notices.clear(`held:${notice.params.ownerId}`);
    for (const { file, held } of await this.store.heldDecisions()) {
      if (held.owner.user.id === signedIn?.id) continue;
      const params = { owner: held.owner.user.name, ownerId: held.owner.user.id, count: held.decisions.length + held.conflicts.length, exportedTo: file };
      this.notices.set('outbox_of_other_user', params, held.heldAt, `held:${held.owner.user.id}`);
    }
    this.set({ notices: this.notices.list });
  }

  /** Shows a notice for each store file that cannot be written now; clears those that work again. */
  private writeFailuresChanged(failures: WriteFailure[]): void {
    const failing = new Set(failures.map((f) => `write_failed:${f.file}`));
    for (const notice of this.notices.list) if (notice.code === 'write_failed' && !failing.has(`write_failed:${notice.params.file}`)) this.notices.clear(`write_failed:${notice.params.file}`);
    for (const f of failures) {
      const shown = this.notices.list.find((n) => n.code === 'write_failed' && n.params.file === f.file && n.params.error === f.error);
      if (!shown) this.notices.set('write_failed', { file: f.file, error: f.error, folder: this.store.dataDir }, this.now(), `write_failed:${f.file}`);
    }
    this.set({ notices: this.notices.list });
  }
}
