// How the renderer reaches the engine: a transport moves one channel call or one event across the
// process boundary and knows nothing of their shapes; the client (client.ts) parses both ends with
// the contract's schemas. Two transports exist: Electron's preload bridge and the browser host's HTTP.
import type { ChannelName, EventName } from '../../shared/contract/desktop.js';

export interface Transport {
  invoke(channel: ChannelName, args: unknown): Promise<unknown>;
  /**
   * These engine events, raw; returns the unsubscribe function. The client passes the contract's
   * names, so that a transport carries none of the contract's schemas: the entry uses one before
   * they are loaded (main.tsx).
   */
  listen(events: readonly EventName[], onEvent: (event: EventName, payload: unknown) => void): () => void;
  /** Headers a PoE request needs (the browser host's token); none under Electron. */
  documentHeaders(): Record<string, string>;
}

/** The engine answered with an error, or could not be reached at all. */
export class EngineCallError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'rejected' | 'invalid_response',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }
}
