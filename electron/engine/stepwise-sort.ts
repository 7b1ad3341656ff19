// A sort done a bounded amount of work at a time, so that sorting 100,000 queue entries in the
// background never holds the engine's one thread for more than a millisecond or so: a decision
// that arrives meanwhile waits for one step, not for the whole sort (hundreds of milliseconds at
// 100,000 claims). A bottom-up merge sort: runs of RUN items sorted by Array.prototype.sort, then
// merged pairwise, pass by pass, resuming mid-merge where the last step's budget ran out. Stable.

/** Items per initial run (sorted whole within one step). */
const RUN = 512;
/** What sorting one run costs, in the budget's units (one merge move each): about log2(RUN) comparisons per item. */
const RUN_COST = RUN * Math.log2(RUN);

export class StepwiseSort<T> {
  private from: T[];
  private to: T[];
  /** Items whose initial run is sorted. */
  private runsDone = 0;
  private width = RUN;
  /** The pair being merged: [start, mid) and [mid, end), written from `out` on. */
  private start = 0;
  private mid = 0;
  private end = 0;
  private left = 0;
  private right = 0;
  private out = 0;
  private merging = false;

  constructor(
    items: Iterable<T>,
    private readonly compare: (a: T, b: T) => number,
  ) {
    this.from = Array.from(items);
    this.to = new Array<T>(this.from.length);
  }

  /** Does about `budget` units of work (a merge move each); true once sorted. */
  step(budget: number): boolean {
    const n = this.from.length;
    while (this.runsDone < n) {
      if (budget <= 0) return false;
      const end = Math.min(this.runsDone + RUN, n);
      const run = this.from.slice(this.runsDone, end).sort(this.compare);
      for (let i = 0; i < run.length; i++) this.from[this.runsDone + i] = run[i]!;
      this.runsDone = end;
      budget -= RUN_COST;
    }
    const { compare } = this;
    while (this.width < n) {
      if (this.start >= n) {
        [this.from, this.to] = [this.to, this.from];
        this.width *= 2;
        this.start = 0;
        continue;
      }
      if (!this.merging) {
        this.mid = Math.min(this.start + this.width, n);
        this.end = Math.min(this.start + 2 * this.width, n);
        this.left = this.start;
        this.right = this.mid;
        this.out = this.start;
        this.merging = true;
      }
      const { from, to, mid, end } = this;
      let { left, right, out } = this;
      while (out < end && budget > 0) {
        if (right >= end || (left < mid && compare(from[left]!, from[right]!) <= 0)) to[out++] = from[left++]!;
        else to[out++] = from[right++]!;
        budget--;
      }
      this.left = left;
      this.right = right;
      this.out = out;
      if (out < end) return false;
      this.merging = false;
      this.start = end;
    }
    return true;
  }

  /** The sorted items (once step has answered true). */
  get sorted(): T[] {
    return this.from;
  }
}
