// The audit hash chain: every change is an event, verification recomputes every hash from the
// stored columns, and a changed, re-hashed or missing row is found (API route and CLI).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../server/audit/canonical-json.js';
import { verifyChain } from '../../../server/audit/verify.js';
import { BACKENDS, call, decide, Desk, PARTNER_A, people, type People, serviceFor, submittedClaim } from './harness.js';

const run = promisify(execFile);

describe('canonical JSON', () => {
  it('does not depend on key order, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined, w: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[1,{"w":null,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe.each(BACKENDS)('audit chain on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let claimId: string;

  const exec = (text: string) => service.deps.db.execute(sql.raw(text));
  const count = async () => Number(((await exec('SELECT count(*) AS n FROM audit_events')) as unknown as { rows: { n: string | number }[] }).rows[0]!.n);

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    const lead = new Desk(service, who.lead);
    const claim = await submittedClaim(service, who.partnerA, PARTNER_A);
    claimId = claim.id;
    await decide(service, lead, claimId, 'assign', { assignee: { id: who.ids.reviewer1, name: '' } });
    await decide(service, new Desk(service, who.reviewer1), claimId, 'startReview', {});
    await submittedClaim(service, who.partnerA, PARTNER_A);
  });
  afterAll(async () => service?.close());

  it('has one event per change, and verifies up to the last', async () => {
    expect(await count()).toBe(5 + 3);
    const res = await call(service.app, 'GET', '/audit/verify', who.lead);
    expect(res.body).toEqual({ ok: true, verifiedUpTo: 8, message: 'verified up to 8' });
  });

  it('shows users the history stored in the events', async () => {
    await exec(`UPDATE audit_events SET details = '{"note":"from the log"}' WHERE claim_id = '${claimId}' AND version = 1`);
    const res = await call(service.app, 'GET', `/partner/claims/${claimId}/history`, who.partnerA);
    expect(res.body.history[0].details).toEqual({ note: 'from the log' });
    expect((await verifyChain(service.deps.db)).ok).toBe(false);
    await exec(`UPDATE audit_events SET details = '{}' WHERE claim_id = '${claimId}' AND version = 1`);
    expect((await verifyChain(service.deps.db)).ok).toBe(true);
  });

  it('finds a changed row, a changed row re-hashed, and a missing tail', async () => {
    const original = ((await exec('SELECT actor::text AS actor FROM audit_events WHERE seq = 4')) as unknown as { rows: { actor: string }[] }).rows[0]!.actor;
    await exec(`UPDATE audit_events SET actor = jsonb_set(actor, '{name}', '"Someone Else"') WHERE seq = 4`);
    expect(await verifyChain(service.deps.db)).toMatchObject({ ok: false, verifiedUpTo: 3, brokenAt: 4, problem: 'hash_mismatch', message: expect.stringMatching(/^broken at event 4/) });
    const api = await call(service.app, 'GET', '/audit/verify', who.lead);
    expect(api.body).toMatchObject({ ok: false, brokenAt: 4 });

    // Re-hashing the changed row does not help: the next event still points at the old hash.
    const { rows } = (await exec('SELECT * FROM audit_events WHERE seq = 4')) as unknown as { rows: Record<string, unknown>[] };
    const { rowEvent, eventHash } = await import('../../../server/audit/chain.js');
    const row = rows[0]!;
    const rehashed = eventHash(
      rowEvent({
        seq: Number(row.seq),
        claimId: row.claim_id as string,
        version: row.version as number,
        at: new Date(row.at as string),
        decidedAt: row.decided_at ? new Date(row.decided_at as string) : null,
        actor: row.actor as never,
        action: row.action as string,
        fromStatus: row.from_status as never,
        toStatus: row.to_status as never,
        details: row.details as Record<string, unknown>,
        prevHash: row.prev_hash as string,
        hash: '',
      }),
    );
    await exec(`UPDATE audit_events SET hash = '${rehashed}' WHERE seq = 4`);
    expect(await verifyChain(service.deps.db)).toMatchObject({ ok: false, verifiedUpTo: 4, brokenAt: 5, problem: 'prev_hash_mismatch' });

    await exec(`UPDATE audit_events SET actor = '${original}'::jsonb, hash = '${row.hash as string}' WHERE seq = 4`);
    expect((await verifyChain(service.deps.db)).ok).toBe(true);

    await exec('DELETE FROM audit_events WHERE seq = 8');
    expect(await verifyChain(service.deps.db)).toMatchObject({ ok: false, verifiedUpTo: 7, brokenAt: 8, problem: 'head_mismatch' });
    await exec('DELETE FROM audit_events WHERE seq = 3');
    expect(await verifyChain(service.deps.db)).toMatchObject({ ok: false, verifiedUpTo: 2, brokenAt: 3, problem: 'missing_event' });
  });

  it.runIf(backend === 'postgres')('npm run audit:verify prints the result and fails on a broken chain', async () => {
    const env = { ...process.env, DATABASE_URL: service.database.url! };
    const broken = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in broken ? broken.code : 0).toBe(1);
    expect(broken.stdout).toMatch(/^broken at event 3: event 3 is missing/);
    await exec('TRUNCATE audit_events');
    await exec(`UPDATE audit_head SET seq = 0, hash = repeat('0', 64)`);
    const fine = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env });
    expect(fine.stdout.trim()).toBe('verified up to 0');
  });
});
