// Main's link to the engine, against the real engine entry (electron/engine/process.ts) run as a
// Node child process: calls and results by id, the token kept by main's credential store (handed
// in at open, every change handed back), a crash answered with a clear error and a restart, a
// locked store refused with the engine's reason.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CredentialStore } from '../../../electron/main/credentials.js';
import { type EngineChild, EngineProcess, EngineStartError } from '../../../electron/main/engine-process.js';

const ENTRY = fileURLToPath(new URL('../../../electron/engine/process.ts', import.meta.url));

/** A Node child process in the shape of Electron's UtilityProcess. */
function nodeChild(children: ChildProcess[]): EngineChild {
  const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  const link = new EventEmitter() as EngineChild;
  child.on('message', (message) => link.emit('message', message));
  child.on('exit', (code, signal) => link.emit('exit', code ?? (signal ? 1 : 0)));
  link.postMessage = (message) => void (child.connected && child.send(message));
  link.kill = () => child.kill();
  return link;
}

function memoryCredentials(initial: string | null = null): CredentialStore & { token: string | null } {
  const store = {
    token: initial,
    get: vi.fn(async () => store.token),
    set: vi.fn(async (token: string) => void (store.token = token)),
    clear: vi.fn(async () => void (store.token = null)),
  };
  return store;
}

/** The two calls sign-in makes, answered as the claims service would. */
let server: Server;
let serverUrl: string;
const logins: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/auth/login') {
        logins.push(body);
        response.end(JSON.stringify({ token: 'token-from-server', expiresAt: '2030-01-01T00:00:00.000Z', user: { id: 'u1', username: 'jana', name: 'Jana', role: 'reviewer', partnerId: null, partnerRole: null } }));
      } else if (request.url === '/config') {
        response.end(JSON.stringify({ calendar: { zone: 'Europe/Prague', country: 'CZ' } }));
      } else {
        response.statusCode = 204;
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dirs: string[] = [];
const children: ChildProcess[] = [];
const engines: EngineProcess[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close(2_000)));
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(options: { dataDir?: string; credentials?: CredentialStore; onEvent?: (event: string, payload: unknown) => void } = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'poe-engine-process-')));
  if (!options.dataDir) dirs.push(dataDir);
  const engine = await EngineProcess.start({
    fork: () => nodeChild(children),
    options: { dataDir, serverUrl, autoSync: false, documentUrlPrefix: 'poe://documents/' },
    credentials: options.credentials ?? memoryCredentials(),
    onEvent: options.onEvent ?? (() => {}),
    openTimeoutMs: 30_000,
  });
  engines.push(engine);
  return { engine, dataDir };
}

describe('EngineProcess', () => {
  it('answers channel calls through the engine process, errors included', async () => {
    const { engine } = await start();
    await expect(engine.invoke('session.current', {})).resolves.toMatchObject({ user: null, serverUrl });
    await expect(engine.invoke('settings.set', { locale: 'cs' })).resolves.toEqual({ locale: 'cs', theme: 'system' });
    await expect(engine.invoke('queue.query', {})).rejects.toThrow('Sign in to PoE Desk first.');
  });

  it('keeps the token in main credential store, never in the engine files', async () => {
    const credentials = memoryCredentials();
    const { engine, dataDir } = await start({ credentials });
    await expect(engine.invoke('session.signIn', { username: 'jana', password: 'secret' })).resolves.toMatchObject({ user: { username: 'jana' } });
    await vi.waitFor(() => expect(credentials.set).toHaveBeenCalledWith('token-from-server'));
    const sessionFile = await readFile(path.join(dataDir, 'session.json'), 'utf8');
    expect(sessionFile).not.toContain('token-from-server');

    // The next start gets the token from the credential store and is signed in at once.
    await engine.close();
    const again = await start({ dataDir, credentials });
    expect(credentials.get).toHaveBeenCalled();
    await expect(again.engine.invoke('queue.query', {})).resolves.toMatchObject({ total: 0 });

    await again.engine.invoke('session.signOut', {});
    await vi.waitFor(() => expect(credentials.clear).toHaveBeenCalled());
    expect(credentials.token).toBeNull();
  });

  it('fails the calls a crash interrupts, starts the engine again and tells the page to reload', async () => {
    const events: [string, unknown][] = [];
    const { engine } = await start({ onEvent: (event, payload) => events.push([event, payload]) });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = children.at(-1)!;
    const interrupted = engine.invoke('settings.get', {});
    first.kill('SIGKILL');
    await expect(interrupted).rejects.toThrow(/stopped .* before it answered/);
    await vi.waitFor(() => expect(events).toContainEqual(['claims.changed', { ids: [], all: true }]), { timeout: 20_000 });
    await expect(engine.invoke('settings.get', {})).resolves.toEqual({ locale: 'en', theme: 'system' });
  });

  it('refuses to start on a store another engine holds, with the engine reason', async () => {
    const { dataDir } = await start();
    const second = start({ dataDir });
    await expect(second).rejects.toBeInstanceOf(EngineStartError);
    await expect(second).rejects.toThrow(/in use by another PoE Desk engine/);
  });
});
