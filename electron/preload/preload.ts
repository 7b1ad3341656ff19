// The preload of the main window: runs sandboxed (security checklist #4), so it may require only
// 'electron' and is bundled to one CommonJS file (scripts/build-electron.ts). The bundle replaces
// the contract module with its channel and event names alone, so zod and the domain stay out of it.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract/desktop.js';
import { exposeBridge } from './bridge.js';

exposeBridge(contextBridge, ipcRenderer, { channels: CHANNEL_NAMES, events: EVENT_NAMES });
