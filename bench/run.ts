// `npm run bench [-- <name or prefix>...]`: runs every figure in bench/figures/ (or those whose
// name starts with one of the arguments), one at a time, prints one line each
//   BENCH <name> <value> <unit> baseline=<name>:<value> ratio=<ours/baseline> [key=value...]
// and merges the results by name into bench/results/latest.json, so running one figure updates
// only its entry. `--list` prints the names and runs nothing. Each figure's wall time is printed
// and kept with it (`wallSeconds`; a measurement shared by several figures counts for the first
// that asked), and the whole run's at the end: the full run has a budget of 15 minutes (issue 19).
// Databases seeded once for the run (bench/support/million.ts) are dropped when it ends.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Figure } from './figure.js';
import { benchLine, mergeResults, type FigureRecord } from './results.js';
import { releaseMillion } from './support/million.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function allFigures(): Promise<Figure[]> {
  const dir = path.join(here, 'figures');
  const files = (await readdir(dir)).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort();
  const figures: Figure[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { figures?: Figure[] };
    if (!Array.isArray(mod.figures)) throw new Error(`bench/figures/${file} does not export figures: Figure[]`);
    figures.push(...mod.figures);
  }
  const seen = new Set<string>();
  for (const f of figures) {
    if (seen.has(f.name)) throw new Error(`two figures are named ${f.name}`);
    seen.add(f.name);
  }
  return figures;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const prefixes = args.filter((a) => a !== '--list');
  const figures = (await allFigures()).filter((f) => prefixes.length === 0 || prefixes.some((p) => f.name.startsWith(p)));
  if (figures.length === 0) {
    console.error(`No figure matches ${prefixes.join(', ')}; \`npm run bench -- --list\` shows them all.`);
    process.exit(2);
  }
  if (list) {
    for (const f of figures) console.log(f.name);
    return;
  }
  let failed = 0;
  const runStarted = performance.now();
  for (const figure of figures) {
    const started = performance.now();
    try {
      const result = await figure.run();
      const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
      const record: FigureRecord = {
        value: result.value,
        unit: figure.unit,
        baseline: result.baseline,
        ratio: result.ratio ?? result.value / result.baseline.value,
        ...(result.extra ? { extra: result.extra } : {}),
        measuredAt: new Date().toISOString(),
        wallSeconds,
      };
      console.log(benchLine(figure.name, record));
      console.error(`bench: ${figure.name} took ${wallSeconds} s`);
      // Written figure by figure: a run stopped half-way keeps what it measured.
      await mergeResults({ [figure.name]: record });
    } catch (err) {
      failed++;
      console.error(`BENCH ${figure.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  await releaseMillion();
  console.error(`bench: ${figures.length} figures in ${Math.round((performance.now() - runStarted) / 1000)} s`);
  if (failed > 0) process.exitCode = 1;
}

await main();
