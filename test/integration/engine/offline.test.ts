// An offline session: the network goes away, the reviewer makes 200 decisions that show at once,
// meanwhile a lead reassigns some of those claims, another reviewer decides one and the partner
// edits others on the server. When the network returns the engine finds it by itself (retry with
// backoff), and every decision ends where it must: applied, or in the conflicts inbox with its
// reason and content, which the reviewer can re-apply or discard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import type { ChannelArgs, EventPayload, SyncStatus } from '../../../shared/contract/desktop.js';
import { passedChecklist } from '../../unit/engine/checklists.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import {
  assignAll,
  type ClaimsService,
  clientIdsOf,
  http,
  mutationResults,
  people,
  type People,
  RawDesk,
  serverClaim,
  startClaimsService,
  submittedClaims,
} from './claims-service.js';
import { type CuttableProxy, startProxy } from './cuttable-proxy.js';

const PRODUCTS = ['d365-sales', 'power-bi'] as const;
const CLAIMS = 40;
const REASSIGNED = [0, 1, 2, 3, 4];
const EDITED = [5, 6, 7];

/** The reviewer's five decisions on claim i: start, comment, decide (by i % 3), comment again. */
function decisionsFor(claimId: string, i: number): ChannelArgs<'claims.mutate'>[] {
  const comment = (text: string) => ({ claimId, name: 'comment' as const, args: { commentId: crypto.randomUUID(), text } });
  const checklist = passedChecklist(PRODUCTS);
  const decision: ChannelArgs<'claims.mutate'> =
    i % 3 === 0
      ? { claimId, name: 'approve', args: { checklist } }
      : i % 3 === 1
        ? { claimId, name: 'requestPartnerAction', args: { checklist: { ...checklist, dates: { state: 'missing', evidence: [] } }, comment: 'Add a dated PoE.', commentId: crypto.randomUUID() } }
        : { claimId, name: 'reject', args: { reason: 'insufficient_poe', comment: 'The PoE is unrelated.', commentId: crypto.randomUUID() } };
  return [{ claimId, name: 'startReview', args: {} }, comment(`Reading claim ${i}.`), comment('Acknowledgement is on page 2.'), decision, comment('Decided offline.')];
}
const EXPECTED_STATUS = ['approved', 'partner_action_required', 'rejected'] as const;

