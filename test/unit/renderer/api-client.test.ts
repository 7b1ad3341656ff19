// The contract client: results and events are parsed with the contract's schemas where they arrive,
// on the renderer's side; arguments are parsed by the side that receives them. Both transports are
// driven through it.
import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../renderer/api/client.js';
import { httpTransport } from '../../../renderer/api/http-transport.js';
import { EngineCallError, type Transport } from '../../../renderer/api/transport.js';

const STATUS = { connection: 'online', pending: 0, conflicts: 0, lastSyncAt: null, progress: null, lastError: null, quarantined: 0 };

function fakeTransport(answer: unknown) {
  let emit: (event: string, payload: unknown) => void = () => undefined;
  const transport: Transport = {
    invoke: vi.fn(async () => answer),
    listen: (_events, onEvent) => {
      emit = onEvent as typeof emit;
      return () => undefined;
    },
    documentHeaders: () => ({}),
  };
  return { transport, emit: (e: string, p: unknown) => emit(e, p) };
}

describe('createClient', () => {
  it('sends the arguments as the UI wrote them (main or the engine parses them: one parse per boundary) and returns the parsed result', async () => {
    const { transport } = fakeTransport({ total: 0, rows: [], partners: [] });
    const page = await createClient(transport)['queue.query']({ search: 'contoso' });
    expect(page.total).toBe(0);
    // No defaults filled in here: they are applied where the arguments are parsed (test/unit/electron/ipc.test.ts, the engine's table).
    expect(transport.invoke).toHaveBeenCalledWith('queue.query', { search: 'contoso' });
  });

  it('turns an answer that breaks the contract into an EngineCallError', async () => {
    const { transport } = fakeTransport({ connection: 'sideways' });
    await expect(createClient(transport)['sync.status']({})).rejects.toMatchObject({ name: 'EngineCallError', kind: 'invalid_response' });
  });

  it('hands listeners parsed events and drops malformed ones', () => {
    const { transport, emit } = fakeTransport(null);
    const client = createClient(transport);
    const seen: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const off = client.on('sync.status', (s) => seen.push(s.connection));
    emit('sync.status', STATUS);
    emit('sync.status', { connection: 'nowhere' });
    off();
    emit('sync.status', STATUS);
    expect(seen).toEqual(['online']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('httpTransport', () => {
  it('posts JSON with the token and says the engine is unreachable when fetch fails', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(STATUS), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const t = httpTransport('http://127.0.0.1:9', 'tok');
    await expect(t.invoke('sync.status', {})).resolves.toEqual(STATUS);
    expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:9/api/sync.status', expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ 'x-poe-token': 'tok' }) }));

    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify({ message: 'Sign in first.' }), { status: 401 }));
    await expect(t.invoke('sync.status', {})).rejects.toMatchObject({ message: 'Sign in first.', kind: 'rejected', status: 401 });

    fetchMock.mockImplementationOnce(async () => {
      throw new TypeError('fetch failed');
    });
    const error = await t.invoke('sync.status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCallError);
    expect((error as EngineCallError).kind).toBe('unreachable');
    expect(t.documentHeaders()).toEqual({ 'x-poe-token': 'tok' });
    vi.unstubAllGlobals();
  });
});
