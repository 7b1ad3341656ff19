// The audit hash chain: every change is an event, verification recomputes every hash from the
// stored columns, and a changed, re-hashed or missing row is found (API route and CLI).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../server/audit/canonical-json.js';
import { eventHash, type EventRow, GENESIS_HASH, rowEvent } from '../../../server/audit/chain.js';
import { appendEvents, placeholders } from '../../../server/claims/sealing.js';
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
    expect((await verifyChain(service.deps)).ok).toBe(false);
    await exec(`UPDATE audit_events SET details = '{}' WHERE claim_id = '${claimId}' AND version = 1`);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('finds a changed row, a changed row re-hashed, and a missing tail', async () => {
    const original = ((await exec('SELECT actor::text AS actor FROM audit_events WHERE seq = 4')) as unknown as { rows: { actor: string }[] }).rows[0]!.actor;
    await exec(`UPDATE audit_events SET actor = jsonb_set(actor, '{name}', '"Someone Else"') WHERE seq = 4`);
    expect(await verifyChain(service.deps)).toMatchObject({ ok: false, verifiedUpTo: 3, brokenAt: 4, problem: 'hash_mismatch', message: expect.stringMatching(/^broken at event 4/) });
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
    expect(await verifyChain(service.deps)).toMatchObject({ ok: false, verifiedUpTo: 4, brokenAt: 5, problem: 'prev_hash_mismatch' });

    await exec(`UPDATE audit_events SET actor = '${original}'::jsonb, hash = '${row.hash as string}' WHERE seq = 4`);
    expect((await verifyChain(service.deps)).ok).toBe(true);

    await exec('DELETE FROM audit_events WHERE seq = 8');
    expect(await verifyChain(service.deps)).toMatchObject({ ok: false, verifiedUpTo: 7, brokenAt: 8, problem: 'head_mismatch' });
    await exec('DELETE FROM audit_events WHERE seq = 3');
    expect(await verifyChain(service.deps)).toMatchObject({ ok: false, verifiedUpTo: 2, brokenAt: 3, problem: 'missing_event' });
  });

  it.runIf(backend === 'postgres')('npm run audit:verify prints the result and fails on a broken chain', { timeout: 180_000 }, async () => {
    const env = { ...process.env, DATABASE_URL: service.database.url!, AUDIT_ANCHOR_FILE: service.deps.auditAnchor!.file };
    const broken = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in broken ? broken.code : 0).toBe(1);
    expect(broken.stdout).toMatch(/^broken at event 3: event 3 is missing/);
    await exec('TRUNCATE audit_events');
    await exec(`UPDATE audit_head SET seq = 0, hash = repeat('0', 64)`);
    // An empty chain still fails against the anchor, which holds event 8.
    const emptied = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in emptied ? emptied.code : 0).toBe(1);
    expect(emptied.stdout).toMatch(/records event 8, but the chain ends at 0/);
    await exec('TRUNCATE claims CASCADE');
    const fine = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env: { ...env, AUDIT_ANCHOR_FILE: `${env.AUDIT_ANCHOR_FILE}.none` } });
    expect(fine.stdout.trim()).toBe('verified up to 0');
  });
});

// The database chains the events as it seals a transaction (server/claims/sealing.ts), from each
// event's canonical JSON framed around its seq and prevHash (chain.ts hashFrame): what it stores must
// be eventHash of the event, the hash verification recomputes, whatever text the details hold.
describe.each(BACKENDS)('events chained by the database on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let claimId: string;
  let version = 100;

  beforeAll(async () => {
    service = await serviceFor(backend);
    const who = await people(service);
    claimId = (await submittedClaim(service, who.partnerA, PARTNER_A)).id;
  });
  afterAll(async () => service?.close());

  // Keys the frame is cut around, and text that looks like the frame, inside the details too. jsonb holds no U+0000.
  const key = fc.oneof(fc.constantFrom('prevHash', 'seq', 'to', 'version', ',"prevHash":"","seq":0,"to":'), fc.string({ unit: 'grapheme' }));
  const text = fc.oneof(fc.constantFrom('","seq":', '\\"', 'Ž📄\u00e9', ''), fc.string({ unit: 'grapheme' })).map((t) => t.replaceAll('\0', ''));
  const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(key, fc.oneof(text, fc.integer()), { maxKeys: 3 }), fc.array(text, { maxLength: 3 }));
  const details = fc.dictionary(key.map((k) => k.replaceAll('\0', '')), value, { maxKeys: 4 });

  it('stores the hash eventHash gives, each event linked to the one before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(details, { minLength: 1, maxLength: 3 }), async (batch) => {
        await service.deps.db.transaction(async (tx) => {
          const seqs = await placeholders(tx, batch.length);
          const entry = (d: Record<string, unknown>) => ({ version: ++version, at: new Date().toISOString(), actor: { kind: 'timer' as const, id: 'timer', name: 'Timer' }, action: 'comment', from: 'submitted' as const, to: 'submitted' as const, details: d });
          await appendEvents(tx, batch.map((d, i) => ({ claimId, placeholder: seqs[i]!, entry: entry(d) })));
        });
        const rows = ((await service.deps.db.execute(sql`SELECT * FROM audit_events ORDER BY seq`)) as unknown as { rows: Record<string, unknown>[] }).rows;
        let prev = GENESIS_HASH;
        for (const raw of rows) {
          const row = {
            seq: Number(raw.seq), claimId: raw.claim_id, version: raw.version, at: new Date(raw.at as string), decidedAt: raw.decided_at ? new Date(raw.decided_at as string) : null,
            actor: raw.actor, action: raw.action, fromStatus: raw.from_status, toStatus: raw.to_status, details: raw.details, prevHash: raw.prev_hash, hash: raw.hash,
          } as EventRow;
          expect(row.prevHash).toBe(prev);
          expect(row.hash).toBe(eventHash(rowEvent(row)));
          prev = row.hash;
        }
      }),
      // Details holding an object shaped like the event's own end: its text in the canonical JSON is the frame's.
      { numRuns: 25, examples: [[[{ nested: { a: 1, prevHash: '', seq: 0, to: 'approved' } }]]] },
    );
  });

  // Last in this block: it takes the store's audit head away.
  it('commits nothing when the audit head is missing (a store not migrated)', async () => {
    const exec = async (text: string) => ((await service.deps.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const events = async () => Number((await exec('SELECT count(*) AS n FROM audit_events'))[0]!.n);
    await exec('DELETE FROM audit_head');
    const before = await events();
    const failed = await service.deps.db
      .transaction(async (tx) => {
        const [placeholder] = await placeholders(tx, 1);
        const entry = { version: ++version, at: new Date().toISOString(), actor: { kind: 'timer' as const, id: 'timer', name: 'Timer' }, action: 'comment', from: 'submitted' as const, to: 'submitted' as const, details: {} };
        await appendEvents(tx, [{ claimId, placeholder: placeholder!, entry }]);
      })
      .then(() => null, (error: Error) => error);
    expect(String((failed?.cause as Error | undefined)?.message ?? failed?.message)).toMatch(/0 audit_head rows: the store was not migrated/);
    expect(await events()).toBe(before);
    expect(await exec('SELECT seq FROM audit_events WHERE seq < 0')).toEqual([]);
  });
});

