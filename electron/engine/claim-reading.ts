// Reading claims for the screens: the queue (the desk's own claims, filtered, sorted and paged by
// queue-index.ts), one claim with its pending decisions and conflicts, the "Everyone" search over
// the claims service, and a claim outside the desk's scope fetched when opened.
import type { ChannelResult, ClaimView, EveryonePage } from '../../shared/contract/desktop.js';
import type { EngineCore, ParsedArgs } from './engine-core.js';
import { EngineError } from './engine-error.js';
import { requireUser } from './desk-session.js';
import { type ServerClient, ServerRefusedError, SessionExpiredError, UnreachableError } from './server-client.js';

export class ClaimReading {
  constructor(
    private readonly core: EngineCore,
    /** The signed-in user's client, if any. */
    private readonly client: () => ServerClient | null,
  ) {}

  queue(query: ParsedArgs<'queue.query'>): ChannelResult<'queue.query'> {
    return this.core.views.index.query(query, { now: this.core.now(), userId: requireUser(this.core.store).id });
  }

  claim(id: string): ClaimView | null {
    requireUser(this.core.store);
    return this.core.views.view(id);
  }

  /** The "Everyone" view: the claims service's search, or word that it needs the network. */
  async searchEveryone(query: ParsedArgs<'claims.search'>): Promise<EveryonePage> {
    requireUser(this.core.store);
    const client = this.client();
    if (!client) return { online: false };
    const page = await onlineCall(() => client.searchClaims(query));
    if (!page) return { online: false };
    const rows = page.rows.map((row) => {
      const here = this.core.views.view(row.id);
      return { ...row, pending: (here?.pending.length ?? 0) > 0, conflict: (here?.conflicts.length ?? 0) > 0 };
    });
    return { online: true, total: page.total, rows };
  }

  /**
   * A claim to show: the desk's own, or one outside its scope fetched from the claims service (again
   * at each open, so it is current) and kept while it is used; offline, the copy kept, if any.
   */
  async open(id: string): Promise<ClaimView | null> {
    requireUser(this.core.store);
    const client = this.client();
    if (!this.core.views.holds(id) && client) {
      const claim = await onlineCall(() => client.claim(id));
      if (claim) this.core.views.visit(claim);
    }
    return this.core.views.view(id);
  }
}

/** A read from the claims service for a channel: null when it cannot be reached; its refusals as the user is told them. */
async function onlineCall<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnreachableError) return null;
    if (error instanceof SessionExpiredError) throw new EngineError('not_signed_in', error.message);
    if (error instanceof ServerRefusedError) throw new EngineError('refused', error.message);
    throw error;
  }
}
