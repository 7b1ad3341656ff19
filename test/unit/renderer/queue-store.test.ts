// The queue's paged cache: only the pages on screen are fetched, neighbours load on demand, a new
// filter discards answers to the old one.
import { describe, expect, it, vi } from 'vitest';
import type { DeskClient } from '../../../renderer/api/client.js';
import { PAGE_SIZE, QueueStore } from '../../../renderer/queue/queue-store.js';

const TOTAL = 50_000;
const row = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  number: `CL-2026-${String(i).padStart(5, '0')}`,
  partnerId: '1234567',
  partnerName: 'Fabrikam',
  customerName: `Customer ${i}`,
  products: ['power-bi' as const],
  status: 'in_review' as const,
  assignee: null,
  nextDeadline: null,
  pending: false,
  conflict: false,
});

function fakeClient() {
  const query = vi.fn(async ({ offset = 0, limit = 200, search }: { offset?: number; limit?: number; search?: string }) => {
    const total = search ? 3 : TOTAL;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(offset + k));
    return { total, rows, partners: [] };
  });
  return { client: { 'queue.query': query } as unknown as DeskClient, query };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('QueueStore', () => {
  it('fetches only the pages asked for, once', async () => {
    const { client, query } = fakeClient();
    const store = new QueueStore(client, {});
    store.setFilter({});
    await settle();
    expect(store.getSnapshot().total).toBe(TOTAL);
    store.ensure(30_000, 30_020);
    store.ensure(30_000, 30_020);
    await settle();
    expect(query).toHaveBeenCalledTimes(2);
    expect(store.rowAt(30_010)?.number).toBe('CL-2026-30010');
    expect(store.rowAt(10_000)).toBeUndefined();
  });

  it('finds the neighbour of a claim, loading the next page when needed', async () => {
    const { client } = fakeClient();
    const store = new QueueStore(client, {});
    store.setFilter({});
    await settle();
    const last = row(PAGE_SIZE - 1);
    expect((await store.neighbour(last.id, 1))?.number).toBe(`CL-2026-${String(PAGE_SIZE).padStart(5, '0')}`);
    expect((await store.neighbour(row(0).id, -1))).toBeNull();
  });

  it('drops pages of an old filter that answer late', async () => {
    const { client } = fakeClient();
    const store = new QueueStore(client, {});
    store.setFilter({});
    store.setFilter({ search: 'x' });
    await settle();
    expect(store.getSnapshot().total).toBe(3);
    expect(store.rowAt(100)).toBeUndefined();
  });
});
