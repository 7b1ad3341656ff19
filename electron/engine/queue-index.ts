// The queue, answered from memory: one entry per claim (its row, a search text, its deadline),
// and one sorted order per sort key and direction, kept sorted as claims change instead of
// re-sorted per query (sorted-order.ts: a change is noted at once and folded in at the order's next
// read). A query is then one pass over an already sorted array, which stays in the low
// milliseconds with 50,000 claims. Sorting 50,000 entries takes a few hundred milliseconds, too
// long for the click that first asks for a column's order, so after a reset the orders are built
// in the background, a bounded step per turn of the event loop (a decision made meanwhile waits
// for one step, not for a whole sort).
import { PRODUCTS } from '../../shared/domain/products.js';
import type { ClockName } from '../../shared/domain/clocks.js';
import type { ClaimStatus, Instant, ProductId } from '../../shared/domain/model.js';
import { QueueSortKey, type QueuePage, type QueueQuery, type QueueRow } from '../../shared/contract/desktop.js';
import type { z } from 'zod';
import type { ClaimSummary } from './store-files.js';
import { SortedOrder } from './sorted-order.js';

type SortKey = z.infer<typeof QueueSortKey>;
type Query = z.output<typeof QueueQuery>;
type Page = z.infer<typeof QueuePage>;

interface Entry {
  id: string;
  number: string;
  partnerId: string;
  partnerName: string;
  customerName: string;
  products: ProductId[];
  status: ClaimStatus;
  assignee: { id: string; name: string } | null;
  /** The running clock due first. */
  deadline: { clock: ClockName; dueAt: Instant } | null;
  /** The deadline's due time in epoch ms, for sorting (null: no running clock). */
  dueMs: number | null;
  pending: boolean;
  conflict: boolean;
  haystack: string;
  sortText: Record<Exclude<SortKey, 'deadline'>, string>;
}

/** Lower case without diacritics, so that "Dvořák" is found by "dvorak". ASCII text has none to strip (most of a queue's text, folded at every open). */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function entryOf(claim: ClaimSummary, pending: boolean, conflict: boolean): Entry {
  const productNames = claim.products.map((p) => `${p} ${PRODUCTS[p].name}`).join(' ');
  return {
    id: claim.id,
    number: claim.number,
    partnerId: claim.partnerId,
    partnerName: claim.partnerName,
    customerName: claim.customerName,
    products: claim.products,
    status: claim.status,
    assignee: claim.assignee,
    deadline: claim.deadline,
    dueMs: claim.deadline ? Date.parse(claim.deadline.dueAt) : null,
    pending,
    conflict,
    haystack: fold([claim.number, claim.partnerName, claim.partnerId, claim.customerName, claim.tenantId, productNames].join('\n')),
    sortText: {
      number: claim.number,
      partner: fold(claim.partnerName),
      customer: fold(claim.customerName),
      status: claim.status,
      assignee: claim.assignee ? fold(claim.assignee.name) : '\uffff',
    },
  };
}

/** The running clock is past its due time. */
const overdue = (deadline: Entry['deadline'], now: Instant) => deadline !== null && deadline.dueAt <= now;

function compareBy(by: SortKey, dir: 'asc' | 'desc'): (a: Entry, b: Entry) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const tie = (a: Entry, b: Entry) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
  if (by === 'deadline') {
    return (a, b) => {
      const da = a.dueMs;
      const db = b.dueMs;
      // Claims without a running clock come last in either direction: nothing is due on them.
      if (da === null || db === null) return da === db ? tie(a, b) : da === null ? 1 : -1;
      return da < db ? -sign : da > db ? sign : tie(a, b);
    };
  }
  return (a, b) => {
    const ka = a.sortText[by];
    const kb = b.sortText[by];
    return ka < kb ? -sign : ka > kb ? sign : tie(a, b);
  };
}

/** Work per background step of building an order (about a millisecond). */
const BUILD_STEP = 8_192;
const ORDER_KEYS = QueueSortKey.options.flatMap((by) => (['asc', 'desc'] as const).map((dir) => [by, dir] as const));