// Issue 14, item 13: what the chain alone cannot see. The head is anchored in a file outside the
// database after each commit, and each claim's events are replayed through the lifecycle and
// compared with the claim as stored.
describe.each(BACKENDS)('audit anchor and claim replay on %s', (backend) => {
  let service: Awaited<ReturnType<typeof serviceFor>>;
  let who: People;
  let claimId: string;

  const exec = (text: string) => service.deps.db.execute(sql.raw(text));
  const rows = async <R,>(text: string) => ((await exec(text)) as unknown as { rows: R[] }).rows;

  beforeAll(async () => {
    service = await serviceFor(backend);
    who = await people(service);
    const lead = new Desk(service, who.lead);
    claimId = (await submittedClaim(service, who.partnerA, PARTNER_A)).id;
    await decide(service, lead, claimId, 'assign', { assignee: { id: who.ids.reviewer1, name: '' } });
    await decide(service, new Desk(service, who.reviewer1), claimId, 'startReview', {});
  });
  afterAll(async () => service?.close());

  it('anchors the head after each commit, outside the database', async () => {
    expect(await service.deps.auditAnchor!.latest()).toEqual((await rows<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_head'))[0]);
    expect(await verifyChain(service.deps)).toEqual({ ok: true, verifiedUpTo: 5, message: 'verified up to 5' });
  });

  it('fails when a claim’s status is changed directly in claims, naming the claim', async () => {
    const [claim] = await rows<{ number: string }>(`SELECT number FROM claims WHERE id = '${claimId}'`);
    await exec(`UPDATE claims SET status = 'approved' WHERE id = '${claimId}'`);
    const column = await verifyChain(service.deps);
    expect(column).toMatchObject({ ok: false, verifiedUpTo: 4, brokenAt: 5, problem: 'claim_mismatch' });
    expect(column.message).toContain(`claim ${claim!.number} differs from its events: status is approved but its events end at in_review`);
    expect((await call(service.app, 'GET', '/audit/verify', who.lead)).body).toMatchObject({ ok: false, problem: 'claim_mismatch' });

    // The stored claim (what desks and partners are shown) is compared too, not only the column.
    await exec(`UPDATE claims SET status = 'in_review', data = jsonb_set(data, '{status}', '"approved"') WHERE id = '${claimId}'`);
    expect((await verifyChain(service.deps)).message).toContain('stored status is approved but its events end at in_review');

    await exec(`UPDATE claims SET data = jsonb_set(data, '{status}', '"in_review"') WHERE id = '${claimId}'`);
    expect((await verifyChain(service.deps)).ok).toBe(true);
  });

  it('fails when the last event is deleted and the head rolled back to the event before it', async () => {
    const [before] = await rows<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = 4');
    await exec('DELETE FROM audit_events WHERE seq = 5');
    await exec(`UPDATE audit_head SET seq = 4, hash = '${before!.hash}'`);
    await exec(`UPDATE claims SET version = 4, status = 'submitted', data = jsonb_set(jsonb_set(data, '{version}', '4'), '{status}', '"submitted"') WHERE id = '${claimId}'`);
    const result = await verifyChain(service.deps);
    expect(result).toMatchObject({ ok: false, verifiedUpTo: 4, brokenAt: 5, problem: 'anchor_mismatch' });
    expect(result.message).toContain('records event 5, but the chain ends at 4');
    expect((await call(service.app, 'GET', '/audit/verify', who.lead)).body).toMatchObject({ ok: false, problem: 'anchor_mismatch' });
  });

  it.runIf(backend === 'postgres')('npm run audit:verify fails on the cut chain, naming the anchor', { timeout: 120_000 }, async () => {
    const env = { ...process.env, DATABASE_URL: service.database.url!, AUDIT_ANCHOR_FILE: service.deps.auditAnchor!.file };
    const broken = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in broken ? broken.code : 0).toBe(1);
    expect(broken.stdout).toMatch(/^broken at event 5: the audit anchor .*audit-anchor\.jsonl records event 5, but the chain ends at 4/);
  });
});
