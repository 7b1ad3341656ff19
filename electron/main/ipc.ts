// The desktop contract on Electron's IPC: one ipcMain.handle per channel of the contract's table,
// and the engine's events sent on to the window. Security checklist #17 ("Validate the sender of
// all IPC messages"): a call is served only when it comes from a frame showing app://poe-desk.
//
// One parse per trust boundary, the rule for every hop a call makes:
//   renderer -> main     the page is untrusted: main parses the arguments here, once, with the
//                        channel's zod schema (the renderer's client sends them unparsed);
//   main -> engine       a separate process: the engine parses them once, at its handler table
//                        (Engine.invoke); its handlers never parse them again (a decision's own
//                        arguments are the domain's to parse, once, in `apply`);
//   engine -> service    over HTTP: the claims service parses once, at its route (a pushed
//                        decision's arguments: the domain, once, in `apply`).
// Answers are parsed once, where they arrive: the service's by the engine's ServerClient, the
// engine's (results and events) by the renderer's client. Main passes results through unparsed
// and acts on none; the browser host (electron/host) passes calls to the engine's table the same way.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { CHANNEL_NAMES, CHANNELS, type ChannelName, type EventName } from '../../shared/contract/desktop.js';
import { eventChannel } from '../preload/ipc-names.js';
import { isAppUrl } from './app-url.js';

export interface EngineCalls {
  invoke(channel: ChannelName, args: unknown): Promise<unknown>;
}

/** The error a refused call rejects with (the page sees its message). */
export class IpcRefusal extends Error {
  override name = 'IpcRefusal';
}

export function checkSender(channel: ChannelName, event: Pick<IpcMainInvokeEvent, 'senderFrame'>): void {
  const url = event.senderFrame?.url;
  if (!isAppUrl(url)) {
    throw new IpcRefusal(`PoE Desk refused ${channel}: the request came from ${url ?? 'a frame that no longer exists'}, not from PoE Desk's own page.`);
  }
}

export function parseArgs(channel: ChannelName, args: unknown): unknown {
  const parsed = CHANNELS[channel].args.safeParse(args);
  if (!parsed.success) {
    throw new IpcRefusal(`PoE Desk refused ${channel}: its arguments do not match the desktop contract. ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Asks the user where to save a file (Electron's save dialog); null when they cancel. */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, engine: EngineCalls, choosePath?: ChooseSavePath): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      checkSender(channel, event);
      const parsed = parseArgs(channel, args);
      if (channel === 'lead.exportCsv') return exportCsv(engine, parsed as { query: unknown }, choosePath);
      return engine.invoke(channel, parsed);
    });
  }
}

/** The page never names a file: the user picks where the CSV goes, here, in a save dialog. */
async function exportCsv(engine: EngineCalls, args: { query: unknown }, choosePath: ChooseSavePath | undefined): Promise<unknown> {
  if (!choosePath) throw new IpcRefusal('PoE Desk cannot ask where to save the CSV here.');
  const path = await choosePath(`decisions-${new Date().toISOString().slice(0, 10)}.csv`);
  if (!path) return { path: null, bytes: 0 };
  return engine.invoke('lead.exportCsv', { query: args.query, path });
}

/** Sends one contract event to the window, if it still has a page to receive it. */
export function sendEvent(contents: WebContents | null | undefined, event: EventName, payload: unknown): void {
  if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
  contents.send(eventChannel(event), payload);
}
