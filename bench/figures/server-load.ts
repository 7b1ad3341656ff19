// server_50_reviewers: 50 simulated reviewers against the claims service on the local PostgreSQL
// holding 10,000 claims, 200 on each reviewer's desk. Each reviewer decides (a comment on a random
// claim of its own desk, at the version its last pull brought) once a second and pulls right after,
// for 60 s: 100 requests a second in all. A desk pulls every 30 s and pushes soon after a decision,
// and a reviewer who reads a claim's PoE decides in minutes, so this is more than 30 times the pace
// of 50 real reviewers, all of them at once. Before the 60 s, 10 s at the same pace are not counted
// (warmup_p99 shows them): a freshly started service opens its database connections and compiles its
// code in its first second, which a reviewer meets once after a restart, not at every decision. The load is open: a reviewer's next decision is due a
// second after the last was due, whether or not the service has answered, and a push's latency counts
// from when it was due, so a slow answer is not hidden by the next request waiting for it (no
// coordinated omission). Every comment is applied (the pulls' mutation results are counted: refused
// is reported and should stay 0), so each push writes the claim, its audit event and its scope.
// After the 60 s, 15 s of saturation: the same reviewers with no pause at all, each sending its next
// request when the last is answered; its requests/s is the most this machine serves (max_req_s), and
// its p99 (saturated_p99) is by Little's law about 50 / max_req_s, the queue's length, not a reviewer's wait.
// Load only on 127.0.0.1 and bounded: 85 s and at most 30,000 requests. Also reported: the CPU a request
// costs the service and the database (read from /proc), which moves far less with the machine's load than latency does.
// The service runs in its own process, as `npm run server` runs it (bench/support/service-process.ts);
// the reviewers run here, as the other machines they would be, so their own CPU (building requests,
// parsing answers) does not queue on the service's event loop. Both still share this machine's cores.
// Reported: p99 latency (goal <= 100 ms), with requests/s and errors (goal 0) as extras, beside
// the p99 of a raw `pg` round-trip (SELECT 1) to the same database.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
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
/** The same pace before the 60 s, not counted: the service's first second (its connections opened, its code compiled) is not a reviewer's steady wait. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 15);
/** Milliseconds between one reviewer's decisions. */
const DECISION_EVERY_MS = 1_000;
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

/** CPU time a process has used (user + system), in ms, from /proc (Linux; clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU used by the service and by the database's backends serving it: what a request costs,
 * whatever else the machine runs (latency on 2 shared cores moves with it, this much less).
 */
async function cpuOf(db: Db, servicePid: number): Promise<{ service: number; backends: Map<number, number> }> {
  const pids = ((await db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)) as unknown as { rows: { pid: number }[] }).rows;
  const backends = new Map<number, number>();
  for (const { pid } of pids) backends.set(pid, await cpuMs(pid));
  return { service: await cpuMs(servicePid), backends };
}

/** CPU ms used between two readings; a backend started between them counts from 0. */
function cpuBetween(before: Awaited<ReturnType<typeof cpuOf>>, after: Awaited<ReturnType<typeof cpuOf>>): { service: number; database: number } {
  let database = 0;
  for (const [pid, ms] of after.backends) database += ms - (before.backends.get(pid) ?? 0);
  return { service: after.service - before.service, database };
}

/** Latencies, errors and the pulls' mutation results of one phase. */
class Tally {
  readonly latencies: number[] = [];
  /** The same latencies by request kind: where the tail comes from. */
  readonly byKind = { push: [] as number[], pull: [] as number[] };
  errors = 0;
  applied = 0;
  refused = 0;
  firstError = '';
  firstRefusal = '';

  get count(): number {
    return this.latencies.length + this.errors;
  }

  /** Runs one request; its latency counts from `since` (when it was due), not from when it was sent. */
  async time(kind: keyof Tally['byKind'], since: number, request: () => Promise<void>): Promise<void> {
    try {
      await request();
      const latency = performance.now() - since;
      this.latencies.push(latency);
      this.byKind[kind].push(latency);
    } catch (error) {
      this.errors++;
      this.firstError ||= (error as Error).message;
    }
  }
}

/** One reviewer's desk as the service sees it: a client id, its cookie, its mutation ids and the versions of its claims. */
class Desk {
  private readonly ids: string[];
  private readonly clientId = randomUUID();
  private mutationId = 0;

  constructor(
    private readonly service: ServiceProcess,
    private readonly token: string,
    private readonly mine: Map<string, number>,
    private cookie: number,
  ) {
    this.ids = [...mine.keys()];
  }

  /** A comment on a random claim of this desk, at the version its last pull brought. */
  async push(): Promise<void> {
    const claimId = this.ids[Math.floor(Math.random() * this.ids.length)]!;
    const mutation = { id: ++this.mutationId, claimId, name: 'comment', args: { commentId: randomUUID(), text: 'Load test note.' }, baseVersion: this.mine.get(claimId)!, decidedAt: new Date().toISOString() };
    await post(this.service, '/sync/push', this.token, { clientId: this.clientId, mutations: [mutation] });
  }

