// "Save a copy" in the desktop app (issue 18.4): the viewer hands a PoE's (or an attachment's)
// original bytes to a download of a blob: URL made by the app's own page; main answers it with the
// system's save dialog, the document's name proposed in the Downloads folder. The window never
// downloads anything else: any other download is cancelled.
import path from 'node:path';
import type { Session } from 'electron';
import { isAppUrl } from './app-url.js';

/** A blob: URL the app's page created (blob:app://poe-desk/<uuid>). */
export function isAppBlobUrl(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

export function saveDownloadsThroughDialog(session: Pick<Session, 'on'>, downloadsFolder: () => string): void {
  session.on('will-download', (_event, item) => {
    if (!isAppBlobUrl(item.getURL())) {
      console.warn(`downloads: cancelled a download of ${item.getURL()}: only copies the viewer saves are downloaded`);
      item.cancel();
      return;
    }
    const name = item.getFilename();
    // No save path set: Electron shows the system's save dialog with these options.
    item.setSaveDialogOptions({
      title: 'Save a copy',
      defaultPath: path.join(downloadsFolder(), name),
      filters: name.toLowerCase().endsWith('.pdf') ? [{ name: 'PDF', extensions: ['pdf'] }] : [],
    });
  });
}
