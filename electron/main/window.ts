// The one window. Its webPreferences are the security checklist's renderer settings, spelled out
// even where they are Electron's defaults, so a reader (and test/unit/electron/secure-window-check)
// sees them without knowing the defaults of this Electron version:
// #2 no Node.js integration, #3 context isolation, #4 process sandbox, #6 webSecurity,
// #8 no insecure content, #9 no experimental features, #10 no enableBlinkFeatures,
// #11/#12 no <webview> at all.
import { BrowserWindow } from 'electron';
import type { WindowBounds } from './window-state.js';

export interface MainWindowOptions {
  preloadPath: string;
  bounds: WindowBounds;
  /** Developer tools only in a development run, never in the packaged app. */
  devTools: boolean;
}

export function createMainWindow({ preloadPath, bounds, devTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: 960,
    minHeight: 600,
    title: 'PoE Desk',
    // Shown once the first paint is ready: no white flash, no half-drawn window.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A PDF dropped on the window must not replace the app with a file:// page.
      navigateOnDragDrop: false,
      // A page cannot freeze the app with an alert() loop.
      safeDialogs: true,
      spellcheck: true,
      devTools,
      preload: preloadPath,
    },
  });
  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize();
    window.show();
  });
  return window;
}
