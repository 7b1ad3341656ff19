// The reviewer's working checklists (drafts.json): saved as they change, so moving between claims or
// restarting loses nothing, and dropped when a decision on the claim takes the checklist along.
// A draft is work in progress, not a decision: a damaged file is moved aside by LocalStore (and
// reported), and the reviewer starts again from the claim's own checklist.
import type { Low } from 'lowdb';
import type { Draft } from '../../shared/contract/desktop.js';
import type { Checklist } from '../../shared/domain/checklist.js';
import type { DraftsDoc } from './store-files.js';

export class ReviewDrafts {
  constructor(private readonly db: Low<DraftsDoc>) {}

  get(claimId: string): Draft | null {
    return Object.hasOwn(this.db.data.drafts, claimId) ? this.db.data.drafts[claimId]! : null;
  }

  /** Saves durably. The first save of a claim records `openedAt`; later saves keep the first one. */
  async save(claimId: string, checklist: Checklist, openedAt: string, savedAt: string): Promise<Draft> {
    const draft: Draft = { claimId, checklist, openedAt: this.get(claimId)?.openedAt ?? openedAt, savedAt };
    await this.replace({ ...this.db.data.drafts, [claimId]: draft });
    return draft;
  }

  /** Drops the draft of a decided claim; false when there was none. */
  async remove(claimId: string): Promise<boolean> {
    if (!this.get(claimId)) return false;
    const { [claimId]: _decided, ...rest } = this.db.data.drafts;
    await this.replace(rest);
    return true;
  }

  /** Drops every draft (the directory changes owner: the drafts were the previous reviewer's). */
  clear(): Promise<void> {
    return this.replace({});
  }

  // Memory changes only with the file: a failed write leaves both as they were, so what the
  // reviewer is told was saved is what a restart finds.
  private async replace(drafts: DraftsDoc['drafts']): Promise<void> {
    const before = this.db.data;
    this.db.data = { format: 1, drafts };
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = before;
      throw error;
    }
  }
}
