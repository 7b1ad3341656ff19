// Outbox records that failed their checksum or schema at start. They may be decisions, so they are
// never dropped: each is appended here (durably, before the outbox is repaired) and counted in the
// sync status, for a person to look at.
import { type AppendLog, AppendLog as Log, checksum, type DamagedLine, readLog } from './append-log.js';
import { QuarantineEntry } from './store-files.js';

export class Quarantine {
  private constructor(
    private readonly log: AppendLog<QuarantineEntry>,
    private readonly sums: Set<string>,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<Quarantine> {
    const { records, damaged } = await readLog(file, QuarantineEntry);
    // The quarantine is itself append-only; a damaged line here is rewritten as an entry of its own
    // rather than lost, so the count stays honest.
    const repaired = damaged.length > 0 ? [...records, ...damaged.map((d) => entryFor('quarantine.jsonl', d))] : undefined;
    const log = await Log.open<QuarantineEntry>(file, repaired);
    return new Quarantine(log, new Set((repaired ?? records).map((r) => r.rawSum)), file);
  }

  get count(): number {
    return this.sums.size;
  }

  /** Keeps damaged lines aside, durably; a line kept aside before (a crash mid-repair) is not kept twice. */
  async keep(file: string, damaged: readonly DamagedLine[]): Promise<number> {
    const fresh = damaged.map((d) => entryFor(file, d)).filter((e) => !this.sums.has(e.rawSum));
    if (fresh.length === 0) return 0;
    await this.log.append(...fresh);
    for (const e of fresh) this.sums.add(e.rawSum);
    return fresh.length;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

function entryFor(file: string, d: DamagedLine): QuarantineEntry {
  return { at: new Date().toISOString(), file, line: d.line, reason: d.tail ? `${d.reason} (last line: an interrupted write)` : d.reason, raw: d.raw, rawSum: checksum(`${file}\n${d.raw}`) };
}
