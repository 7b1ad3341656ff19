// Engine events as server-sent events: one `event: <name>` with the JSON payload per engine event,
// the current sync status first (a page that connects late starts from the truth), and a comment
// line every 15 s so that proxies and the browser keep the connection.
import type { ServerResponse } from 'node:http';
import type { EventName } from '../../shared/contract/desktop.js';
import type { HostedEngine } from './hosted-engine.js';

export async function streamEvents(engine: HostedEngine, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write('retry: 2000\n\n');
  // Payloads go as the engine emitted them: the page's client parses each event where it arrives.
  const send = (event: EventName, payload: unknown) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  const off = engine.on((event, payload) => send(event, payload));
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  response.on('close', () => {
    off();
    clearInterval(heartbeat);
  });
  send('sync.status', await engine.invoke('sync.status', {}));
}
