// Engine open at 10,000 and 100,000 claims held (issue 17: "opening cost follows the store"): a
// data directory whose snapshot holds N claims (cloned from one domain-made claim, each with its
// own id, number and tenant) is opened by Engine.open in a fresh process, which then prints the
// time to a queryable queue and its RSS. Goal: <= 1 s at 10k and <= 4 s with RSS <= 600 MB at
// 100k. Baseline: the same process reading and JSON.parsing that snapshot.json, nothing else.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DurableJsonFile } from '../../electron/engine/durable-json-file.js';
import { DEFAULT_SETTINGS, SessionDoc, SnapshotDoc } from '../../electron/engine/store-files.js';
import { CalendarConfig, DEFAULT_CALENDAR } from '../../shared/domain/calendar.js';
import { makeClaim, tempDir } from '../../test/unit/engine/fixtures.js';
import type { Figure } from '../figure.js';
import { measureOpen } from '../support/measure-open.js';

/** A data directory whose snapshot holds `count` claims assigned to one reviewer. */
async function storeOf(count: number): Promise<string> {
  const dir = await tempDir(`bench-open-${count}`);
  const template = makeClaim({ inReview: true, at: new Date(Date.now() - 3_600_000).toISOString() });
  const claims = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: randomUUID(),
    number: `CL-${2000 + Math.floor(i / 100_000)}-${String(i % 100_000).padStart(5, '0')}`,
    customer: { ...template.customer, tenantId: randomUUID(), name: `Customer ${i}` },
  }));
  const clientId = randomUUID();
  // Signed in (offline: no token), so the queue answers.
  const user = { id: template.assignee!.id, username: 'jana', name: template.assignee!.name, role: 'reviewer' as const };
  await new DurableJsonFile(path.join(dir, 'session.json'), SessionDoc).write({
    format: 1,
    clientId,
    serverUrl: null,
    owner: user,
    user,
    token: null,
    expiresAt: null,
    calendar: CalendarConfig.parse(DEFAULT_CALENDAR),
    settings: DEFAULT_SETTINGS,
  });
  await new DurableJsonFile(path.join(dir, 'snapshot.json'), SnapshotDoc).write({
    format: 1,
    clientId,
    cookie: count,
    journalSeq: 0,
    lastMutationId: 0,
    seenResults: [],
    lastSyncAt: new Date().toISOString(),
    claims,
  });
  return dir;
}

const openFigure = (label: string, count: number): Figure => ({
  name: `open_${label}`,
  unit: 'ms',
  async run() {
    const dir = await storeOf(count);
    try {
      const parsed = await measureOpen(dir, true);
      const opened = await measureOpen(dir, false);
      if (opened.held !== count) throw new Error(`the engine opened with ${opened.held} claims in its queue, not ${count}`);
      return {
        value: opened.ms,
        baseline: { name: 'readFile+JSON.parse(snapshot.json)', value: parsed.ms },
        extra: { rss_mb: Math.round(opened.rssMb), baseline_rss_mb: Math.round(parsed.rssMb), claims: count },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export const figures: Figure[] = [openFigure('10k', 10_000), openFigure('100k', 100_000)];
