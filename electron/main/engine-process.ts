// The engine in its own process (a utilityProcess under Electron): a long sync, a PoE download or
// hashing a large PDF never blocks the window or main's IPC. Calls go out with an id and come back
// as results; the engine's events are passed to `onEvent`; every message from the engine is parsed
// with the protocol's zod schemas (electron/engine/process-protocol.ts) like any input crossing a
// process boundary. If the engine dies, pending calls fail with a clear message and it is started
// again (a few times, not in a loop), and the page is told to reload what it shows.
import { EventEmitter } from 'node:events';
import type { EventName } from '../../shared/contract/desktop.js';
import { type EngineProcessOptions, FromEngine, type ToEngine } from '../engine/process-protocol.js';
import type { CredentialStore } from './credentials.js';
import type { EngineCalls } from './ipc.js';

/** What main needs of a child process; Electron's UtilityProcess has exactly this. */
export interface EngineChild extends EventEmitter {
  postMessage(message: ToEngine): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
}

export interface EngineProcessConfig {
  fork: () => EngineChild;
  options: EngineProcessOptions;
  credentials: CredentialStore;
  onEvent: (event: EventName, payload: unknown) => void;
  /** Restarts allowed within `restartWindowMs` before the engine is left down. */
  maxRestarts?: number;
  restartWindowMs?: number;
  openTimeoutMs?: number;
}

/** The engine refused to open (its data directory is locked or unreadable), or stopped for good. */
export class EngineStartError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'EngineStartError';
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class EngineProcess implements EngineCalls {
  private child: EngineChild | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private restarts: number[] = [];
  private closing = false;
  private ready: Promise<void> = Promise.resolve();

  private constructor(private readonly config: EngineProcessConfig) {}

  /** Starts the engine and resolves once it has opened its store. */
  static async start(config: EngineProcessConfig): Promise<EngineProcess> {
    const engine = new EngineProcess(config);
    await engine.spawn();
    return engine;
  }

  invoke(channel: string, args: unknown): Promise<unknown> {
    return this.ready.then(
      () =>
        new Promise((resolve, reject) => {
          if (!this.child) return reject(new Error('The PoE Desk engine is not running. Restart PoE Desk; the log says why it stopped.'));
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.child.postMessage({ type: 'call', id, channel, args });
        }),
    );
  }

  /** Asks the engine to close its store cleanly; kills it if it has not within `timeoutMs`. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closing = true;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.postMessage({ type: 'close' });
    });
  }

  private spawn(): Promise<void> {
    const child = this.config.fork();
    this.child = child;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EngineStartError(`The PoE Desk engine did not open its store within ${(this.config.openTimeoutMs ?? 60_000) / 1000} s.`, 'timeout')), this.config.openTimeoutMs ?? 60_000);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      child.on('message', (raw) => this.receive(raw, settle));
      child.on('exit', (code) => {
        settle(new EngineStartError(`The PoE Desk engine exited (code ${code}) before it was ready.`, 'exited'));
        this.exited(child, code);
      });
    });
    // The token goes to the engine at start, from the OS keychain (safeStorage), never from a file of its own.
    void this.config.credentials.get().then(
      (token) => child.postMessage({ type: 'open', options: this.config.options, token }),
      () => child.postMessage({ type: 'open', options: this.config.options, token: null }),
    );
    return this.ready;
  }

  private receive(raw: unknown, settle: (error?: Error) => void): void {
    const parsed = FromEngine.safeParse(raw);
    if (!parsed.success) {
      console.error('engine-process: ignored a message outside the protocol', parsed.error.issues[0]?.message);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        settle();
        return;
      case 'fatal':
        settle(new EngineStartError(message.error.message, message.error.code));
        return;
      case 'result': {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.ok) call.resolve(message.result);
        else call.reject(new Error(message.error.message));
        return;
      }
      case 'event':
        this.config.onEvent(message.event as EventName, message.payload);
        return;
      case 'token':
        // Signed in (a new token) or out (null): kept encrypted by safeStorage, never in the engine's files.
        void (message.token === null ? this.config.credentials.clear() : this.config.credentials.set(message.token)).catch((error: unknown) =>
          console.error('engine-process: could not save the session token', error),
        );
        return;
      case 'closed':
        return;
    }
  }

  private exited(child: EngineChild, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    for (const call of this.pending.values()) call.reject(new Error(`The PoE Desk engine stopped (exit code ${code}) before it answered. Try again; your saved decisions are safe.`));
    this.pending.clear();
    if (this.closing) return;
    const now = Date.now();
    this.restarts = [...this.restarts.filter((at) => now - at < (this.config.restartWindowMs ?? 60_000)), now];
    if (this.restarts.length > (this.config.maxRestarts ?? 3)) {
      console.error(`engine-process: the engine stopped ${this.restarts.length} times within a minute; it is left stopped. Restart PoE Desk; the log above says why.`);
      return;
    }
    console.warn(`engine-process: the engine stopped (exit code ${code}); starting it again`);
    this.spawn().then(
      // Whatever the page shows may be older than the engine's store now.
      () => this.config.onEvent('claims.changed', { ids: [], all: true }),
      (error: unknown) => console.error('engine-process: the engine could not be started again', error),
    );
  }
}
