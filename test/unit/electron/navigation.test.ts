// Navigation, redirects, frames, window.open and <webview>: the window never leaves app://poe-desk;
// an https link goes to the system browser only after the reviewer agrees.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  dialog: { showMessageBox: vi.fn() },
  shell: { openExternal: vi.fn() },
}));
vi.mock('electron', () => electron);

const { externalUrl, limitNavigation, openExternalAfterAsking } = await import('../../../electron/main/navigation.js');

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

const prevented = () => {
  const event = { preventDefault: vi.fn(), url: '' };
  return event;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let contents: FakeContents;
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.clearAllMocks();
  electron.dialog.showMessageBox.mockResolvedValue({ response: 1 });
  contents = new FakeContents();
  limitNavigation(contents as never, () => null);
});

describe('will-navigate', () => {
  it('lets the app move within app://poe-desk', () => {
    const event = prevented();
    contents.emit('will-navigate', event, 'app://poe-desk/index.html#/claims/1');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('stops every other destination and asks before opening an https one outside', async () => {
    for (const url of ['https://partner.example.com/case', 'http://partner.example.com', 'file:///etc/passwd', 'poe://documents/abc', 'app://poe-desk.evil.com/', 'javascript:alert(1)']) {
      const event = prevented();
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
    await settle();
    // Only the https link reached the question; the reviewer said Cancel, so nothing opened.
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('stops redirects and frame navigations away from the app', () => {
    const redirect = prevented();
    contents.emit('will-redirect', redirect, 'https://elsewhere.example.com');
    expect(redirect.preventDefault).toHaveBeenCalledOnce();
    const frame = { ...prevented(), url: 'https://elsewhere.example.com' };
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalledOnce();
    const inApp = { ...prevented(), url: 'app://poe-desk/index.html' };
    contents.emit('will-frame-navigate', inApp);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses every <webview>', () => {
    const event = prevented();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('window.open', () => {
  it('never opens an Electron window, even for the app itself', () => {
    expect(contents.windowOpenHandler!({ url: 'app://poe-desk/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://partner.example.com' })).toEqual({ action: 'deny' });
  });

  it('opens an https link in the system browser when the reviewer agrees', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 0 });
    contents.windowOpenHandler!({ url: 'https://partner.example.com/poe?id=1' });
    await settle();
    const question = electron.dialog.showMessageBox.mock.calls[0]![0] as { message: string; detail: string; defaultId: number; cancelId: number };
    expect(question.message).toContain('partner.example.com');
    expect(question.detail).toContain('https://partner.example.com/poe?id=1');
    // Enter and Escape both mean "no": opening needs a deliberate click.
    expect(question.defaultId).toBe(1);
    expect(question.cancelId).toBe(1);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://partner.example.com/poe?id=1');
  });

  it('does not even ask for a link that is not https', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 0 });
    for (const url of ['http://partner.example.com', 'file:///C:/Windows/system32/calc.exe', 'smb://server/share', 'ms-msdt:/id', 'mailto:a@b.c']) {
      contents.windowOpenHandler!({ url });
    }
    await settle();
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('externalUrl', () => {
  it('accepts https only, without credentials in the address', () => {
    expect(externalUrl('https://example.com/a')?.href).toBe('https://example.com/a');
    expect(externalUrl('https://user:pw@example.com/')).toBeNull();
    expect(externalUrl('HTTP://example.com')).toBeNull();
    expect(externalUrl('not a url')).toBeNull();
  });

  it('openExternalAfterAsking reports whether it opened', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 1 });
    expect(await openExternalAfterAsking('https://example.com', null)).toBe(false);
    electron.dialog.showMessageBox.mockResolvedValue({ response: 0 });
    expect(await openExternalAfterAsking('https://example.com', null)).toBe(true);
  });
});
