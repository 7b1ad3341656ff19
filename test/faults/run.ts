// `npm run test:faults [-- --full]`: the fault suite (test/faults/) and its totals. `npm test`
// runs the same files as a fast subset; `--full` (or FAULTS=full) runs every scenario at size.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { COUNTS_FILE, type FaultCounts } from './counts.js';

const args = process.argv.slice(2);
const full = args.includes('--full') || process.env.FAULTS === 'full';
rmSync(COUNTS_FILE, { force: true });
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/faults', ...args.filter((a) => a !== '--full')], {
  stdio: 'inherit',
  env: { ...process.env, FAULTS: full ? 'full' : 'fast', FAULT_COUNTS_FILE: COUNTS_FILE },
});
let lines: (FaultCounts & { scenario: string })[] = [];
try {
  lines = readFileSync(COUNTS_FILE, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as FaultCounts & { scenario: string });
} catch {
  // no scenario reported (all failed before their end): the totals below are zero
}
const sum = (key: keyof FaultCounts) => lines.reduce((n, l) => n + (l[key] ?? 0), 0);
console.log(
  `fault suite (${full ? 'full' : 'fast'}): ${lines.length} scenarios, kill points ${sum('killPoints')}, faults injected ${sum('faultsInjected')}, ` +
    `requests fuzzed ${sum('requestsFuzzed')}, decisions checked ${sum('decisionsChecked')}, lost ${sum('lost')}, duplicated ${sum('duplicated')}`,
);
process.exit(run.status ?? 1);
