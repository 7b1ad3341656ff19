// A lead's acts (assign, reassign, reopen, resolve a QA disagreement) are domain mutations through
// the engine's outbox like a reviewer's decision: saved at once (offline too), synced later. Many
// at once (a multi-select) are made one by one; the refused ones come back with the domain's reason.
import type { TFunction } from 'i18next';
import type { DeskClient } from '../api/client.js';
import type { DesktopActionName } from '../../shared/contract/sync.js';
import { refusalText } from '../../shared/i18n/index.js';

export interface ActsOutcome {
  saved: number;
  /** What was refused, as sentences. */
  refused: string[];
}

export async function actOnClaims(client: DeskClient, t: TFunction, acts: { claimId: string; label: string; name: DesktopActionName; args: unknown }[]): Promise<ActsOutcome> {
  const outcome: ActsOutcome = { saved: 0, refused: [] };
  for (const act of acts) {
    try {
      const result = await client['claims.mutate']({ claimId: act.claimId, name: act.name, args: act.args });
      if (result.ok) outcome.saved++;
      else outcome.refused.push(`${act.label}: ${refusalText(t, result.refusal)}`);
    } catch (error) {
      outcome.refused.push(`${act.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcome;
}
