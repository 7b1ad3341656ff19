// The engine's events (the contract's EVENTS), to whoever listens: the host's SSE streams, the
// child-process entry's parent, tests.
import type { EventName, EventPayload } from '../../shared/contract/desktop.js';

export type EngineListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EngineEvents {
  private readonly listeners = new Set<EngineListener>();

  on(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A listener's bug (a closed socket) must not stop the engine or the other listeners.
        console.error(`engine: a listener of ${event} failed`, error);
      }
    }
  }
}
