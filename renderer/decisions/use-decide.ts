// Sends a decision to the engine: it is saved (durably, offline too) before this returns; the
// tracker then follows it to synced or refused. Arguments are checked with the domain first, so a
// refusal shows in the dialog instead of a round trip. A decision that takes the checklist along
// goes through the review draft, so no late save brings the draft back after the engine dropped it.
import { useCallback } from 'react';
import type { MutateResult } from '../../shared/contract/desktop.js';
import { type DesktopActionName, toWireRefusal } from '../../shared/contract/sync.js';
import { DECISIONS } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { can } from '../../shared/domain/lifecycle.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import type { ReviewDraft } from '../checklist/review-draft.js';
import { useDecisionTracker } from './decision-tracker.js';

export function useDecide(claim: Claim, whileDeciding?: ReviewDraft['whileDeciding']) {
  const client = useClient();
  const { actor, calendar } = useSignedIn();
  const { track } = useDecisionTracker();

  return useCallback(
    async (name: DesktopActionName, args: Record<string, unknown>): Promise<MutateResult> => {
      const refusal = can(claim, actor, name, { now: new Date().toISOString(), calendar }, args);
      if (refusal) return { ok: false, refusal: toWireRefusal(refusal) };
      const send = () => client['claims.mutate']({ claimId: claim.id, name, args });
      const result = whileDeciding && (DECISIONS as readonly string[]).includes(name) ? await whileDeciding(send) : await send();
      if (result.ok) track({ mutationId: result.mutationId, claimId: claim.id, claimNumber: claim.number, name });
      return result;
    },
    [client, claim, actor, calendar, track, whileDeciding],
  );
}
