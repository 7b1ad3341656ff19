// Run as a child process by bench/figures/engine-open.ts: opens the engine over a data directory
// (or, with --parse-only, only reads and JSON.parses its snapshot.json, the floor of a whole-JSON
// snapshot) and prints one JSON line: how long it took and the process's RSS afterwards. A fresh
// process per measurement, so the RSS is what opening that store costs and nothing else.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../../electron/engine/engine.js';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: open-engine.ts <dataDir> [--parse-only]');
const start = performance.now();
let held: number;
if (mode === '--parse-only') {
  const text = await readFile(path.join(dataDir, 'snapshot.json'), 'utf8');
  held = (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { claims: unknown[] }).claims.length;
} else {
  const engine = await Engine.open({ dataDir, autoSync: false });
  held = (await engine['queue.query']({ limit: 1 })).total;
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 2 ** 20, held }));
  await engine.close();
  process.exit(0);
}
console.log(JSON.stringify({ ms: performance.now() - start, rssMb: process.memoryUsage().rss / 2 ** 20, held }));
