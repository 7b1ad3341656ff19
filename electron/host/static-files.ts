// The renderer build (dist/renderer, made by `npm run build:renderer`), served as static files. A
// path never leaves the build folder; paths without a file extension get index.html (the app
// routes itself). A missing build gets a page that says how to make it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { RENDERER_CONTENT_TYPES } from '../../shared/contract/renderer-policy.js';

const NOT_BUILT = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>PoE Desk: the interface is not built</title>
<body style="font: 15px system-ui, sans-serif; padding: 32px; max-width: 640px">
<h1 style="font-size: 20px">The PoE Desk interface has not been built yet</h1>
<p>The engine and the claims service are running, but there is no renderer build in <code>dist/renderer</code>.</p>
<p>Build it with <code>npm run build:renderer</code>, then reload this page (no restart needed).</p>
</body></html>`;

export async function serveStatic(rendererDir: string, pathname: string, response: ServerResponse, headOnly: boolean, headers: Record<string, string>): Promise<void> {
  const root = path.resolve(rendererDir);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    relative = '/';
  }
  let file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // An app route (no extension) is the app; a missing asset is a 404.
    if (path.extname(file) !== '') {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(NOT_BUILT);
      return;
    }
  }
  const type = RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Vite names assets by content hash: they never change. index.html must always be fresh.
  const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'content-type': type, 'content-length': String(info.size), 'cache-control': cache });
  if (headOnly) {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
