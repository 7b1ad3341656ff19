// The preload exposes one object, window.poeDesk, with invoke and on for exactly the contract's
// channels and events; never ipcRenderer or Electron's event object. Checked on the source (with
// electron mocked) and on the real bundle, run in a bare VM where require() knows only 'electron',
// as in a sandboxed renderer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/contract/desktop.js';
import { electronBuildOptions } from '../../../scripts/build-electron.js';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof fakeElectron> }));
vi.mock('electron', () => ({
  get contextBridge() {
    return fake.current.contextBridge;
  },
  get ipcRenderer() {
    return fake.current.ipcRenderer;
  },
}));

function fakeElectron() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, args: unknown) => ({ channel, args })),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
    }),
    removeListener: vi.fn((name: string, listener: (...args: unknown[]) => void) => void listeners.get(name)?.delete(listener)),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => void exposed.set(key, api)) };
  const emit = (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((listener) => listener(...args));
  return { exposed, listeners, ipcRenderer, contextBridge, emit };
}

type Bridge = { invoke(channel: string, args?: unknown): Promise<unknown>; on(event: string, listener: (payload: unknown) => void): () => void };

/** The checks every form of the preload must pass. */
async function expectExactlyTheContract(fake: ReturnType<typeof fakeElectron>) {
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  expect([...fake.exposed.keys()]).toEqual(['poeDesk']);
  const bridge = fake.exposed.get('poeDesk') as Bridge;
  expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);

  for (const channel of CHANNEL_NAMES) await expect(bridge.invoke(channel, { a: 1 })).resolves.toEqual({ channel, args: { a: 1 } });
  expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  for (const channel of ['ELECTRON_BROWSER_REQUIRE', 'session', 'queue.delete', '__proto__', 'constructor', 'sync.status ', 42]) {
    await expect(bridge.invoke(channel as string, {})).rejects.toThrow(/has no channel/);
  }
  expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);

  for (const event of EVENT_NAMES) {
    const received: unknown[] = [];
    const off = bridge.on(event, (...args: unknown[]) => received.push(args));
    fake.emit(`poeDesk.event:${event}`, { sender: 'the IpcRendererEvent' }, { some: 'payload' });
    // The page gets the payload alone: never the IpcRendererEvent, whose sender is the raw IPC.
    expect(received).toEqual([[{ some: 'payload' }]]);
    off();
    fake.emit(`poeDesk.event:${event}`, {}, { again: true });
    expect(received).toHaveLength(1);
  }
  for (const event of ['ELECTRON_RENDERER_EVENT', 'claims.get', 'poeDesk.event:sync.status', 'toString']) {
    expect(() => bridge.on(event, () => {})).toThrow(/has no event/);
  }
  expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
  expect(fake.ipcRenderer.sendSync).not.toHaveBeenCalled();
}

describe('preload source', () => {
  beforeEach(() => {
    fake.current = fakeElectron();
    vi.resetModules();
  });

  it('exposes exactly the contract on window.poeDesk', async () => {
    await import('../../../electron/preload/preload.js');
    await expectExactlyTheContract(fake.current);
  });
});

describe('preload bundle', () => {
  let dir: string;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('is CommonJS that requires nothing but electron, small, and exposes exactly the contract', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'poe-preload-'));
    const outfile = path.join(dir, 'preload.cjs');
    await esbuild.build({ ...electronBuildOptions().preload, outfile, sourcemap: false, metafile: false, logLevel: 'silent' });
    const code = await readFile(outfile, 'utf8');
    // The contract's names only: zod, the domain and the holiday calendars stay out.
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toMatch(/date-holidays|ZodError/);

    const fake = fakeElectron();
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer };
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, Promise, Error, Set, Map, Object, Array, JSON });
    expect(required).toEqual(['electron']);
    await expectExactlyTheContract(fake);
  });
});
