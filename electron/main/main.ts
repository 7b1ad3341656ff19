// PoE Desk's main process: wires the pieces and does nothing else. The window (window.ts), what it
// may load (protocols.ts, csp.ts, navigation.ts, permissions.ts), the IPC (ipc.ts), the engine's
// process (engine-process.ts), the token (credentials.ts), the menu and the window's bounds.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, utilityProcess } from 'electron';
import { serveCachedDocument } from '../engine/serve-document.js';
import { APP_ENTRY_URL, APP_SCHEME, POE_HOST, POE_SCHEME } from './app-url.js';
import { createCredentialStore } from './credentials.js';
import { EngineProcess, EngineStartError, type EngineChild } from './engine-process.js';
import { registerIpc, sendEvent } from './ipc.js';
import { startLogFile } from './log.js';
import { buildMenuTemplate } from './menu.js';
import { saveDownloadsThroughDialog } from './downloads.js';
import { limitNavigation } from './navigation.js';
import { denyAllPermissions } from './permissions.js';
import { createAppHandler, createPoeHandler, registerPrivilegedSchemes } from './protocols.js';
import { createMainWindow } from './window.js';
import { restoreBounds, trackWindowState } from './window-state.js';

// One name and one folder for the data, in development and packaged alike (the package's name
// would otherwise give development runs a different folder). A development run (npm start) may
// point it elsewhere; a packaged app ignores the variable.
app.setName('PoE Desk');
const devRun = !app.isPackaged;
const userDataOverride = devRun ? process.env.POE_DESK_USER_DATA : undefined;
app.setPath('userData', userDataOverride ?? path.join(app.getPath('appData'), 'PoE Desk'));
app.setAppLogsPath(path.join(app.getPath('userData'), 'logs'));

// Checklist #4: every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
// Custom schemes get their privileges only if registered before `ready`.
registerPrivilegedSchemes(protocol);

// A second PoE Desk would open the same engine store; the first one's window comes forward instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void run().catch((error: unknown) => {
    console.error('PoE Desk could not start', error);
    dialog.showErrorBox('PoE Desk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function run(): Promise<void> {
  const log = startLogFile(path.join(app.getPath('logs'), 'main.log'));
  let mainWindow: BrowserWindow | null = null;
  // Checklists #13 and #14 on every webContents the app ever creates, not only the main window's.
  app.on('web-contents-created', (_event, contents) => limitNavigation(contents, () => mainWindow));

  await app.whenReady();
  console.log(`PoE Desk ${app.getVersion()} (Electron ${process.versions.electron}); data in ${app.getPath('userData')}, log in ${log.file}`);

  const appRoot = app.getAppPath();
  const userData = app.getPath('userData');
  const engineDir = path.join(userData, 'engine');

  denyAllPermissions(session.defaultSession);
  saveDownloadsThroughDialog(session.defaultSession, () => app.getPath('downloads'));
  protocol.handle(APP_SCHEME, createAppHandler(path.join(appRoot, 'dist', 'renderer')));
  protocol.handle(POE_SCHEME, createPoeHandler((sha256, range) => serveCachedDocument(path.join(engineDir, 'documents'), sha256, range)));

  const engine = await EngineProcess.start({
    fork: () => {
      const child = utilityProcess.fork(path.join(appRoot, 'dist', 'electron', 'engine', 'engine.cjs'), [], { serviceName: 'PoE Desk engine', stdio: 'pipe' });
      child.stdout?.on('data', (chunk: Buffer) => log.write('engine', chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => log.write('engine error', chunk.toString()));
      return child as unknown as EngineChild;
    },
    options: {
      dataDir: engineDir,
      serverUrl: devRun ? (process.env.POE_DESK_SERVER_URL ?? null) : null,
      documentUrlPrefix: `${POE_SCHEME}://${POE_HOST}/`,
    },
    credentials: createCredentialStore(path.join(userData, 'session.bin'), safeStorage),
    onEvent: (event, payload) => sendEvent(mainWindow?.webContents, event, payload),
  }).catch((error: unknown) => {
    if (error instanceof EngineStartError) throw new Error(`The local store could not be opened: ${error.message}`);
    throw error;
  });
  registerIpc(ipcMain, engine, async (suggestedName) => {
    const options = { defaultPath: suggestedName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
    const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return chosen.canceled ? null : (chosen.filePath ?? null);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate((command) => sendEvent(mainWindow?.webContents, 'app.command', { command }), { platform: process.platform, devTools: devRun })),
  );

  const stateFile = path.join(userData, 'window-state.json');
  const openWindow = () => {
    const window = createMainWindow({
      preloadPath: path.join(appRoot, 'dist', 'electron', 'preload', 'preload.cjs'),
      bounds: restoreBounds(stateFile, screen.getAllDisplays().map((display) => display.workArea)),
      devTools: devRun,
    });
    trackWindowState(window, stateFile);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    void window.loadURL(APP_ENTRY_URL);
  };
  openWindow();

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // The engine closes its store (flushes the outbox's last write) before the app goes.
  let engineClosed = false;
  app.on('will-quit', (event) => {
    if (engineClosed) return;
    event.preventDefault();
    void engine.close().finally(() => {
      engineClosed = true;
      app.quit();
    });
  });
}
