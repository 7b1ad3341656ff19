// Where the window may go. Security checklist #13 ("Disable or limit navigation") and #14 ("Disable
// or limit creation of new windows"): the window only ever shows app://poe-desk/; a link elsewhere
// (a partner's website in a claim, a link inside a PoE) never loads inside the app. #15 ("Do not
// use shell.openExternal with untrusted content"): such a link is offered to the system browser
// only if it is https and the reviewer says yes, seeing the full address first.
import { dialog, shell, type BrowserWindow, type WebContents } from 'electron';
import { isAppUrl } from './app-url.js';

/** The one kind of address handed to the system browser: https, no credentials in it. */
export function externalUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' ? parsed : null;
  } catch {
    return null;
  }
}

/** Asks the reviewer, then opens an https link in the system browser. Anything else is refused. */
export async function openExternalAfterAsking(url: string, parent: BrowserWindow | null): Promise<boolean> {
  const target = externalUrl(url);
  if (!target) {
    console.warn(`navigation: refused to open ${url}: only https links open outside PoE Desk`);
    return false;
  }
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open a link outside PoE Desk?',
    message: `Open ${target.host} in your web browser?`,
    detail: `${target.href}\n\nThe link comes from a claim or a document. Open it only if you trust where it leads.`,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(target.href);
  return true;
}

/** Applied to every webContents the app creates (app 'web-contents-created'). */
export function limitNavigation(contents: WebContents, parentWindow: () => BrowserWindow | null): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternalAfterAsking(url, parentWindow()).catch((error: unknown) => console.error('navigation: opening an external link failed', error));
  };
  contents.on('will-navigate', (event, url) => stayInApp(event, url));
  // A redirect is a navigation too (a 30x from anywhere must not carry the window off).
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // Frames inside the page: none are expected; none may leave the app either.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // window.open and target=_blank: never a new Electron window; https links go to the browser, if the reviewer agrees.
  contents.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url)) {
      void openExternalAfterAsking(url, parentWindow()).catch((error: unknown) => console.error('navigation: opening an external link failed', error));
    }
    return { action: 'deny' };
  });
  // Checklist #12: no <webview> may be attached, whatever the page tries.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
