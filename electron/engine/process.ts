// The engine as a child process: the Electron shell runs it in a utilityProcess (messages through
// process.parentPort), tests fork it with Node (process.send / process.on('message')). The first
// message opens the engine; then every channel call is answered by id, and engine events are
// forwarded as they happen. Closing, or the parent going away, shuts the engine down cleanly.
import { Engine } from './engine.js';
import { EngineError } from './engine-error.js';
import { type FromEngine, ToEngine } from './process-protocol.js';
import { DataDirLockedError } from './data-dir-lock.js';

interface Port {
  send(message: FromEngine): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** Electron's utilityProcess gives the child process.parentPort; a Node fork gives process.send. */
function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) {
    return { send: (m) => electronPort.postMessage(m), onMessage: (l) => electronPort.on('message', (e) => l(e.data)) };
  }
  if (!process.send) {
    console.error('electron/engine/process.ts runs as a child process (a utilityProcess or child_process.fork), not directly.');
    process.exit(2);
  }
  return { send: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
}

function failure(error: unknown): { code: string; message: string } {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  if (error instanceof DataDirLockedError) return { code: 'locked', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

const port = parentPort();
let engine: Engine | null = null;
let opening = false;

async function shutdown(code: number): Promise<void> {
  const running = engine;
  engine = null;
  await running?.close().catch((error: unknown) => console.error('engine: closing failed', error));
  port.send({ type: 'closed' });
  process.exit(code);
}

port.onMessage((raw) => {
  const parsed = ToEngine.safeParse(raw);
  if (!parsed.success) {
    console.error('engine: ignored a message that is not part of the protocol', parsed.error.issues[0]?.message);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'open': {
      if (engine || opening) return;
      opening = true;
      const { documentUrlPrefix, ...options } = message.options;
      // A parent that sends the token keeps it (Electron: encrypted by the OS); the engine hands every change back.
      let token = message.token;
      const credentials =
        token === undefined
          ? {}
          : {
              credentials: {
                load: async () => token ?? null,
                save: async (next: string | null) => {
                  token = next;
                  port.send({ type: 'token', token: next });
                },
              },
            };
      Engine.open({ ...options, ...credentials, ...(documentUrlPrefix !== undefined ? { documentUrl: (sha) => `${documentUrlPrefix}${sha}` } : {}) }).then(
        (opened) => {
          engine = opened;
          opened.on((event, payload) => port.send({ type: 'event', event, payload }));
          port.send({ type: 'ready', pid: process.pid, report: opened.openReport });
        },
        (error: unknown) => {
          port.send({ type: 'fatal', error: failure(error) });
          process.exitCode = 1;
          setTimeout(() => process.exit(1), 50);
        },
      );
      return;
    }
    case 'call': {
      const { id, channel, args } = message;
      if (!engine) {
        port.send({ type: 'result', id, ok: false, error: { code: 'closed', message: 'The engine is not open yet.' } });
        return;
      }
      engine.invoke(channel, args).then(
        (result) => port.send({ type: 'result', id, ok: true, result }),
        (error: unknown) => port.send({ type: 'result', id, ok: false, error: failure(error) }),
      );
      return;
    }
    case 'close':
      void shutdown(0);
      return;
  }
});

process.on('disconnect', () => void shutdown(0));