export class QueueIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly orders = new Map<string, SortedOrder<Entry>>();
  private partners: Page['partners'] | null = null;
  private warming: NodeJS.Immediate | null = null;

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything (start, a completed resync). */
  reset(claims: Iterable<{ summary: ClaimSummary; pending: boolean; conflict: boolean }>): void {
    this.entries.clear();
    for (const { summary, pending, conflict } of claims) this.entries.set(summary.id, entryOf(summary, pending, conflict));
    this.orders.clear();
    this.partners = null;
    this.warm();
  }

  /** Builds every order in the background, a step per turn of the event loop, so calls in between are served. */
  private warm(): void {
    if (this.warming) clearImmediate(this.warming);
    const keys = [...ORDER_KEYS];
    const next = () => {
      while (keys.length > 0 && this.order(keys[0]![0], keys[0]![1]).build(BUILD_STEP)) keys.shift();
      this.warming = keys.length > 0 ? setImmediate(next).unref() : null;
    };
    this.warming = setImmediate(next).unref();
  }

  set(claim: ClaimSummary, pending: boolean, conflict: boolean): void {
    const next = entryOf(claim, pending, conflict);
    const previous = this.entries.get(claim.id);
    this.entries.set(claim.id, next);
    for (const order of this.orders.values()) order.note(previous, next);
    if (previous?.partnerId !== next.partnerId || previous.partnerName !== next.partnerName) this.partners = null;
  }

  delete(id: string): void {
    const previous = this.entries.get(id);
    if (!previous) return;
    this.entries.delete(id);
    for (const order of this.orders.values()) order.note(previous, undefined);
    this.partners = null;
  }

  query(q: Query, ctx: { now: Instant; userId: string | null }): Page {
    const list = this.sorted(q.sort.by, q.sort.dir);
    const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : null;
    const words = q.search ? fold(q.search).split(/\s+/).filter(Boolean) : [];
    const assignee = q.assignee === 'me' ? (ctx.userId ?? '\u0000') : q.assignee;
    const rows: QueueRow[] = [];
    let total = 0;
    for (const e of list) {
      if (statuses && !statuses.has(e.status)) continue;
      if (q.partnerId && e.partnerId !== q.partnerId) continue;
      if (q.product && !e.products.includes(q.product)) continue;
      if (assignee !== undefined && e.assignee?.id !== assignee) continue;
      if (q.overdue !== undefined && overdue(e.deadline, ctx.now) !== q.overdue) continue;
      if (words.length > 0 && !words.every((w) => e.haystack.includes(w))) continue;
      if (total >= q.offset && rows.length < q.limit) rows.push(rowOf(e, ctx.now));
      total++;
    }
    return { total, rows, partners: this.partnerList() };
  }

  private sorted(by: SortKey, dir: 'asc' | 'desc'): readonly Entry[] {
    return this.order(by, dir).entries();
  }

  /** The order for this key and direction, its building begun if it was not. */
  private order(by: SortKey, dir: 'asc' | 'desc'): SortedOrder<Entry> {
    const key = `${by}:${dir}`;
    let order = this.orders.get(key);
    if (!order) {
      order = new SortedOrder(this.entries.values(), compareBy(by, dir));
      this.orders.set(key, order);
    }
    return order;
  }

  private partnerList(): Page['partners'] {
    if (!this.partners) {
      const byId = new Map<string, string>();
      for (const e of this.entries.values()) byId.set(e.partnerId, e.partnerName);
      this.partners = [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    }
    return this.partners;
  }
}

function rowOf(e: Entry, now: Instant): QueueRow {
  return {
    id: e.id,
    number: e.number,
    partnerId: e.partnerId,
    partnerName: e.partnerName,
    customerName: e.customerName,
    products: e.products,
    status: e.status,
    assignee: e.assignee,
    nextDeadline: e.deadline ? { clock: e.deadline.clock, dueAt: e.deadline.dueAt, overdue: overdue(e.deadline, now) } : null,
    pending: e.pending,
    conflict: e.conflict,
  };
}
