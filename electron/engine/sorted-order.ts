// One of the queue's sort orders: built in the background (stepwise-sort.ts) and kept right as
// claims change, at a cost a decision does not feel. A change is only noted (the entry it replaces,
// the entry it brings): O(1), whatever the store's size. The order is brought up to date when it is
// next read, by one pass that drops the replaced entries (each found by binary search) and puts the
// new ones in (each placed by binary search); a query reads the whole order anyway, so this costs
// it no more than it already does. Before, every change moved its entry in all ten orders at once
// (an indexOf and two splices of arrays of 100,000 each: 6 ms of a decision at 100,000 claims).
// Entries are never changed in place (a change brings a new entry), so a replaced one can still be
// found in the order by its keys.
import { StepwiseSort } from './stepwise-sort.js';

export class SortedOrder<T> {
  private building: StepwiseSort<T> | null;
  private list: T[] = [];
  /** Entries in `list` replaced or removed since it was last brought up to date. */
  private stale: T[] = [];
  /** Entries not in `list` yet. */
  private readonly fresh = new Set<T>();

  /** Starts sorting `items` (the entries as they are now; changes from here on are noted). */
  constructor(
    items: Iterable<T>,
    private readonly compare: (a: T, b: T) => number,
  ) {
    this.building = new StepwiseSort(items, compare);
  }

  /** An entry was replaced (previous -> next), added (no previous) or removed (no next). */
  note(previous: T | undefined, next: T | undefined): void {
    // A replaced entry not yet in the list is simply not added.
    if (previous !== undefined && !this.fresh.delete(previous)) this.stale.push(previous);
    if (next !== undefined) this.fresh.add(next);
  }

  /** Sorts on for about `budget` units of work; true once sorted. */
  build(budget: number): boolean {
    if (!this.building) return true;
    if (!this.building.step(budget)) return false;
    this.list = this.building.sorted;
    this.building = null;
    return true;
  }

  /** The entries in order, as they are now (sorting what is left at once, if it was still being built). */
  entries(): readonly T[] {
    this.build(Infinity);
    if (this.stale.length === 0 && this.fresh.size === 0) return this.list;
    const { list, compare } = this;
    const drop = this.stale.map((e) => find(list, e, compare)).sort((a, b) => a - b);
    const add = [...this.fresh].sort(compare);
    const at = add.map((e) => insertionPoint(list, e, compare));
    const out: T[] = [];
    let d = 0;
    let a = 0;
    for (let i = 0; i <= list.length; i++) {
      while (a < add.length && at[a] === i) out.push(add[a++]!);
      if (i === list.length) break;
      if (drop[d] === i) d++;
      else out.push(list[i]!);
    }
    this.list = out;
    this.stale = [];
    this.fresh.clear();
    return out;
  }
}

/** Where `entry` would go after every entry that sorts before or with it. */
function insertionPoint<T>(list: readonly T[], entry: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of `entry` itself in the list (by its keys, then among the entries that sort with it). */
function find<T>(list: readonly T[], entry: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  while (list[lo] !== entry) {
    if (lo >= list.length || compare(list[lo]!, entry) !== 0) throw new Error('a sorted order lost one of its entries');
    lo++;
  }
  return lo;
}
