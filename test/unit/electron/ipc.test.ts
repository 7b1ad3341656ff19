// IPC: one handler per contract channel; a call from a frame that is not the app's page, or with
// arguments the channel's schema refuses, never reaches the engine.
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../shared/contract/desktop.js';
import { IpcRefusal, registerIpc, sendEvent } from '../../../electron/main/ipc.js';

type Handler = (event: { senderFrame: { url: string } | null }, args: unknown) => Promise<unknown> | unknown;

function setUp() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)) };
  const engine = { invoke: vi.fn(async (channel: ChannelName, args: unknown) => ({ served: channel, args })) };
  registerIpc(ipcMain as never, engine);
  const call = async (channel: string, args: unknown, url: string | null = 'app://poe-desk/index.html') => handlers.get(channel)!({ senderFrame: url === null ? null : { url } }, args);
  return { handlers, engine, call };
}

const CLAIM_ID = '7a0f5f8e-5f3c-4b7e-9a55-1f2d3c4b5a69';

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, under the contract name', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('passes a valid call from the app page to the engine, arguments as parsed (defaults applied)', async () => {
    const { engine, call } = setUp();
    await expect(call('claims.get', { id: CLAIM_ID })).resolves.toEqual({ served: 'claims.get', args: { id: CLAIM_ID } });
    await call('queue.query', { search: 'Contoso' });
    expect(engine.invoke).toHaveBeenLastCalledWith('queue.query', { search: 'Contoso', sort: { by: 'deadline', dir: 'asc' }, offset: 0, limit: 200 });
    // The draft's pins get their evidence default on this side too.
    await call('drafts.save', { claimId: CLAIM_ID, checklist: { dates: { state: 'missing' } } });
    expect(engine.invoke).toHaveBeenLastCalledWith('drafts.save', { claimId: CLAIM_ID, checklist: { dates: { state: 'missing', evidence: [] } } });
  });

  it('refuses a sender that is not the app page, for every channel', async () => {
    const { engine, call } = setUp();
    for (const url of ['https://evil.example.com/', 'file:///home/reviewer/poe.html', 'poe://documents/abc', 'app://poe-desk.evil.com/index.html', 'app://other/index.html', 'about:blank', null]) {
      for (const channel of CHANNEL_NAMES) {
        await expect(call(channel, {}, url), `${channel} from ${url}`).rejects.toThrow(IpcRefusal);
      }
    }
    await expect(call('sync.now', {}, 'https://evil.example.com/')).rejects.toThrow(/refused sync\.now: the request came from https:\/\/evil\.example\.com\//);
    await expect(call('sync.now', {}, null)).rejects.toThrow(/a frame that no longer exists/);
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('refuses malformed arguments with the reason, before the engine sees them', async () => {
    const { engine, call } = setUp();
    const bad: [string, unknown][] = [
      ['claims.get', { id: 'not-a-uuid' }],
      ['claims.get', {}],
      ['claims.get', { id: CLAIM_ID, extra: 1 }],
      ['session.signIn', { username: '', password: 'x' }],
      ['session.signIn', { serverUrl: 'not a url', username: 'u', password: 'p' }],
      ['queue.query', { limit: 100000 }],
      ['claims.mutate', { claimId: CLAIM_ID, name: 'deleteEverything', args: {} }],
      ['settings.set', { locale: 'de' }],
      ['conflicts.discard', { mutationId: -1 }],
      ['drafts.get', { claimId: 'CL-2026-00001' }],
      ['drafts.save', { claimId: CLAIM_ID, checklist: { signature: { state: 'passed', evidence: [] } } }],
      ['drafts.save', { claimId: CLAIM_ID, checklist: {}, openedAt: 'yesterday' }],
      ['sync.now', undefined],
      ['sync.now', 'now'],
    ];
    for (const [channel, args] of bad) {
      await expect(call(channel, args), `${channel} ${JSON.stringify(args)}`).rejects.toThrow(/arguments do not match the desktop contract/);
    }
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('passes the engine error on to the page', async () => {
    const { engine, call } = setUp();
    engine.invoke.mockRejectedValueOnce(new Error('The claims service refused the password.'));
    await expect(call('session.signIn', { username: 'jana', password: 'x' })).rejects.toThrow('The claims service refused the password.');
  });
});

describe('sendEvent', () => {
  const contents = (url: string, destroyed = false) => ({ send: vi.fn(), isDestroyed: () => destroyed, getURL: () => url });

  it('sends a contract event on its prefixed IPC name to the app page', () => {
    const page = contents('app://poe-desk/index.html');
    sendEvent(page as never, 'sync.status', { connection: 'online' });
    expect(page.send).toHaveBeenCalledWith('poeDesk.event:sync.status', { connection: 'online' });
  });

  it('sends nothing to a destroyed window or a page that is not the app', () => {
    const gone = contents('app://poe-desk/index.html', true);
    const foreign = contents('https://evil.example.com/');
    sendEvent(gone as never, 'claims.changed', { ids: [], all: true });
    sendEvent(foreign as never, 'claims.changed', { ids: [], all: true });
    sendEvent(null, 'claims.changed', { ids: [], all: true });
    expect(gone.send).not.toHaveBeenCalled();
    expect(foreign.send).not.toHaveBeenCalled();
  });
});
