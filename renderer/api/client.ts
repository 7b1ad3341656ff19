// The one client the UI uses: every channel of the desktop contract as a typed method. Arguments go
// out as the UI wrote them (typed by the contract; the receiving side parses them: main, or in the
// browser build the engine's table, see electron/main/ipc.ts); results and events are parsed here,
// once, where they arrive, before any part of the UI reads them.
import { CHANNELS, type ChannelName, channelMethods, type DesktopApi, EVENT_NAMES, EVENTS, type EventName, type EventPayload } from '../../shared/contract/desktop.js';
import { EngineCallError, type Transport } from './transport.js';

export interface DeskClient extends DesktopApi {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** pdf.js needs these to load a PoE URL from the engine. */
  documentHeaders(): Record<string, string>;
}

export function createClient(transport: Transport): DeskClient {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let unlisten: (() => void) | null = null;

  function dispatch(event: EventName, raw: unknown) {
    const schema = EVENTS[event];
    if (!schema) return;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      // A malformed event is the engine's bug; the UI keeps its last good state rather than crash.
      console.warn(`engine event ${event} did not match the contract`, parsed.error.issues);
      return;
    }
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(parsed.data);
  }

  async function call(channel: ChannelName, args: unknown): Promise<unknown> {
    const raw = await transport.invoke(channel, args ?? {});
    const parsed = CHANNELS[channel].result.safeParse(raw);
    if (!parsed.success) throw new EngineCallError(`The engine's answer to ${channel} did not match the contract.`, 'invalid_response');
    return parsed.data;
  }

  const api: DesktopApi = channelMethods(call);

  return {
    ...api,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      unlisten ??= transport.listen(EVENT_NAMES, dispatch);
      return () => {
        set.delete(listener as (payload: never) => void);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          unlisten?.();
          unlisten = null;
        }
      };
    },
    documentHeaders: () => transport.documentHeaders(),
  };
}
