// The bench's output: the printed line and bench/results/latest.json, merged by figure name.
import { cpus, totalmem, platform, release } from 'node:os';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Baseline } from './figure.js';

export interface FigureRecord {
  value: number;
  unit: string;
  baseline: Baseline;
  ratio: number;
  extra?: Record<string, string | number>;
  measuredAt: string;
  /** The figure's wall time in its run, seconds (a measurement shared by several figures counts for the first that asked). */
  wallSeconds?: number;
}

interface ResultsFile {
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  figures: Record<string, FigureRecord>;
}

export const resultsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

export function benchLine(name: string, r: FigureRecord): string {
  const extra = Object.entries(r.extra ?? {}).map(([k, v]) => ` ${k}=${typeof v === 'number' ? round(v) : v}`);
  return `BENCH ${name} ${round(r.value)} ${r.unit} baseline=${r.baseline.name}:${round(r.baseline.value)} ratio=${round(r.ratio)}${extra.join('')}`;
}

export async function mergeResults(records: Record<string, FigureRecord>): Promise<void> {
  let figures: Record<string, FigureRecord> = {};
  try {
    figures = (JSON.parse(await readFile(resultsPath, 'utf8')) as ResultsFile).figures;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const merged = { ...figures, ...records };
  const file: ResultsFile = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
    },
    figures: Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]!])),
  };
  await mkdir(path.dirname(resultsPath), { recursive: true });
  await writeFile(resultsPath, JSON.stringify(file, null, 2) + '\n');
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);
