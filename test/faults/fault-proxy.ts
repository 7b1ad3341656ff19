// An HTTP proxy in front of the claims service that answers chosen requests itself (a failing
// document store, a refusal the service would give) and passes every other request through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
}

export interface FaultAnswer {
  status: number;
  body: unknown;
}

/** Answers a request itself (a fault), or null to pass it through. */
export type FaultRule = (request: ProxiedRequest) => FaultAnswer | null;

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
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length')) as Record<string, string>;
      fetch(new URL(request.path, targetUrl), { method: request.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined })
        .then((upstream) => {
          const pass: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') pass[k] = v;
          });
          res.writeHead(upstream.status, pass);
          if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
          else res.end();
        })
        .catch(() => res.destroy());
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
