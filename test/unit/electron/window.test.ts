// Every window option, as createMainWindow hands it to a (mocked) BrowserWindow.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly maximize = vi.fn();
    readonly show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.created.push(this);
    }
    once(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { BrowserWindow: FakeWindow };
});
vi.mock('electron', () => electron);

const { createMainWindow } = await import('../../../electron/main/window.js');

beforeEach(() => {
  electron.BrowserWindow.created.length = 0;
});

describe('createMainWindow', () => {
  const open = (overrides: Partial<Parameters<typeof createMainWindow>[0]> = {}) => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload/preload.cjs', bounds: { x: 10, y: 20, width: 1300, height: 800, maximized: false }, devTools: false, ...overrides });
    return electron.BrowserWindow.created.at(-1)!;
  };

  it('isolates, sandboxes and secures the renderer', () => {
    const prefs = open().options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: false,
      preload: '/app/dist/electron/preload/preload.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('opens with the remembered bounds, hidden until its first paint', () => {
    const window = open();
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 1300, height: 800, show: false, title: 'PoE Desk' });
    expect(window.show).not.toHaveBeenCalled();
    window.listeners.get('ready-to-show')!();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.maximize).not.toHaveBeenCalled();
  });

  it('maximizes again a window that was closed maximized', () => {
    const window = open({ bounds: { width: 1300, height: 800, maximized: true } });
    expect(window.options).not.toHaveProperty('x', expect.anything());
    window.listeners.get('ready-to-show')!();
    expect(window.maximize).toHaveBeenCalledOnce();
  });

  it('offers developer tools only when asked (development runs)', () => {
    expect((open({ devTools: true }).options.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });
});
