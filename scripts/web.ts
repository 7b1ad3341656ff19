// `npm run web`: PoE Desk in a browser. Starts the claims service (embedded store with demo data,
// as `npm run server` does), the desktop engine (data in .data/desktop) and the browser host, then
// prints the one address to open.
//
// Environment: POE_DESK_DATA_DIR (engine data, default .data/desktop), DATA_DIR (the service's,
// default .data/server), POE_SERVER_PORT (default: any free port), POE_WEB_PORT (default: any
// free port), POE_RENDERER_DIR (default dist/renderer), POE_SERVER_URL (use that claims service
// instead of starting the embedded one).
import { type AddressInfo, createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Engine } from '../electron/engine/engine.js';
import { startHost } from '../electron/host/host.js';
import { startClaimsService } from './claims-service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;

/** A port free right now. The service is told its port (rather than 0) so the links it prints are right. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The claims service the desk talks to: the one at POE_SERVER_URL when given (a shared team server,
 * or a test's own), otherwise an embedded one started here with the demo data.
 */
async function claimsService(): Promise<{ url: string; child: ChildProcess | null }> {
  if (env.POE_SERVER_URL) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(env.POE_SERVER_URL);
    if (!url.success) throw new Error(`POE_SERVER_URL must be an http(s) address such as http://127.0.0.1:4010, not "${env.POE_SERVER_URL}".`);
    return { url: url.data, child: null };
  }
  const port = env.POE_SERVER_PORT ?? String(await freePort());
  return startClaimsService(root, { ...env, PORT: port, DATA_DIR: env.DATA_DIR ?? path.join(root, '.data/server') }, (line) => process.stdout.write(`${line}\n`));
}

async function main(): Promise<void> {
  const service = await claimsService();
  let engine: Engine | null = null;
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    try {
      await host?.close();
      await engine?.close();
    } finally {
      service.child?.kill('SIGTERM');
      process.exit(code);
    }
  };
  try {
    engine = await Engine.open({
      dataDir: path.resolve(env.POE_DESK_DATA_DIR ?? path.join(root, '.data/desktop')),
      serverUrl: service.url,
      documentUrl: (sha) => `/poe/${sha}`,
    });
    host = await startHost({
      engine,
      rendererDir: path.resolve(env.POE_RENDERER_DIR ?? path.join(root, 'dist/renderer')),
      port: env.POE_WEB_PORT ? Number(env.POE_WEB_PORT) : 0,
    });
  } catch (error) {
    console.error((error as Error).message);
    await stop(1);
    return;
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  service.child?.once('exit', (code) => {
    if (stopping) return;
    console.error(`The claims service stopped (exit code ${code}); stopping PoE Desk.`);
    void stop(1);
  });

  console.log(`PoE Desk is running: open ${host.url}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
