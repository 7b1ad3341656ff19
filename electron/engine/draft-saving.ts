// The checklist a reviewer is filling in on a claim, kept as a draft (review-drafts.ts) until a
// decision carries it: read back when the claim is opened again, saved as it changes.
import type { Checklist } from '../../shared/domain/checklist.js';
import type { ChannelResult } from '../../shared/contract/desktop.js';
import type { EngineCore } from './engine-core.js';
import { EngineError, NOT_ON_THIS_COMPUTER } from './engine-error.js';
import { requireUser } from './desk-session.js';

export class DraftSaving {
  constructor(private readonly core: EngineCore) {}

  get(claimId: string): ChannelResult<'drafts.get'> {
    requireUser(this.core.store);
    return this.core.store.drafts.get(claimId);
  }

  save(claimId: string, checklist: Checklist, openedAt: string | undefined): Promise<ChannelResult<'drafts.save'>> {
    const { store, serial, views } = this.core;
    requireUser(store);
    // Through the serial queue, so a save and a decision on the claim land in the order they came.
    return serial.run(async () => {
      if (!views.claim(claimId)) throw new EngineError('not_found', NOT_ON_THIS_COMPUTER);
      const now = this.core.now();
      // A time in the future (another clock) would make timeSpentMs negative: opening is now at the latest.
      return store.writes.track('drafts.json', () => store.drafts.save(claimId, checklist, openedAt && openedAt < now ? openedAt : now, now));
    });
  }
}
