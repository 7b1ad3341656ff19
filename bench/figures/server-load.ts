// server_50_reviewers: 50 simulated reviewers, each in a loop of pull (from its own cookie) and
// push (a comment on a random claim of its own desk, at the version its last pull brought), for 60 s
// against the claims service on the local PostgreSQL holding 10,000 claims, 200 on each reviewer's
// desk. Every comment is applied (the pulls' mutation results are counted: refused is reported and
// should stay 0), so each push writes the claim, its audit event and its scope, and each pull
// brings the reviewer's own changes back. Load only on 127.0.0.1 and bounded: 60 s and at most 30,000 requests.
// The service runs in its own process, as `npm run server` runs it (bench/support/service-process.ts);
// the reviewers run here, as the other machines they would be, so their own CPU (building requests,
// parsing answers) no longer queues on the service's event loop. Both still share this machine's cores.
// Reported: p99 latency (goal <= 100 ms), with requests/s and errors (goal 0) as extras, beside
// the p99 of a raw `pg` round-trip (SELECT 1) to the same database.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createUser } from '../../server/auth/users.js';
import { systemClock } from '../../server/clock.js';
import type { Db } from '../../server/db/connect.js';
import { PASSWORD } from '../../test/integration/server/harness.js';
import type { PullResponse } from '../../shared/contract/sync.js';
import type { Figure } from '../figure.js';
import { elapsed, percentile } from '../measure.js';
import { post, seedClaims } from '../support/claims-server.js';
import { serviceDatabase, startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const REVIEWERS = 50;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const MAX_REQUESTS = 30_000;
const CLAIMS = 10_000;

interface Reviewer {
  username: string;
  /** The claims on their desk and the version each was last seen at. */
  claims: Map<string, number>;
}

/** The reviewers' accounts and the claims on their desks, made in the store before the service starts. */
async function createReviewers(db: Db): Promise<Reviewer[]> {
  const reviewers: Reviewer[] = [];
  for (let i = 0; i < REVIEWERS; i++) {
    const username = `load${i}`;
    const name = `Load Reviewer ${i}`;
    const id = await createUser(db, systemClock, { username, password: PASSWORD, name, role: 'reviewer' });
    await seedClaims(db, CLAIMS / REVIEWERS, { id, name });
    const rows = ((await db.execute(sql`SELECT id, version FROM claims WHERE assignee_id = ${id}`)) as unknown as { rows: { id: string; version: number }[] }).rows;
    reviewers.push({ username, claims: new Map(rows.map((r) => [r.id, r.version])) });
  }
  return reviewers;
}

/** Each reviewer signs in over HTTP, as a desktop does (only failed sign-ins are throttled). */
async function signIn(service: ServiceProcess, usernames: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const username of usernames) {
    const res = await fetch(`${service.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

async function rawRoundTrips(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < 500; i++) times.push(await elapsed(() => client.query('SELECT 1')));
    return times;
  } finally {
    await client.end();
  }
}

export const figures: Figure[] = [
  {
    name: 'server_50_reviewers',
    unit: 'ms',
    async run() {
      const database = await serviceDatabase();
      let service: ServiceProcess | null = null;
      try {
        const db = database.store.db;
        // A team lead, as in a team: each change works out who holds the claim, leads included (these are not overdue, so the reviewer only).
        await createUser(db, systemClock, { username: 'lead', password: PASSWORD, name: 'Load Lead', role: 'team_lead' });
        const reviewers = await createReviewers(db);
        const raw = await rawRoundTrips(database.url);
        // A desk that has synced before: it starts at the head of the change sequence.
        const head = Number(((await db.execute(sql`SELECT change_seq FROM sync_state`)) as unknown as { rows: { change_seq: string | number }[] }).rows[0]!.change_seq);
        const running = await startServiceProcess(database.url);
        service = running;
        const tokens = await signIn(running, reviewers.map((r) => r.username));
        const latencies: number[] = [];
        let errors = 0;
        const outcomes = { applied: 0, refused: 0 };
        let firstRefusal = '';
        let firstError = '';
        const until = performance.now() + SECONDS * 1000;
        const started = performance.now();
        const keepGoing = () => performance.now() < until && latencies.length + errors < MAX_REQUESTS;
        const timed = async (fn: () => Promise<unknown>) => {
          const t = performance.now();
          try {
            await fn();
            latencies.push(performance.now() - t);
          } catch (error) {
            errors++;
            firstError ||= (error as Error).message;
          }
        };
        await Promise.all(
          tokens.map(async (token, i) => {
            const mine = reviewers[i]!.claims;
            const ids = [...mine.keys()];
            const clientId = randomUUID();
            let cookie = head;
            let mutationId = 0;
            while (keepGoing()) {
              await timed(async () => {
                const page = await post<PullResponse>(running, '/sync/pull', token, { clientId, cookie });
                cookie = page.cookie;
                for (const claim of page.claims) if (mine.has(claim.id)) mine.set(claim.id, claim.version);
                for (const result of page.mutationResults) {
                  outcomes[result.status]++;
                  if (result.status === 'refused') firstRefusal ||= JSON.stringify(result).slice(0, 120);
                }
              });
              if (!keepGoing()) break;
              const claimId = ids[Math.floor(Math.random() * ids.length)]!;
              const mutation = { id: ++mutationId, claimId, name: 'comment', args: { commentId: randomUUID(), text: 'Load test note.' }, baseVersion: mine.get(claimId)!, decidedAt: new Date().toISOString() };
              await timed(() => post(running, '/sync/push', token, { clientId, mutations: [mutation] }));
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        if (latencies.length === 0) throw new Error(`no request succeeded: ${firstError}`);
        return {
          value: percentile(latencies, 99),
          baseline: { name: 'raw pg SELECT 1 p99', value: percentile(raw, 99) },
          extra: {
            req_s: (latencies.length + errors) / seconds,
            p50: percentile(latencies, 50),
            errors,
            requests: latencies.length + errors,
            seconds,
            comments_applied: outcomes.applied,
            comments_refused: outcomes.refused,
            ...(firstError ? { first_error: JSON.stringify(firstError.slice(0, 120)) } : {}),
            ...(firstRefusal ? { first_refusal: JSON.stringify(firstRefusal) } : {}),
          },
        };
      } finally {
        await service?.stop();
        await database.drop();
      }
    },
  },
];
