// The one object the page sees: window.poeDesk, with invoke(channel, args) and on(event, listener)
// for exactly the desktop contract's channels and events. Security checklist #20 ("Do not expose
// Electron APIs to untrusted web content"): no ipcRenderer, no IpcRendererEvent (its `sender` would
// hand the page the raw IPC object), no channel outside the contract. Main checks every call again
// (sender origin and zod arguments); this side only keeps the surface to the contract.
import type { ContextBridge, IpcRenderer } from 'electron';
import { eventChannel } from './ipc-names.js';

export interface BridgeNames {
  channels: readonly string[];
  events: readonly string[];
}

export interface PoeDeskBridge {
  invoke(channel: string, args?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, names: BridgeNames): PoeDeskBridge {
  const channels = new Set(names.channels);
  const events = new Set(names.events);
  return {
    invoke(channel, args) {
      if (typeof channel !== 'string' || !channels.has(channel)) {
        return Promise.reject(new Error(`PoE Desk has no channel ${String(channel)}: the desktop contract lists ${[...channels].join(', ')}.`));
      }
      return ipcRenderer.invoke(channel, args);
    },
    on(event, listener) {
      if (typeof event !== 'string' || !events.has(event)) {
        throw new Error(`PoE Desk has no event ${String(event)}: the desktop contract lists ${[...events].join(', ')}.`);
      }
      if (typeof listener !== 'function') throw new Error(`The listener for ${event} must be a function.`);
      const name = eventChannel(event);
      // The page's listener gets the payload only, never Electron's event object.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(name, forward);
      return () => {
        ipcRenderer.removeListener(name, forward);
      };
    },
  };
}

export function exposeBridge(contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, names: BridgeNames): void {
  contextBridge.exposeInMainWorld('poeDesk', createBridge(ipcRenderer, names));
}
