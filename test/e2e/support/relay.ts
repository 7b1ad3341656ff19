// A TCP relay between the desk and the claims service: the test's "network". Closing it cuts the
// desk off (every connection dropped, new ones refused) while the service stays reachable for the
// other reviewers the test plays; opening it again is the desk coming back online.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: () => number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  open(): Promise<void> {
    const server = createServer((inbound) => {
      const outbound = createConnection({ host: '127.0.0.1', port: this.target() });
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
