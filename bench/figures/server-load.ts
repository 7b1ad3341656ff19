// server_50_reviewers: 50 simulated reviewers, each in a loop of pull (from its own cookie) and
// push (a comment on a random claim), for 60 s against the claims service on the local PostgreSQL
// holding 10,000 claims. Load only on 127.0.0.1 and bounded: 60 s and at most 30,000 requests.
// Reported: p99 latency (goal <= 100 ms), with requests/s and errors (goal 0) as extras, beside
// the p99 of a raw `pg` round-trip (SELECT 1) to the same database.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createUser } from '../../server/auth/users.js';
import { PASSWORD } from '../../test/integration/server/harness.js';
import type { PullResponse } from '../../shared/contract/sync.js';
import type { Figure } from '../figure.js';
import { elapsed, percentile } from '../measure.js';
import { benchServer, claimIds, headCookie, post, seedClaims, type BenchServer } from '../support/claims-server.js';

const REVIEWERS = 50;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const MAX_REQUESTS = 30_000;
const CLAIMS = 10_000;

async function reviewerTokens(server: BenchServer): Promise<string[]> {
  const { service } = server;
  const tokens: string[] = [];
  for (let i = 0; i < REVIEWERS; i++) {
    const username = `load${i}`;
    await createUser(service.deps.db, service.clock, { username, password: PASSWORD, name: `Load Reviewer ${i}`, role: 'reviewer' });
    // Each from its own loopback address, as 50 machines would sign in (a login throttle counts per address).
    const res = await service.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: PASSWORD }, remoteAddress: `127.0.1.${i + 1}` });
    if (res.statusCode !== 200) throw new Error(`login of ${username}: ${res.statusCode} ${res.body}`);
    tokens.push((res.json() as { token: string }).token);
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
      const server = await benchServer({ poolSize: 10 });
      try {
        await seedClaims(server.service.deps.db, CLAIMS, null);
        const claims = await claimIds(server, CLAIMS);
        const tokens = await reviewerTokens(server);
        const raw = await rawRoundTrips(server.databaseUrl);
        const head = await headCookie(server);
        const latencies: number[] = [];
        let errors = 0;
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
          tokens.map(async (token) => {
            const clientId = randomUUID();
            // A desk that has synced before: it starts at the head of the change sequence.
            let cookie = head;
            let mutationId = 0;
            while (keepGoing()) {
              await timed(async () => {
                const page = await post<PullResponse>(server, '/sync/pull', token, { clientId, cookie });
                cookie = page.cookie;
              });
              if (!keepGoing()) break;
              const claim = claims[Math.floor(Math.random() * claims.length)]!;
              const mutation = { id: ++mutationId, claimId: claim.id, name: 'comment', args: { commentId: randomUUID(), text: 'Load test note.' }, baseVersion: claim.version, decidedAt: new Date().toISOString() };
              await timed(() => post(server, '/sync/push', token, { clientId, mutations: [mutation] }));
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        if (latencies.length === 0) throw new Error(`no request succeeded: ${firstError}`);
        return {
          value: percentile(latencies, 99),
          baseline: { name: 'raw pg SELECT 1 p99', value: percentile(raw, 99) },
          extra: { req_s: (latencies.length + errors) / seconds, p50: percentile(latencies, 50), errors, requests: latencies.length + errors, seconds, ...(firstError ? { first_error: JSON.stringify(firstError.slice(0, 120)) } : {}) },
        };
      } finally {
        await server.close();
      }
    },
  },
];
