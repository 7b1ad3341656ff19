// The Content-Security-Policy sent with every app:// response (security checklist #7, "Define a
// Content Security Policy"). A header rather than only a <meta> tag: a header covers every response
// (workers included) and cannot be removed by markup the page might render. The renderer's own
// <meta> policy still applies on top (browsers enforce both), so this one must allow what it allows.
//
// The policy itself is shared with the browser build (shared/contract/renderer-policy.ts); here
// connect-src adds poe:, where pdf.js fetches PoE documents (with Range requests).
import { contentSecurityPolicy } from '../../shared/contract/renderer-policy.js';

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(['poe:']);

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
