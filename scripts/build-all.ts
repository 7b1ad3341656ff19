// Builds what is stale, for `npm start` and `npm run dist`: the renderer (vite, into dist/renderer)
// when a renderer or shared source is newer than its index.html, and the Electron bundles
// (scripts/build-electron.ts) when one of the files they were built from changed.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildElectron, electronStaleReason, ROOT } from './build-electron.js';

const RENDERER_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
const RENDERER_SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestMtime(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

export async function rendererStaleReason(): Promise<string | null> {
  const built = await stat(RENDERER_INDEX).then((s) => s.mtimeMs, () => null);
  if (built === null) return 'not built yet';
  for (const source of RENDERER_SOURCES) if ((await newestMtime(path.join(ROOT, source))) > built) return `${source} changed`;
  return null;
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.map((arg) => path.basename(arg)).join(' ')} failed (exit ${code}):\n${tail}`))));
  });
}

/** Rebuilds what is stale; `log` receives progress lines (and the tools' output). */
export async function ensureBuilt(log: (line: string) => void): Promise<void> {
  const renderer = await rendererStaleReason();
  if (renderer) {
    log(`building the renderer (${renderer})`);
    await run(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], log);
  }
  const electron = await electronStaleReason();
  if (electron) {
    log(`building the Electron bundles (${electron})`);
    await buildElectron();
  }
}
