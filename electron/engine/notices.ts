// The notices of the sync status (shared/contract/desktop.ts Notice): what the reviewer must know
// about this computer's store. Each is kept under a key, so the same condition found again replaces
// its notice rather than adding one, and a condition that ended (a write that works again) clears it.
import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract/desktop.js';

export class Notices {
  private readonly byKey = new Map<string, Notice>();

  /** The notices, oldest first. */
  get list(): Notice[] {
    return [...this.byKey.values()];
  }

  /** Shows a notice under `key` (default: its code), replacing one kept under the same key. */
  set(code: Notice['code'], params: Notice['params'], at: string, key: string = code): void {
    this.byKey.delete(key);
    this.byKey.set(key, { id: randomUUID(), code, params, at });
  }

  /** The condition behind `key` ended; false when there was no such notice. */
  clear(key: string): boolean {
    return this.byKey.delete(key);
  }

  dismiss(id: string): boolean {
    for (const [key, notice] of this.byKey) if (notice.id === id) return this.byKey.delete(key);
    return false;
  }
}
