// Opening an engine's data directory in a fresh process (bench/support/open-engine.ts), so that the
// time and the RSS are what opening that store costs and nothing else of the bench's own process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'open-engine.ts');
const run = promisify(execFile);

/** Engine.open to a queryable queue (or, `parseOnly`, reading and JSON.parsing snapshot.json): ms, RSS in MB, claims held. */
export async function measureOpen(dir: string, parseOnly = false): Promise<{ ms: number; rssMb: number; held: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, dir, ...(parseOnly ? ['--parse-only'] : [])], { maxBuffer: 1 << 20, timeout: 600_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; rssMb: number; held: number };
}
