// Electron: the preload bridge exposes the contract's channels on window.poeDesk (and nothing else).
import type { ChannelName, EventName } from '../../shared/contract/desktop.js';
import { EngineCallError, type Transport } from './transport.js';

export interface PoeDeskBridge {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    poeDesk?: PoeDeskBridge;
  }
}

/** Electron prefixes errors thrown by a handler with "Error invoking remote method '…': "; the user needs only the rest. */
const IPC_PREFIX = /^Error invoking remote method '[^']+': (?:Error: )?/;

export function ipcTransport(bridge: PoeDeskBridge): Transport {
  return {
    async invoke(channel: ChannelName, args: unknown) {
      try {
        return await bridge.invoke(channel, args);
      } catch (error) {
        throw new EngineCallError(String((error as Error)?.message ?? error).replace(IPC_PREFIX, ''), 'rejected');
      }
    },
    listen(events: readonly EventName[], onEvent: (event: EventName, payload: unknown) => void) {
      const offs = events.map((name) => bridge.on(name, (payload) => onEvent(name, payload)));
      return () => offs.forEach((off) => off());
    },
    documentHeaders: () => ({}),
  };
}