  async pull(tally: Tally): Promise<void> {
    const page = await post<PullResponse>(this.service, '/sync/pull', this.token, { clientId: this.clientId, cookie: this.cookie });
    this.cookie = page.cookie;
    for (const claim of page.claims) if (this.mine.has(claim.id)) this.mine.set(claim.id, claim.version);
    for (const result of page.mutationResults) {
      tally[result.status]++;
      if (result.status === 'refused') tally.firstRefusal ||= JSON.stringify(result);
    }
  }
}

/** A decision due every DECISION_EVERY_MS (the first at a random moment of the first second, so the 50 do not move in step), each followed by a pull. */
async function paceDecisions(desk: Desk, tally: Tally, until: number): Promise<void> {
  let due = performance.now() + Math.random() * DECISION_EVERY_MS;
  while (due < until && tally.count < MAX_REQUESTS) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    await tally.time('push', due, () => desk.push());
    await tally.time('pull', performance.now(), () => desk.pull(tally));
    due += DECISION_EVERY_MS;
  }
}

/** Push and pull with no pause, each request sent when the last is answered. */
async function saturate(desk: Desk, tally: Tally, until: number, alreadySent: number): Promise<void> {
  const more = () => performance.now() < until && alreadySent + tally.count < MAX_REQUESTS;
  while (more()) {
    await tally.time('push', performance.now(), () => desk.push());
    if (!more()) break;
    await tally.time('pull', performance.now(), () => desk.pull(tally));
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
        // As after any bulk load: the planner's statistics of the seeded tables, and their pages written
        // back, so that neither autovacuum's first pass nor the seeding's write-back runs in the measured
        // minute (in a full run the figures before it seed 1,000,000 claims each).
        await db.execute(sql`VACUUM ANALYZE`);
        await db.execute(sql`CHECKPOINT`);
        const raw = await rawRoundTrips(database.url);
        // A desk that has synced before: it starts at the head of the change sequence.
        const head = Number(((await db.execute(sql`SELECT change_seq FROM sync_state`)) as unknown as { rows: { change_seq: string | number }[] }).rows[0]!.change_seq);
        const running = await startServiceProcess(database.url);
        service = running;
        const tokens = await signIn(running, reviewers.map((r) => r.username));
        const desks = tokens.map((token, i) => new Desk(running, token, reviewers[i]!.claims, head));
        const warmup = new Tally();
        const warmupStarted = performance.now();
        await Promise.all(desks.map((desk) => paceDecisions(desk, warmup, warmupStarted + WARMUP_SECONDS * 1000)));
        const paced = new Tally();
        const cpuBefore = await cpuOf(db, running.pid);
        const started = performance.now();
        await Promise.all(desks.map((desk) => paceDecisions(desk, paced, started + SECONDS * 1000)));
        const seconds = (performance.now() - started) / 1000;
        const cpu = cpuBetween(cpuBefore, await cpuOf(db, running.pid));
        const saturated = new Tally();
        const saturationStarted = performance.now();
        await Promise.all(desks.map((desk) => saturate(desk, saturated, saturationStarted + SATURATION_SECONDS * 1000, warmup.count + paced.count)));
        const saturationSeconds = (performance.now() - saturationStarted) / 1000;
        const latencies = paced.latencies;
        if (latencies.length === 0) throw new Error(`no request succeeded: ${paced.firstError}`);
        const outcomes = { applied: warmup.applied + paced.applied + saturated.applied, refused: warmup.refused + paced.refused + saturated.refused };
        const firstError = warmup.firstError || paced.firstError || saturated.firstError;
        const firstRefusal = warmup.firstRefusal || paced.firstRefusal || saturated.firstRefusal;
        return {
          value: percentile(latencies, 99),
          baseline: { name: 'raw pg SELECT 1 p99', value: percentile(raw, 99) },
          extra: {
            req_s: paced.count / seconds,
            p50: percentile(latencies, 50),
            push_p99: percentile(paced.byKind.push, 99),
            pull_p99: percentile(paced.byKind.pull, 99),
            service_cpu_ms_per_req: cpu.service / paced.count,
            db_cpu_ms_per_req: cpu.database / paced.count,
            errors: warmup.errors + paced.errors + saturated.errors,
            requests: paced.count,
            ...(warmup.latencies.length > 0 ? { warmup_p99: percentile(warmup.latencies, 99) } : {}),
            seconds,
            comments_applied: outcomes.applied,
            comments_refused: outcomes.refused,
            max_req_s: saturated.count / saturationSeconds,
            ...(saturated.latencies.length > 0 ? { saturated_p99: percentile(saturated.latencies, 99) } : {}),
            ...(firstError ? { first_error: JSON.stringify(firstError.slice(0, 120)) } : {}),
            ...(firstRefusal ? { first_refusal: JSON.stringify(firstRefusal.slice(0, 120)) } : {}),
          },
        };
      } finally {
        await service?.stop();
        await database.drop();
      }
    },
  },
];
