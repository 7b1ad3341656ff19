// A second record of the decisions in the outbox, kept in outbox-ledger.json, so that an outbox cut
// short at a line boundary (which reads as a valid, shorter file) is noticed: a decision the ledger
// lists that is neither in the outbox nor settled by the service nor in the conflicts inbox is
// lost, and the reviewer is told which. The ledger is rewritten after each change of the outbox but
// off the decision's path (the outbox append alone makes a decision durable; a decision acknowledged
// in the moment before its ledger write is simply not checked), so a decision still costs one fsync.
// What it finds lost stays in the ledger until the service shows those decisions did arrive before
// the loss (their ids are at or below its last processed id at the first contact) or the reviewer
// dismisses the notice.
import { z } from 'zod';
import { DesktopActionName } from '../../shared/contract/sync.js';
import { Instant } from '../../shared/domain/model.js';
import { checksum } from './append-log.js';
import { DamagedFileError, DurableJsonFile } from './durable-json-file.js';
import type { OutboxMutation, StoredConflict } from './store-files.js';

const LedgerEntry = z.strictObject({
  id: z.number().int().positive(),
  claimId: z.uuid(),
  name: DesktopActionName,
  decidedAt: Instant,
  /** A checksum of the decision's arguments (absent in ledgers written before it was kept). */
  args: z.string().optional(),
});
type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LostDecision = LedgerEntry.extend({
  /** The service's last processed id was compared (at the first contact after the loss was found): it never had it. */
  confirmed: z.boolean(),
});
export type LostDecision = z.infer<typeof LostDecision>;

const LedgerDoc = z.strictObject({ format: z.literal(1), clientId: z.uuid(), decisions: z.array(LedgerEntry), lost: z.array(LostDecision) });
type LedgerDoc = z.infer<typeof LedgerDoc>;

/** Each mutation's checksum once: the ledger lists the whole outbox after every decision, and a week offline is thousands. */
const argsChecksums = new WeakMap<object, string>();
function argsOf(mutation: { args: unknown }): string {
  let sum = argsChecksums.get(mutation);
  if (sum === undefined) argsChecksums.set(mutation, (sum = checksum(JSON.stringify(mutation.args))));
  return sum;
}
const entryOf = (r: OutboxMutation): LedgerEntry => ({ id: r.mutation.id, claimId: r.mutation.claimId, name: r.mutation.name, decidedAt: r.mutation.decidedAt, args: argsOf(r.mutation) });
type Identity = { claimId: string; name: string; decidedAt: string; args?: string };
/**
 * A decision is the same one across renumbering: same claim, same action, same moment, same
 * arguments. Without the arguments, two comments on one claim in the same millisecond were one
 * decision, and a lost one was taken for its kept twin (outbox-truncated.test.ts, about one run in two).
 */
const same = (a: Identity, b: Identity) => a.claimId === b.claimId && a.name === b.name && a.decidedAt === b.decidedAt && (a.args === undefined || b.args === undefined || a.args === b.args);
const identityOf = (mutation: { claimId: string; name: string; decidedAt: string; args: unknown }): Identity => ({ ...mutation, args: argsOf(mutation) });

export interface LedgerCheck {
  clientId: string;
  records: readonly OutboxMutation[];
  conflicts: readonly StoredConflict[];
  isSettled(id: number): boolean;
}

export class OutboxLedger {
  private next: LedgerDoc | null = null;
  private writing: Promise<void> = Promise.resolve();
  private busy = false;

  private constructor(
    private readonly file: DurableJsonFile<LedgerDoc>,
    private lostList: LostDecision[],
    /** Runs a write of the ledger (the store's WriteHealth: a failure is reported like any other). */
    private readonly track: (write: () => Promise<void>) => Promise<void>,
  ) {}

  /**
   * Reads the ledger and compares it with the outbox as opened. A damaged or missing ledger checks
   * nothing (it is rewritten from the outbox at its next change); so does a ledger of another client id.
   */
  static async open(path: string, check: LedgerCheck, track: (write: () => Promise<void>) => Promise<void>): Promise<OutboxLedger> {
    const file = new DurableJsonFile(path, LedgerDoc);
    let doc: LedgerDoc | null = null;
    try {
      doc = await file.read();
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
    }
    const lost: LostDecision[] = doc && doc.clientId === check.clientId ? [...doc.lost] : [];
    for (const entry of doc && doc.clientId === check.clientId ? doc.decisions : []) {
      const kept = check.records.some((r) => same(identityOf(r.mutation), entry)) || check.conflicts.some((c) => same(identityOf(c.mutation), entry)) || check.isSettled(entry.id);
      if (!kept && !lost.some((l) => same(l, entry))) lost.push({ ...entry, confirmed: false });
    }
    const ledger = new OutboxLedger(file, lost, track);
    ledger.record(check.clientId, check.records);
    return ledger;
  }

  /** Decisions found lost and not shown to have reached the service. */
  get lost(): readonly LostDecision[] {
    return this.lostList;
  }

  /** The highest id a lost decision had: new decisions are numbered above it, never taking a lost one's id. */
  get highestLostId(): number {
    return Math.max(0, ...this.lostList.map((l) => l.id));
  }

  /** The outbox changed: its decisions are written to the ledger soon, after the write in progress. */
  record(clientId: string, records: readonly OutboxMutation[]): void {
    this.next = { format: 1, clientId, decisions: records.map(entryOf), lost: this.lostList };
    if (!this.busy) this.writing = this.drain();
  }

  /**
   * The service's last processed id for this client, at a contact before any renumbering: lost
   * decisions at or below it had arrived before the loss; the others never will. True if that changed what is lost.
   */
  settleWith(clientId: string, records: readonly OutboxMutation[], serviceLast: number): boolean {
    if (this.lostList.every((l) => l.confirmed)) return false;
    this.lostList = this.lostList.filter((l) => l.confirmed || l.id > serviceLast).map((l) => ({ ...l, confirmed: true }));
    this.record(clientId, records);
    return true;
  }

  /** The reviewer read the notice: nothing is reported lost any more. */
  forget(clientId: string, records: readonly OutboxMutation[]): void {
    this.lostList = [];
    this.record(clientId, records);
  }

  /** Waits for the last write (closing the store). */
  flush(): Promise<void> {
    return this.writing;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.next) {
        const doc = this.next;
        this.next = null;
        // A failure is reported by the store's write health (a notice); the next change writes again.
        await this.track(() => this.file.write(doc)).catch(() => undefined);
      }
    } finally {
      this.busy = false;
    }
  }
}
