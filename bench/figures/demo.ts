// demo_dataset_build: CPU time to build the demo dataset (people, claims through the lifecycle,
// their PoE PDFs), beside CPU time to make the same number of claims with the domain alone
// (create, upload, submit, assign: test/unit/engine/fixtures.ts). CPU time, not wall time: it
// holds on a machine shared with other work.
import { calendarOf } from '../../shared/domain/public-holidays.js';
import { buildDemoDataset } from '../../server/demo/dataset.js';
import { makeClaim } from '../../test/unit/engine/fixtures.js';
import type { Figure } from '../figure.js';

async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export const figures: Figure[] = [
  {
    name: 'demo_dataset_build',
    unit: 'ms_cpu',
    async run() {
      let claims = 0;
      const ours = await cpuMs(async () => {
        claims = (await buildDemoDataset({ now: '2026-11-26T09:30:00.000Z', calendar: calendarOf({ zone: 'Europe/Prague', country: 'CZ' }), seed: 7 })).claims.length;
      });
      const domainOnly = await cpuMs(async () => {
        for (let i = 0; i < claims; i++) makeClaim({ n: i });
      });
      return { value: ours, baseline: { name: `domain-only ${claims} claims`, value: domainOnly }, extra: { claims } };
    },
  },
];
