// Starts the claims service with demo data (`server/demo/main.ts`: seeds a new embedded store) as a
// child process for `npm start`, and resolves with its address once it listens. Its output goes
// to the log, not the terminal.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export function startClaimsService(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'demo', 'main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('the claims service did not start within 3 minutes')), 180_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        log(`[claims service] ${line}`);
        const listening = /listening on (http:\/\/\S+)/.exec(line);
        if (listening) {
          clearTimeout(timeout);
          resolve({ child, url: listening[1]! });
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`the claims service stopped (exit code ${code}) before it listened`));
    });
  });
}
