// What the renderer may load and how its files are typed: one policy for both ways the app is
// served, Electron's app:// protocol (electron/main) and the browser build's host (electron/host),
// so the desktop and the browser build cannot drift apart.
//
// What each source is for:
// - script-src 'self' 'wasm-unsafe-eval': the bundle only; pdf.js decodes some images with
//   WebAssembly. No 'unsafe-eval', no inline scripts: a partner's PDF text that reached the DOM
//   could never run.
// - style-src 'unsafe-inline': MUI (emotion) injects <style> elements at run time; styles cannot run code.
// - img-src/worker-src blob:: pdf.js renders images and may start its worker from blob: URLs.
// - connect-src: the app's own origin, plus where PoE documents come from when that is another
//   scheme (Electron's poe://).
// - default-src 'none', object-src, frame-src, base-uri, form-action, frame-ancestors: nothing else
//   loads, plugins never, the base URL and form targets cannot be redirected, no one frames the app.
export function contentSecurityPolicy(documentSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...documentSources].join(' '),
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Content types of the renderer build's files; anything else is served as octet-stream. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
