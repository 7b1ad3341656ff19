// The outbox: decisions saved locally and not yet acknowledged by the server, in mutation id order.
// `add` appends one record and fsyncs it before returning, so a decision acknowledged to the UI
// survives a crash, at a cost independent of how many claims are stored. Acknowledged records are
// dropped by a compaction that rewrites the file durably, starting with a `base` record that keeps
// the highest id ever handed out, so ids are never reused even when the outbox is empty, and
// whose decisions they are (the owner), so that only they ever push them.
import { AppendLog, readLog } from './append-log.js';
import type { Quarantine } from './quarantine.js';
import { type OutboxMutation, type OutboxOwner, OutboxRecord } from './store-files.js';

export class Outbox {
  /** Called after each durable change of the decisions it holds (the ledger follows them). */
  onChange: () => void = () => undefined;

  private constructor(
    private log: AppendLog<OutboxRecord>,
    private list: OutboxMutation[],
    private lastAllocated: number,
    private client: string | null,
    private holder: OutboxOwner | null,
  ) {}

  /** Reads and validates the outbox; damaged records go to the quarantine first, then the file is repaired. */
  static async open(file: string, quarantine: Quarantine): Promise<{ outbox: Outbox; quarantined: number }> {
    const { records, damaged } = await readLog(file, OutboxRecord);
    let quarantined = 0;
    if (damaged.length > 0) quarantined = await quarantine.keep('outbox.jsonl', damaged);
    const mutations = records.filter((r): r is OutboxMutation => r.kind === 'mutation').sort((a, b) => a.mutation.id - b.mutation.id);
    const lastAllocated = Math.max(0, ...records.map((r) => (r.kind === 'base' ? r.lastAllocatedId : r.mutation.id)));
    const clientId = records[0]?.clientId ?? null;
    // Rewrite only when something had to be kept aside: a torn last line must not prefix the next append.
    const log = await AppendLog.open<OutboxRecord>(file, damaged.length > 0 ? records : undefined);
    return { outbox: new Outbox(log, mutations, lastAllocated, clientId, ownerOf(records)), quarantined };
  }

  /** The client id the records were written for (null when there are none). */
  get clientId(): string | null {
    return this.client;
  }

  /** Whose decisions these are; null for an outbox that never had an owner or a decision. */
  get owner(): OutboxOwner | null {
    return this.holder;
  }

  /** The highest mutation id handed out for this outbox's client id. */
  get lastAllocatedId(): number {
    return this.lastAllocated;
  }

  /** Records the owner in the outbox (a rewrite, at sign-in only); nothing to do when it is recorded already. */
  async recordOwner(clientId: string, owner: OutboxOwner): Promise<void> {
    if (JSON.stringify(owner) === JSON.stringify(this.holder)) return;
    await this.log.rewrite([this.base(clientId, this.lastAllocated, owner), ...this.list]);
    this.holder = owner;
  }

  get records(): readonly OutboxMutation[] {
    return this.list;
  }

  get bytes(): number {
    return this.log.bytes;
  }

  /** The id for the next mutation: above every id handed out so far and every id the server knows. */
  nextId(serverLastMutationId: number): number {
    return Math.max(this.lastAllocated, serverLastMutationId) + 1;
  }

  /** Appends a decision durably. Ids must grow: the server applies a client's mutations in id order. */
  async add(record: OutboxMutation): Promise<void> {
    if (record.mutation.id <= this.lastAllocated) throw new Error(`mutation id ${record.mutation.id} was handed out before`);
    await this.log.append(record);
    this.lastAllocated = record.mutation.id;
    this.list.push(record);
    this.onChange();
  }

  /** Drops the records `done` says are settled, rewriting the file durably. */
  async compact(clientId: string, done: (r: OutboxMutation) => boolean, floor = 0): Promise<number> {
    const keep = this.list.filter((r) => !done(r));
    const dropped = this.list.length - keep.length;
    if (dropped === 0 && floor <= this.lastAllocated) return 0;
    this.lastAllocated = Math.max(this.lastAllocated, floor);
    await this.log.rewrite([this.base(clientId, this.lastAllocated), ...keep]);
    this.list = keep;
    this.onChange();
    return dropped;
  }

