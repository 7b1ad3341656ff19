// Serves a cached PoE document with HTTP range requests (pdf.js loads large PDFs in ranges). It
// answers with a standard `Response`, which the browser host pipes to its socket and Electron's
// poe:// protocol handler returns as is. It only reads the cache directory, so it can run in a
// different process from the engine that fills the cache.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseRange } from '../../shared/contract/http-range.js';
import { Sha256 } from '../../shared/domain/model.js';

const COMMON_HEADERS = {
  'accept-ranges': 'bytes',
  'content-type': 'application/pdf',
  // Content-addressed: the bytes behind a hash never change.
  'cache-control': 'private, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
};

/** Serves `<cacheDir>/<sha256>` for a Range header: 200, 206, 404 (not cached) or 416. */
export async function serveCachedDocument(cacheDir: string, sha256: string, rangeHeader: string | null | undefined): Promise<Response> {
  if (!Sha256.safeParse(sha256).success) return new Response('Not a document address: a PoE is named by its SHA-256.', { status: 400 });
  const file = path.join(cacheDir, sha256);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return new Response('This PoE document is not on this computer yet. Connect to the claims service to download it.', { status: 404 });
  }
  const range = parseRange(rangeHeader, size);
  const etag = `"${sha256}"`;
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...COMMON_HEADERS, etag, 'content-range': `bytes */${size}` } });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const body = length === 0 ? null : (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
  const headers: Record<string, string> = { ...COMMON_HEADERS, etag, 'content-length': String(length) };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  return new Response(body, { status: range ? 206 : 200, headers });
}
