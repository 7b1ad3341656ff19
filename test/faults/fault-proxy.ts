// An HTTP proxy in front of the claims service that answers chosen requests itself (a failing
// document store, a refusal the service would give), or breaks them the ways networks do (drops
// the request, drops the answer after the service applied it, delays, garbles or cuts the answer
// mid-body), and passes every other request through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { claimsServiceFixture, type ServiceFixture } from '../integration/engine/claims-service.js';

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
}

export interface FaultAnswer {
  status: number;
  body: unknown;
}

/** What a network does to a request: never forwarded, forwarded but its answer lost, slow, garbled, cut off. */
export type NetworkFault = { drop: 'request' } | { drop: 'response' } | { delayMs: number } | { garbage: true } | { cut: true };

/** Answers a request itself (a fault), breaks it, or null to pass it through. */
export type FaultRule = (request: ProxiedRequest) => FaultAnswer | NetworkFault | null;

export interface FaultProxy {
  url: string;
  /** Every request the proxy saw, in order. */
  seen: ProxiedRequest[];
  set rule(rule: FaultRule);
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  let rule: FaultRule = () => null;
  const seen: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const fault = rule(request);
      if (fault && 'status' in fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body));
        return;
      }
      if (fault && 'drop' in fault && fault.drop === 'request') {
        req.socket.destroy();
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length')) as Record<string, string>;
      const forward = () =>
        fetch(new URL(request.path, targetUrl), { method: request.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined }).then(async (upstream) => {
          const pass: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'content-length') pass[k] = v;
          });
          if (!fault || 'delayMs' in fault) {
            res.writeHead(upstream.status, pass);
            if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
            else res.end();
            return;
          }
          // The service has answered (and applied what it was sent): now the answer goes wrong.
          const body = Buffer.from(await upstream.arrayBuffer());
          if ('drop' in fault) res.socket?.destroy();
          else if ('garbage' in fault) res.writeHead(upstream.status, { ...pass, 'content-type': 'application/json' }).end('{"claims": [{"id": tru\u0000\uFFFD');
          else {
            res.writeHead(upstream.status, { ...pass, 'content-length': String(body.length) });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
          }
        });
      const delay = fault && 'delayMs' in fault ? fault.delayMs : 0;
      setTimeout(() => void forward().catch(() => res.destroy()), delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    set rule(next: FaultRule) {
      rule = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FaultyServiceFixture extends ServiceFixture {
  /** In front of the service: what the engine under test talks to when a test wants faults. */
  proxy: FaultProxy;
}

/** claimsServiceFixture with a fault proxy in front of it, started after it and closed before it. */
export function faultyServiceFixture(count: number, hooks: Parameters<typeof claimsServiceFixture>[1]): FaultyServiceFixture {
  const fixture = claimsServiceFixture(count, hooks) as FaultyServiceFixture;
  hooks.beforeAll(async () => {
    fixture.proxy = await startFaultProxy(fixture.service.url);
  });
  hooks.afterAll(async () => fixture.proxy?.close());
  return fixture;
}
