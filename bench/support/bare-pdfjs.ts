// The pdf_* figures' baseline: plain pdfjs-dist in a bare page, as a web developer would use it,
// fetching the same file with the same range server as the desk (serveCachedDocument), in the same
// Chromium. /first?sha=...&scale=... draws page 1 at that scale and records when it is drawn;
// /find?sha=...&q=... reads every page's text and finds q in it, as pdf.js's find controller does.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { serveCachedDocument } from '../../electron/engine/serve-document.js';

const PDFJS = path.resolve('node_modules/pdfjs-dist/build');

// The same loading options as the desk's viewer (renderer/viewer/pdfjs.ts): 64 KiB ranges, no auto-fetch, no streaming.
const OPEN = `
import * as pdfjsLib from '/pdf.mjs';
pdfjsLib.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
const params = new URLSearchParams(location.search);
const open = () => pdfjsLib.getDocument({ url: '/doc/' + params.get('sha'), rangeChunkSize: 65536, disableAutoFetch: true, disableStream: true, isEvalSupported: false }).promise;
`;

const PAGES: Record<string, string> = {
  '/first': `${OPEN}
const doc = await open();
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: Number(params.get('scale')) });
const canvas = document.createElement('canvas');
const ratio = window.devicePixelRatio || 1;
canvas.width = Math.floor(viewport.width * ratio);
canvas.height = Math.floor(viewport.height * ratio);
document.body.append(canvas);
await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
// Timed at the next animation frame, the first that can paint it, as the desk's page 1 is (bench/figures/pdf.ts
// APP_FIRST_PAGE): timed as soon as drawn, this side skipped the up to 16.7 ms the desk's side waited for that frame.
await new Promise((resolve) => requestAnimationFrame(resolve));
window.firstPage = performance.now();
`,
  '/find': `${OPEN}
const doc = await open();
window.opened = true;
window.find = async (q) => {
  const start = performance.now();
  let found = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = (await page.getTextContent()).items.map((i) => i.str).join(' ');
    if (text.toLowerCase().includes(q.toLowerCase())) found++;
  }
  return { ms: performance.now() - start, found };
};
`,
};

export interface BarePdfjs {
  url: string;
  close(): Promise<void>;
}

export async function startBarePdfjs(documentsDir: string): Promise<BarePdfjs> {
  const scripts = { '/pdf.mjs': await readFile(path.join(PDFJS, 'pdf.min.mjs')), '/pdf.worker.mjs': await readFile(path.join(PDFJS, 'pdf.worker.min.mjs')) };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const doc = /^\/doc\/([0-9a-f]{64})$/.exec(url.pathname);
      if (doc) {
        const answer = await serveCachedDocument(documentsDir, doc[1]!, request.headers.range);
        const headers: Record<string, string> = {};
        answer.headers.forEach((value, key) => (headers[key] = value));
        response.writeHead(answer.status, headers);
        if (!answer.body) return response.end();
        Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(response);
        return;
      }
      const script = scripts[url.pathname as keyof typeof scripts];
      if (script) {
        response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' });
        return response.end(script);
      }
      const page = PAGES[url.pathname];
      if (!page) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><meta charset="utf-8"><body style="margin:0"><script type="module">${page}</script>`);
    })().catch((error: unknown) => response.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
