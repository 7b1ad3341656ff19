// The app's own origin. The renderer is served from app://poe-desk/ (security checklist #18:
// "Avoid usage of the file:// protocol and prefer usage of custom protocols"): a file:// page could
// read any file the user can, a custom scheme serves only the renderer's folder. Everything that
// decides trust (IPC senders, navigation) compares against this one place.
export const APP_SCHEME = 'app';
export const APP_HOST = 'poe-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** PoE documents: poe://documents/<sha256>, served from the engine's cache. */
export const POE_SCHEME = 'poe';
export const POE_HOST = 'documents';

/**
 * Whether a URL belongs to the app. Compares scheme and host, not URL.origin: for a custom scheme
 * Node's WHATWG URL reports the origin as "null", which would match every opaque origin.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
