// The queue's sort orders: a sort done in bounded steps sorts as Array.prototype.sort does, and an
// order that only notes changes (while it is built, and after) reads as the current entries sorted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedOrder } from '../../../electron/engine/sorted-order.js';
import { StepwiseSort } from '../../../electron/engine/stepwise-sort.js';

interface Item {
  id: number;
  key: number;
}
/** By key, ties by id: a total order, as the queue's (ties by claim number). */
const compare = (a: Item, b: Item) => a.key - b.key || a.id - b.id;
const sortedCopy = (items: Iterable<Item>) => [...items].sort(compare);

describe('stepwise sort', () => {
  it('sorts as Array.prototype.sort, whatever the size and the budget per step', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), fc.integer({ min: 1, max: 5000 }), (keys, budget) => {
        const items = keys.map((key, id) => ({ id, key }));
        const sort = new StepwiseSort(items, compare);
        let steps = 0;
        while (!sort.step(budget)) steps++;
        expect(sort.sorted).toEqual(sortedCopy(items));
        // A small budget takes many steps on a large input: the work is spread out.
        if (items.length > 1024 && budget < 100) expect(steps).toBeGreaterThan(10);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sorted order', () => {
  it('reads as the current entries sorted, after changes noted while it was built and after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 0, maxLength: 2000 }),
        fc.array(fc.tuple(fc.constantFrom('set', 'delete', 'build', 'read'), fc.nat(), fc.integer({ min: 0, max: 30 })), { maxLength: 300 }),
        (keys, changes) => {
          const current = new Map(keys.map((key, id) => [id, { id, key }]));
          const order = new SortedOrder(current.values(), compare);
          let nextId = keys.length;
          for (const [kind, pick, key] of changes) {
            const ids = [...current.keys()];
            const id = ids.length > 0 && pick % 4 !== 0 ? ids[pick % ids.length]! : nextId++;
            if (kind === 'set') {
              const next = { id, key };
              order.note(current.get(id), next);
              current.set(id, next);
            } else if (kind === 'delete' && current.has(id)) {
              order.note(current.get(id), undefined);
              current.delete(id);
            } else if (kind === 'build') order.build(pick % 500);
            else if (kind === 'read') expect(order.entries()).toEqual(sortedCopy(current.values()));
          }
          expect(order.entries()).toEqual(sortedCopy(current.values()));
        },
      ),
      { numRuns: 100 },
    );
  });
});
