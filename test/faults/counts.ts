// What a fault scenario did, printed as one line and appended to the run's counts file, which
// `npm run test:faults` (test/faults/run.ts) sums up at the end.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface FaultCounts {
  killPoints?: number;
  faultsInjected?: number;
  requestsFuzzed?: number;
  /** Acknowledged decisions (or refused requests) whose outcome on the server was checked. */
  decisionsChecked?: number;
  lost: number;
  duplicated: number;
}

export const COUNTS_FILE = process.env.FAULT_COUNTS_FILE ?? path.resolve('test-results', 'fault-counts.jsonl');

/** Whether this run is the full set (FAULTS=full) rather than the fast subset `npm test` runs. */
export const FULL = process.env.FAULTS === 'full';

export function reportCounts(scenario: string, counts: FaultCounts): void {
  const c = { killPoints: 0, faultsInjected: 0, requestsFuzzed: 0, decisionsChecked: 0, ...counts };
  console.log(
    `FAULTS ${scenario}: kill points ${c.killPoints}, faults injected ${c.faultsInjected}, requests fuzzed ${c.requestsFuzzed}, decisions checked ${c.decisionsChecked}, lost ${c.lost}, duplicated ${c.duplicated}`,
  );
  mkdirSync(path.dirname(COUNTS_FILE), { recursive: true });
  appendFileSync(COUNTS_FILE, `${JSON.stringify({ scenario, ...c })}\n`);
}
