// The browser host's per-run token, as the page received it when it loaded. It is kept in
// sessionStorage so that a reload of the same tab keeps working, and never in the URL afterwards.
const KEY = 'poe-desk:host-token';

export function hostToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return document.querySelector<HTMLMetaElement>('meta[name="poe-token"]')?.content || sessionStorage.getItem(KEY);
}