describe('offline session', () => {
  let service: ClaimsService;
  let proxy: CuttableProxy;
  let who: People;
  let claimIds: string[];
  let engine: Engine;
  const statuses: SyncStatus[] = [];
  const settled: EventPayload<'decisions.settled'>['decisions'] = [];

  beforeAll(async () => {
    service = await startClaimsService();
    proxy = await startProxy(service.url);
    who = await people(service);
    claimIds = await submittedClaims(service, who.partner, CLAIMS);
    await assignAll(service, who.lead, claimIds, who.reviewer);
    engine = await Engine.open({ dataDir: await tempDir('offline'), serverUrl: proxy.url, pollIntervalMs: 60_000, pushDelayMs: 50, backoff: { baseMs: 100, maxMs: 800 }, requestTimeoutMs: 5_000 });
    engine.on((event, payload) => event === 'sync.status' && statuses.push(payload as SyncStatus));
    engine.on((event, payload) => event === 'decisions.settled' && settled.push(...(payload as EventPayload<'decisions.settled'>).decisions));
  });
  afterAll(async () => {
    await engine?.close();
    await proxy?.close();
    await service?.close();
  });

  const until = async (what: string, ok: (s: SyncStatus) => boolean, ms = 60_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const status = await engine['sync.status']({});
      if (ok(status)) return status;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('makes 200 decisions offline and syncs them to the right results and conflicts', { timeout: 120_000 }, async () => {
    await engine['session.signIn']({ username: who.reviewer.username, password: who.reviewer.password });
    await until('the initial sync', (s) => s.connection === 'online' && s.lastSyncAt !== null && s.progress === null);
    expect((await engine['queue.query']({ assignee: 'me' })).total).toBe(CLAIMS);

    proxy.cut();
    const offline = await engine['sync.now']({});
    expect(offline.connection).toBe('offline');
    expect(offline.lastError).toMatch(/Cannot reach the claims service/);
    // "Everyone" is the claims service's search: offline the engine says it needs the network, and
    // a claim that is not on the desk cannot be opened.
    expect(await engine['claims.search']({ search: 'CL' })).toEqual({ online: false });
    expect(await engine['claims.open']({ id: crypto.randomUUID() })).toBeNull();
    expect((await engine['claims.open']({ id: claimIds[0]! }))?.claim.id).toBe(claimIds[0]);

    let made = 0;
    for (const [i, claimId] of claimIds.entries()) {
      for (const args of decisionsFor(claimId, i)) {
        const result = await engine['claims.mutate'](args);
        expect(result.ok, JSON.stringify(result)).toBe(true);
        made++;
      }
      // Shown at once, offline: the decision and its pending mark.
      const row = (await engine['queue.query']({ search: (await engine['claims.get']({ id: claimId }))!.claim.number })).rows[0]!;
      expect(row).toMatchObject({ status: EXPECTED_STATUS[i % 3], pending: true });
    }
    expect(made).toBe(200);
    // The decisions' push retries every backoff step and shows 'syncing' while it tries: read the status between tries.
    expect(await until('offline with 200 pending', (s) => s.connection === 'offline' && s.pending === 200, 10_000)).toMatchObject({ connection: 'offline', pending: 200 });

    // Meanwhile, on the server: a lead reassigns five claims (another reviewer then decides one),
    // and the partner edits three.
    await assignAll(
      service,
      who.lead,
      REASSIGNED.map((i) => claimIds[i]!),
      who.reviewer2,
    );
    await new RawDesk(service, who.reviewer2).decide(claimIds[0]!, 'startReview', {});
    for (const i of EDITED) {
      const res = await http(service, 'PATCH', `/partner/claims/${claimIds[i]}`, who.partner.token, { products: ['d365-sales'] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // The network returns: no sync.now, the engine's own retry finds it.
    proxy.restore();
    const synced = await until('the outbox to empty', (s) => s.connection === 'online' && s.pending === 0);
    expect(statuses.some((s) => s.connection === 'syncing')).toBe(true);
    const conflictClaims = [...REASSIGNED, ...EDITED];
    expect(synced.conflicts).toBe(conflictClaims.length * 5);

    const [clientId] = await clientIdsOf(service, who.reviewer);
    const results = await mutationResults(service, clientId!);
    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(200 - conflictClaims.length * 5);
    // The engine announced each of the 200 settlements once, as the service decided it.
    expect(settled.map((d) => d.mutationId).sort((a, b) => a - b)).toEqual(results.map((r) => r.mutationId).sort((a, b) => a - b));
    expect(settled.filter((d) => d.state === 'refused')).toHaveLength(conflictClaims.length * 5);
    const allConflicts = await engine['conflicts.list']({});
    for (const [i, claimId] of claimIds.entries()) {
      const onServer = await serverClaim(service, claimId);
      const local = await engine['claims.get']({ id: claimId });
      if (REASSIGNED.includes(i)) {
        // Reassigned away before she acted on it: it left her desk, her decisions are in the inbox.
        expect(local).toBeNull();
      } else {
        expect(local!.claim.version).toBe(onServer.version);
        expect(local!.pending).toEqual([]);
      }
      if (conflictClaims.includes(i)) {
        expect(onServer.history.filter((e) => e.actor.id === who.reviewer.id)).toEqual([]);
        const refused = allConflicts.filter((c) => c.claimId === claimId);
        expect(refused).toHaveLength(5);
        expect(refused.every((c) => c.claimNumber === onServer.number)).toBe(true);
        const by = REASSIGNED.includes(i) ? { by: 'Lucie Lead', byKind: 'team_lead' } : { by: 'Fiona Fabrikam', byKind: 'partner' };
        for (const c of refused) expect(c.refusal).toMatchObject({ code: 'claim_changed', params: by });
      } else {
        expect(onServer.status).toBe(EXPECTED_STATUS[i % 3]);
        const mine = onServer.history.filter((e) => e.actor.id === who.reviewer.id);
        expect(mine.map((e) => e.action)).toEqual(['startReview', 'comment', 'comment', ['approve', 'requestPartnerAction', 'reject'][i % 3], 'comment']);
        // Offline decisions keep when they were made; the server records when they arrived.
        for (const e of mine) expect(e.decidedAt && e.decidedAt < e.at).toBe(true);
      }
    }

    // The inbox keeps each refused decision whole: what was decided, when, and why it was refused.
    const conflicts = await engine['conflicts.list']({});
    const commentConflict = conflicts.find((c) => c.claimId === claimIds[5] && c.name === 'comment')!;
    expect(commentConflict.args).toMatchObject({ text: 'Reading claim 5.' });
    expect(commentConflict.receivedAt).not.toBeNull();
  });

  it('re-applies a refused decision on the current claim, refuses one that no longer fits, and discards', { timeout: 60_000 }, async () => {
    const conflicts = await engine['conflicts.list']({});
    // The partner edited claim 5 but it is still hers: starting the review again works.
    const start5 = conflicts.find((c) => c.claimId === claimIds[5] && c.name === 'startReview')!;
    const again = await engine['conflicts.reapply']({ mutationId: start5.mutationId });
    expect(again.ok).toBe(true);
    const view5 = await engine['claims.get']({ id: claimIds[5]! });
    expect(view5!.claim.status).toBe('in_review');
    expect(view5!.pending).toHaveLength(1);
    // Claim 1 is Petr's now and left her desk: re-applying cannot be done here, and the conflict stays.
    const start1 = conflicts.find((c) => c.claimId === claimIds[1] && c.name === 'startReview')!;
    await expect(engine['conflicts.reapply']({ mutationId: start1.mutationId })).rejects.toMatchObject({ code: 'not_found' });
    expect((await engine['conflicts.list']({})).map((c) => c.mutationId)).toContain(start1.mutationId);
    expect(await engine['conflicts.discard']({ mutationId: start1.mutationId })).toEqual({ ok: true });

    const status = await engine['sync.now']({});
    expect(status).toMatchObject({ pending: 0, conflicts: conflicts.length - 2 });
    expect((await serverClaim(service, claimIds[5]!)).status).toBe('in_review');
    expect((await engine['conflicts.list']({})).map((c) => c.mutationId)).not.toContain(start1.mutationId);
  });
});
