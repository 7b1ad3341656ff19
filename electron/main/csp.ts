// The Content-Security-Policy sent with every app:// response (security checklist #7, "Define a
// Content Security Policy"). A header rather than only a <meta> tag: a header covers every response
// (workers included) and cannot be removed by markup the page might render. The renderer's own
// <meta> policy still applies on top (browsers enforce both), so this one must allow what it allows.
//
// What each source is for:
// - script-src 'self' 'wasm-unsafe-eval': the bundle only; pdf.js decodes some images with
//   WebAssembly. No 'unsafe-eval', no 'unsafe-inline' scripts: a partner's PDF text that reached
//   the DOM could never run.
// - style-src 'unsafe-inline': MUI (emotion) injects <style> elements at run time; styles cannot
//   run code.
// - connect-src poe:: pdf.js fetches PoE documents (with Range requests) from the poe:// protocol.
// - img-src/worker-src blob:: pdf.js renders images and may start its worker from blob: URLs.
// - default-src 'none', object-src, base-uri, form-action, frame-ancestors: nothing else loads,
//   plugins never, the base URL and form targets cannot be redirected, no one frames the app.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' poe:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every app:// response carries besides its content type. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // A file is only ever what its extension declares (no content sniffing into a script).
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
