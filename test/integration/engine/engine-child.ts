// The engine as a child process (electron/engine/process.ts), driven as the Electron shell drives
// it: open, then channel calls by id. Every message back is parsed with the protocol's schema.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelArgs, ChannelName, ChannelResult } from '../../../shared/contract/desktop.js';
import { type EngineProcessOptions, FromEngine } from '../../../electron/engine/process-protocol.js';

const ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../electron/engine/process.ts');

export class EngineCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class EngineChild {
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly events: { event: string; payload: unknown }[] = [];
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const call of this.calls.values()) call.reject(new EngineCallError('exited', 'the engine process exited'));
      this.calls.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Forks an engine and opens it; rejects with the engine's own error when it cannot open. */
  static async start(
    options: EngineProcessOptions,
    /** Run as this user (a test run as root that needs permissions to apply, e.g. a read-only folder). */
    as?: { uid: number; gid: number },
  ): Promise<{ engine: EngineChild; report: Extract<FromEngine, { type: 'ready' }>['report'] }> {
    const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...as });
    const engine = new EngineChild(child);
    const opened = new Promise<Extract<FromEngine, { type: 'ready' }>['report']>((resolve, reject) => {
      child.on('message', (raw) => {
        const message = FromEngine.parse(raw);
        switch (message.type) {
          case 'ready':
            resolve(message.report);
            break;
          case 'fatal':
            reject(new EngineCallError(message.error.code, message.error.message));
            break;
          case 'result': {
            const call = engine.calls.get(message.id);
            engine.calls.delete(message.id);
            if (message.ok) call?.resolve(message.result);
            else call?.reject(new EngineCallError(message.error.code, message.error.message));
            break;
          }
          case 'event':
            engine.events.push({ event: message.event, payload: message.payload });
            break;
          default:
            break;
        }
      });
      void engine.exited.then((code) => reject(new EngineCallError('exited', `the engine process exited (${code}) before it opened`)));
    });
    child.send({ type: 'open', options });
    return { engine, report: await opened };
  }

  call<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.child.send({ type: 'call', id, channel, args });
      } catch (error) {
        this.calls.delete(id);
        reject(error as Error);
      }
    });
  }

  /** A crash: no chance to finish anything. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.send({ type: 'close' });
    await this.exited;
  }
}
