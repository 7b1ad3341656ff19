// `npm start`: one command to a working PoE Desk. Builds what is stale (renderer, Electron
// bundles), starts the claims service (demo data on the first run), and opens the desktop app.
// Where Electron cannot start (its binary is not installed and cannot be downloaded, or it exits
// at once: no display, missing system libraries), it says so in one line and serves the very same
// app in the browser (`npm run web`), printing the address. All output goes to a log file whose
// path is printed first; the terminal shows only what a user needs (that path, the demo accounts,
// the address or why Electron did not start).
//
// Environment: DATA_DIR (the claims service's data, default .data/server), POE_DESK_USER_DATA
// (the desktop app's data, default .data/electron), POE_DESK_DATA_DIR (the browser build's engine
// data, default .data/desktop), POE_DESK_LOG_DIR (default .data/logs).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build-all.js';
import { startClaimsService } from './claims-service.js';
import { findElectronBinary } from './electron-binary.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** An Electron that is still running after this long has started; one that exits sooner has not. */
const STARTUP_GRACE_MS = 8_000;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data', 'server')),
  // Whatever happens, never a long binary download from here.
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
};

const logDir = path.resolve(process.env.POE_DESK_LOG_DIR ?? path.join(ROOT, '.data', 'logs'));
mkdirSync(logDir, { recursive: true });
const logFile = path.join(logDir, `start-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
const logStream = createWriteStream(logFile, { flags: 'a' });
const log = (line: string) => logStream.write(`${new Date().toISOString()} ${line}\n`);
const say = (line: string) => {
  console.log(line);
  log(line);
};

/** The claims service's lines that name the demo accounts: the terminal shows them, a new user signs in with them. */
const DEMO_ACCOUNTS = /\[claims service\] (Demo accounts|\s+\S+\s+\S+\s+(partner_admin|reviewer|team_lead)\b)/;

/** Logs a child's line; shows it on the terminal too when it names the demo accounts. */
function relay(line: string): void {
  if (DEMO_ACCOUNTS.test(line)) say(line.replace(/^(\[[^\]]+\] )+/, ''));
  else log(line);
}

const children = new Set<ChildProcess>();
let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give them a moment to close their stores, then go.
  setTimeout(() => logStream.end(() => process.exit(code)), children.size ? 3_000 : 0).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function track(child: ChildProcess, name: string): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', (line) => relay(`[${name}] ${line}`));
  return child;
}

/** Runs the desktop app; resolves with its exit code, or with a reason when it did not start. */
function runElectron(executable: string, serverUrl: string): Promise<{ started: true; code: number } | { started: false; reason: string }> {
  const child = track(
    spawn(executable, [ROOT], {
      cwd: ROOT,
      env: { ...env, POE_DESK_SERVER_URL: serverUrl, POE_DESK_USER_DATA: path.resolve(process.env.POE_DESK_USER_DATA ?? path.join(ROOT, '.data', 'electron')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'electron',
  );
  return new Promise((resolve) => {
    const startedAt = Date.now();
    child.once('error', (error) => resolve({ started: false, reason: `it could not be run (${error.message})` }));
    child.once('exit', (code, signal) => {
      if (Date.now() - startedAt < STARTUP_GRACE_MS && !stopping) {
        resolve({ started: false, reason: `it exited at once (${signal ?? `exit code ${code}`}; its output is in ${logFile})` });
      } else {
        resolve({ started: true, code: code ?? 0 });
      }
    });
  });
}

/** `npm run web`'s code, as it is: the same app in the browser. Resolves once it prints its address. */
function runWeb(): Promise<string> {
  const child = track(spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'web.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }), 'web');
  return new Promise((resolve, reject) => {
    let url: string | null = null;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const open = /open (https?:\/\/\S+)/.exec(line);
      if (open && !url) resolve((url = open[1]!));
    });
    child.once('exit', (code) => {
      if (stopping) return;
      if (!url) return reject(new Error(`the browser build stopped (exit code ${code}) before it served the app`));
      console.error(`PoE Desk stopped: the browser build exited (exit code ${code}). The log (${logFile}) says why.`);
      stopAll(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const shownLog = path.relative(process.cwd(), logFile);
  say(`PoE Desk: log in ${shownLog.startsWith('..') ? logFile : shownLog}`);
  await ensureBuilt((line) => (line.startsWith('building') ? say(`PoE Desk: ${line}...`) : log(line)));

  const binary = findElectronBinary(ROOT, env);
  let reason: string;
  if (binary.ok) {
    const service = await startClaimsService(ROOT, env, relay);
    children.add(service.child);
    say(`PoE Desk: claims service at ${service.url}; opening the desktop app`);
    const electron = await runElectron(binary.executable, service.url);
    if (electron.started) {
      stopAll(electron.code);
      return;
    }
    reason = electron.reason;
    // The browser build starts its own service on the same data: this one must let go of it first.
    service.child.kill('SIGTERM');
    await new Promise((resolve) => (service.child.exitCode === null ? service.child.once('exit', resolve) : resolve(null)));
  } else {
    reason = binary.reason;
  }
  say(`Electron could not start: ${reason}; serving the same app in your browser instead.`);
  const url = await runWeb();
  say(`PoE Desk is running in your browser: open ${url}`);
  say('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`PoE Desk could not start: ${message}. The log (${logFile}) has the details.`);
  log(error instanceof Error && error.stack ? error.stack : message);
  stopAll(1);
});
