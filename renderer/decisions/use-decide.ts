// Sends a decision to the engine: it is saved (durably, offline too) before this returns; the
// tracker then follows it to synced or refused. The domain is asked while the user fills the dialog
// (`refusalOf`: `can` with the very arguments the dialog holds; the dialog shows the domain's reason
// beside its disabled button), so no dialog re-encodes a rule. When sending, the engine asks the
// same domain on the claim as the desk holds it and answers a refusal in its wire form, which is
// made there only (so a rule that began to refuse since the last render still shows its reason). A
// decision that takes the checklist along goes through the review draft, so no late save brings the
// draft back after the engine dropped it.
import { useCallback, useMemo } from 'react';
import type { MutateResult } from '../../shared/contract/desktop.js';
import type { DesktopActionName } from '../../shared/contract/sync.js';
import { DECISIONS } from '../../shared/domain/actions.js';
import type { Claim } from '../../shared/domain/claim.js';
import { can } from '../../shared/domain/lifecycle.js';
import type { Refusal } from '../../shared/domain/refusal.js';
import { useClient } from '../app/client-context.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import type { ReviewDraft } from '../checklist/review-draft.js';
import { useDecisionTracker } from './decision-tracker.js';

export type DecisionArgs = Record<string, unknown>;

export interface Decide {
  /** The domain's answer for these arguments now: null when the decision may be sent, else why not. */
  refusalOf(name: DesktopActionName, args: DecisionArgs): Refusal | null;
  send(name: DesktopActionName, args: DecisionArgs): Promise<MutateResult>;
}

export function useDecide(claim: Claim, whileDeciding?: ReviewDraft['whileDeciding']): Decide {
  const client = useClient();
  const now = useNow();
  const { actor, calendar } = useSignedIn();
  const { track } = useDecisionTracker();

  const refusalOf = useCallback((name: DesktopActionName, args: DecisionArgs) => can(claim, actor, name, { now, calendar }, args), [claim, actor, now, calendar]);

  const send = useCallback(
    async (name: DesktopActionName, args: DecisionArgs): Promise<MutateResult> => {
      const call = () => client['claims.mutate']({ claimId: claim.id, name, args });
      const result = whileDeciding && (DECISIONS as readonly string[]).includes(name) ? await whileDeciding(call) : await call();
      if (result.ok) track({ mutationId: result.mutationId, claimId: claim.id, claimNumber: claim.number, name });
      return result;
    },
    [client, claim, track, whileDeciding],
  );

  return useMemo(() => ({ refusalOf, send }), [refusalOf, send]);
}
