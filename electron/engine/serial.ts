// Runs async tasks one at a time, in call order. The engine's writes (a decision's append, a pull
// page, a conflict's removal) go through one of these so that mutation ids, file order and the
// in-memory view never interleave.
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
