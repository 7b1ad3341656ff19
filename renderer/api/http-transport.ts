// The browser build: the engine runs in the browser host (electron/host, `npm run web`) and is
// reached over HTTP: POST /api/<channel> with JSON arguments, GET /api/events as server-sent
// events. Every request carries the per-run token the host handed to this page.
import type { ChannelName, EventName } from '../../shared/contract/desktop.js';
import { EngineCallError, type Transport } from './transport.js';

export const TOKEN_HEADER = 'x-poe-token';

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (typeof message === 'string' && message) return message;
  } catch {
    // Not JSON: the text itself (if short) says what happened.
  }
  return text && text.length < 500 ? text : `HTTP ${response.status} ${response.statusText}`;
}

export function httpTransport(base: string, token: string): Transport {
  const unreachable = () =>
    new EngineCallError(`The PoE Desk engine at ${base} is not answering. Check that it is still running (npm run web), then try again.`, 'unreachable');

  return {
    async invoke(channel: ChannelName, args: unknown) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw unreachable();
      }
      if (!response.ok) throw new EngineCallError(await errorMessage(response), 'rejected', response.status);
      return response.json();
    },
    listen(events: readonly EventName[], onEvent: (event: EventName, payload: unknown) => void) {
      // EventSource cannot send headers; the host accepts the token as a query parameter here.
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      for (const name of events) {
        source.addEventListener(name, (e) => {
          try {
            onEvent(name, JSON.parse((e as MessageEvent<string>).data));
          } catch {
            console.warn(`engine event ${name} was not JSON`);
          }
        });
      }
      return () => source.close();
    },
    documentHeaders: () => ({ [TOKEN_HEADER]: token }),
  };
}
