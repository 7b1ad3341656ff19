// HTTP byte ranges (RFC 9110 section 14) for PoE documents, which pdf.js reads in pieces: one
// parser for every place that serves them (the claims service, the engine's cache behind the
// browser host and Electron's poe:// protocol).
//
// One range is served as 206. Several ranges, another unit or an invalid range-spec (last before
// first) mean the header is ignored and the whole body is sent (200), as the RFC says; a range that
// starts past the end is 416.
export type ByteRange = { start: number; end: number };

export function parseRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return null;
  if (first === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
