// A lead's act on a claim the lead's desk holds, when the service's claim is newer than the desk's
// copy: the lead sees the service's answer on a lead screen (here a QA disagreement, made by a
// verdict after the desk's last pull) and acts on it before the desk's next pull. The act is judged
// on the claim as the service has it, not refused on the desk's older copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { passedChecklist } from '../../unit/engine/checklists.js';
import { tempDir } from '../../unit/engine/fixtures.js';
import { claimsServiceFixture, RawDesk, sampledDecision, serverClaim } from './claims-service.js';

describe('a lead’s act on a claim the desk holds', () => {
  const fx = claimsServiceFixture(2, { beforeAll, afterAll });

  it('resolves a QA disagreement that arose after the desk’s last pull, as the lead, on the service', async () => {
    const { service, who } = fx;
    const id = fx.claimIds[0]!;
    // Every decision of the reviewer is sampled; the QA task goes to the other reviewer.
    const task = await sampledDecision(fx, id, 'reject');
    expect(task.qaReviewer.id).toBe(who.reviewer2.id);

    const engine = await Engine.open({ dataDir: await tempDir('lead-acts'), serverUrl: service.url, autoSync: false });
    try {
      await engine['session.signIn']({ username: who.lead.username, password: who.lead.password });
      await engine['sync.now']({});
      // The lead assigned the claim: it is on the lead's desk, its QA task still open there.
      expect((await engine['claims.get']({ id }))?.claim.qa.map((t) => t.state)).toEqual(['open']);

      // The QA reviewer disagrees; the lead's desk has not pulled since, the service's screen shows it.
      await new RawDesk(service, who.reviewer2).decide(id, 'recordQaVerdict', { taskId: task.id, outcome: 'approve', checklist: passedChecklist(['d365-sales', 'power-bi']), timeSpentMs: 60_000 });
      expect((await engine['lead.qaDisagreements']({})).disagreements.map((d) => d.claimId)).toEqual([id]);

      const justification = 'The acknowledgement is missing; the rejection stands.';
      const result = await engine['claims.mutate']({ claimId: id, name: 'resolveQaDisagreement', args: { taskId: task.id, resolution: 'upheld', justification } });
      expect(result).toMatchObject({ ok: true });
      await engine['sync.now']({});
      expect(await engine['sync.status']({})).toMatchObject({ pending: 0, conflicts: 0 });
      const resolved = await serverClaim(service, id);
      expect(resolved.status).toBe('rejected');
      expect(resolved.qa.map((t) => t.state)).toEqual(['resolved']);
      expect(resolved.history.at(-1)).toMatchObject({ action: 'resolveQaDisagreement', actor: { id: who.lead.id, kind: 'team_lead' }, details: { resolution: 'upheld', justification } });
    } finally {
      await engine.close();
    }
  });
});
