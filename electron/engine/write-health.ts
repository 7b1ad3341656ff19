// Which of the engine's files could not be written the last time it tried. Every write of the
// store goes through `track`, so a failure (a read-only folder, a full disk, a file another program
// locked) is known by file, reported to the reviewer at once, and cleared the next time a write of
// that file works: recovery needs no restart.
export interface WriteFailure {
  /** The store file, by name (outbox.jsonl, drafts.json, ...). */
  file: string;
  /** The system's code (EACCES, ENOSPC, EROFS, ...) or the error's message. */
  error: string;
}

/** An error from the file system (Node sets code and syscall on them). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A store file failed to be written; says which and what to do. */
export class StoreWriteError extends Error {
  constructor(
    readonly failure: WriteFailure,
    readonly dataDir: string,
    options?: ErrorOptions,
  ) {
    super(
      `PoE Desk could not write ${failure.file} in its data folder ${dataDir} (${failure.error}). ` +
        'Check that the folder is writable and the disk has free space; PoE Desk tries again by itself.',
      options,
    );
    this.name = 'StoreWriteError';
  }
}

export class WriteHealth {
  private readonly failing = new Map<string, WriteFailure>();
  private onChange: (failures: WriteFailure[]) => void = () => undefined;

  constructor(private readonly dataDir: string) {}

  get failures(): WriteFailure[] {
    return [...this.failing.values()];
  }

  /** Runs a write of `file`; a file system failure is recorded and thrown as a StoreWriteError. */
  async track<T>(file: string, write: () => Promise<T>): Promise<T> {
    try {
      const result = await write();
      if (this.failing.delete(file)) this.onChange(this.failures);
      return result;
    } catch (error) {
      if (error instanceof StoreWriteError || !isFileSystemError(error)) throw error;
      const failure = { file, error: error.code ?? error.message };
      this.failing.set(file, failure);
      this.onChange(this.failures);
      throw new StoreWriteError(failure, this.dataDir, { cause: error });
    }
  }

  /** Told of every change of the failures (the engine: the sync status). */
  listen(onChange: (failures: WriteFailure[]) => void): void {
    this.onChange = onChange;
  }
}
