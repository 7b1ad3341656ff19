// The queue as a sparse, paged cache over `queue.query`: the virtualised list asks for the rows it
// shows, pages of 200 are fetched once and kept, so 50,000 claims cost only what is on screen.
// When claims change (sync, a decision) the loaded pages are refetched in place, without blanking.
// "Everyone" pages come from the claims service's search instead, online only.
import type { QueuePage as QueuePageSchema, QueueQuery, QueueRow } from '../../shared/contract/desktop.js';
import type { z } from 'zod';
import type { DeskClient } from '../api/client.js';

export const PAGE_SIZE = 200;

/** The desk's queue, or with `everyone` the claims service's search over every claim (by claim number). */
export type QueueFilter = Omit<QueueQuery, 'offset' | 'limit'> & { everyone?: boolean };

export interface QueueSnapshot {
  filter: QueueFilter;
  total: number | null;
  partners: z.infer<typeof QueuePageSchema>['partners'];
  error: string | null;
  /** The "Everyone" view could not reach the claims service. */
  offline: boolean;
  /** Bumped on every change so React re-renders what reads the store. */
  version: number;
}

export class QueueStore {
  private pages = new Map<number, QueueRow[]>();
  private loading = new Set<number>();
  private generation = 0;
  private listeners = new Set<() => void>();
  private snapshot: QueueSnapshot;
  /** The claim opened last, so the grid comes back to it rather than to the top. */
  lastOpened: string | null = null;

  constructor(
    private readonly client: DeskClient,
    filter: QueueFilter,
  ) {
    this.snapshot = { filter, total: null, partners: [], error: null, offline: false, version: 0 };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private emit(change: Partial<QueueSnapshot>) {
    this.snapshot = { ...this.snapshot, ...change, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }

  setFilter(filter: QueueFilter) {
    this.generation++;
    this.pages.clear();
    this.loading.clear();
    this.emit({ filter, total: null, error: null, offline: false });
    void this.load(0);
  }

  rowAt(index: number): QueueRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Make sure the rows start..end (inclusive) are loaded or loading. */
  ensure(start: number, end: number) {
    for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(Math.max(0, end) / PAGE_SIZE); p++) {
      if (!this.pages.has(p) && !this.loading.has(p)) void this.load(p);
    }
  }

  indexOf(id: string): number {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return p * PAGE_SIZE + i;
    }
    return -1;
  }

  /** The claim `delta` places from `id` in the current order, loading its page if needed. */
  async neighbour(id: string, delta: number): Promise<QueueRow | null> {
    const index = this.indexOf(id);
    const target = index < 0 ? 0 : index + delta;
    if (target < 0 || (this.snapshot.total !== null && target >= this.snapshot.total)) return null;
    if (!this.rowAt(target)) await this.load(Math.floor(target / PAGE_SIZE));
    return this.rowAt(target) ?? null;
  }

  /** Refetch every loaded page: claims changed underneath (sync, decisions). */
  refresh() {
    const loaded = [...this.pages.keys()];
    if (loaded.length === 0) return void this.load(0);
    for (const p of loaded) void this.load(p);
  }

  /** One page: from the desk, or for "Everyone" from the claims service (null: it cannot be reached). */
  private async fetch(offset: number): Promise<{ total: number; rows: QueueRow[]; partners?: QueueSnapshot['partners'] } | null> {
    const { everyone, ...filter } = this.snapshot.filter;
    if (!everyone) return this.client['queue.query']({ ...filter, offset, limit: PAGE_SIZE });
    const { search, statuses, partnerId, product, sort } = filter;
    const result = await this.client['claims.search']({ search, statuses, partnerId, product, dir: sort?.by === 'number' ? sort.dir : 'asc', offset, limit: PAGE_SIZE });
    return result.online ? result : null;
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(page);
    try {
      const result = await this.fetch(page * PAGE_SIZE);
      if (generation !== this.generation) return;
      if (!result) {
        this.pages.clear();
        this.emit({ total: 0, error: null, offline: true });
        return;
      }
      this.pages.set(page, result.rows);
      // A shrinking queue drops pages past its new end, so no stale row lingers there.
      for (const p of this.pages.keys()) if (p * PAGE_SIZE >= result.total && p > 0) this.pages.delete(p);
      this.emit({ total: result.total, partners: result.partners ?? this.snapshot.partners, error: null, offline: false });
    } catch (error) {
      if (generation === this.generation) this.emit({ error: (error as Error).message });
    } finally {
      if (generation === this.generation) this.loading.delete(page);
    }
  }
}
