// Child processes for the end-to-end tests: started in their own process group (so npm, tsx and
// node stop together), their output kept for failure messages, a line awaited with a timeout.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface Started {
  child: ChildProcess;
  output: string[];
  /** Resolves with the first match of `pattern` in a line of output (past lines included). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export function start(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): Started {
  const child = spawn(command, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const waiters = new Set<(line: string) => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      for (const w of waiters) w(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const past = output.map((l) => pattern.exec(l)).find(Boolean);
        if (past) return resolve(past);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms. Its output:\n${output.slice(-40).join('\n')}`));
        }, timeoutMs);
        const check = (line: string) => {
          const m = pattern.exec(line);
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        waiters.add(check);
        child.once('exit', (code) => {
          if (!waiters.has(check)) return;
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`${name} exited (code ${code}) before printing ${pattern}. Its output:\n${output.slice(-40).join('\n')}`));
        });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
