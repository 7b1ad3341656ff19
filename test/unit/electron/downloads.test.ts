// Save a copy in Electron: a download of the app page's own blob: URL gets the system's save dialog
// with the document's name; any other download is cancelled.
import { describe, expect, it, vi } from 'vitest';
import { isAppBlobUrl, saveDownloadsThroughDialog } from '../../../electron/main/downloads.js';

describe('saveDownloadsThroughDialog', () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const session = { on: vi.fn() };
  saveDownloadsThroughDialog(session as never, () => '/home/jana/Downloads');
  const [event, handler] = session.on.mock.calls[0]! as [string, (event: unknown, item: unknown) => void];
  const item = (url: string, filename: string) => ({ getURL: () => url, getFilename: () => filename, cancel: vi.fn(), setSaveDialogOptions: vi.fn() });

  it('asks where to save a copy the viewer made, proposing its name', () => {
    expect(event).toBe('will-download');
    const download = item('blob:app://poe-desk/0b7c1e0a-5d1f-4c36-9a57-1c1f5b2a7f10', 'statement of work.pdf');
    handler({}, download);
    expect(download.cancel).not.toHaveBeenCalled();
    expect(download.setSaveDialogOptions).toHaveBeenCalledExactlyOnceWith({ title: 'Save a copy', defaultPath: '/home/jana/Downloads/statement of work.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  });

  it('cancels any other download', () => {
    for (const url of ['https://example.com/x.pdf', 'blob:https://example.com/abc', 'poe://documents/abc', 'blob:app://poe-desk.evil/abc']) {
      const download = item(url, 'x.pdf');
      handler({}, download);
      expect(download.cancel, url).toHaveBeenCalledOnce();
      expect(download.setSaveDialogOptions).not.toHaveBeenCalled();
    }
  });

  it('knows the app page’s blob URLs', () => {
    expect(isAppBlobUrl('blob:app://poe-desk/abc')).toBe(true);
    expect(isAppBlobUrl('app://poe-desk/abc')).toBe(false);
  });
});