  /**
   * Closes a gap in the ids above `serverLast`: the server applies a client's mutations strictly in
   * order and waits for a missing id forever. A gap means a record was lost (kept aside in the
   * quarantine); the records after it were never processed by the server (it stops at the gap),
   * so giving them the following ids is safe. Rewritten durably before anything is pushed again.
   */
  async closeGap(clientId: string, serverLast: number): Promise<boolean> {
    const above = this.list.filter((r) => r.mutation.id > serverLast);
    if (above.every((r, i) => r.mutation.id === serverLast + 1 + i)) return false;
    await this.renumber(clientId, this.list.filter((r) => r.mutation.id <= serverLast), above, serverLast);
    return true;
  }

  /**
   * The outbox is behind the service (a restored data folder, a removed outbox): the service
   * processed `fromId` and later ids as other decisions. The records from `fromId` on were never
   * delivered, so they take the ids after `serverLast`, in order; those before it stay as they are
   * (replays of what the service processed under them). Answers how many moved.
   */
  async rebase(clientId: string, fromId: number, serverLast: number): Promise<number> {
    const moved = this.list.filter((r) => r.mutation.id >= fromId);
    await this.renumber(clientId, this.list.filter((r) => r.mutation.id < fromId), moved, serverLast);
    return moved.length;
  }

  /**
   * Takes out a decision the service refused as a whole and never processed (it waits in the
   * conflicts inbox instead): the service expects its id next, so the decisions after it take the
   * following ids, in order. Rewritten durably.
   */
  async withdraw(clientId: string, id: number): Promise<void> {
    await this.renumber(clientId, this.list.filter((r) => r.mutation.id < id), this.list.filter((r) => r.mutation.id > id), id - 1);
  }

  /** Rewrites the outbox durably: `keep` as they are, then `moved` numbered from serverLast + 1. */
  private async renumber(clientId: string, keep: readonly OutboxMutation[], moved: readonly OutboxMutation[], serverLast: number): Promise<void> {
    const list = [...keep, ...moved.map((r, i) => ({ ...r, mutation: { ...r.mutation, id: serverLast + 1 + i } }))];
    const lastAllocated = Math.max(serverLast + moved.length, ...keep.map((r) => r.mutation.id));
    await this.log.rewrite([this.base(clientId, lastAllocated), ...list]);
    this.list = list;
    this.lastAllocated = lastAllocated;
    this.onChange();
  }

  /**
   * Makes the outbox another owner's: empty for a new client id (ids start again at 1), or their
   * decisions held aside while someone else used this computer, under the client id they were
   * numbered for. The decisions it held must be kept elsewhere first (LocalStore.holdForOwner).
   */
  async replace(clientId: string, owner: OutboxOwner, held: { lastAllocatedId: number; decisions: readonly OutboxMutation[] } = { lastAllocatedId: 0, decisions: [] }): Promise<void> {
    const list = [...held.decisions].sort((a, b) => a.mutation.id - b.mutation.id);
    await this.log.rewrite([this.base(clientId, held.lastAllocatedId, owner), ...list]);
    this.list = list;
    this.lastAllocated = held.lastAllocatedId;
    this.client = clientId;
    this.holder = owner;
    this.onChange();
  }

  private base(clientId: string, lastAllocatedId: number, owner = this.holder): OutboxRecord {
    return { kind: 'base', clientId, lastAllocatedId, ...(owner ? { owner } : {}) };
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

/**
 * The owner an outbox records; an outbox written before owners were recorded tells it by its
 * decisions' actor (each decision is made by its owner).
 */
function ownerOf(records: readonly OutboxRecord[]): OutboxOwner | null {
  for (const r of records) if (r.kind === 'base' && r.owner) return r.owner;
  const actor = records.find((r) => r.kind === 'mutation')?.actor;
  return actor ? { user: { id: actor.id, username: '', name: actor.name, role: actor.kind }, serverUrl: null } : null;
}
