// How the bridge's calls and events are named on Electron's IPC, shared by the preload and main.
// Calls use the contract's channel names as they are (ipcRenderer.invoke / ipcMain.handle); events
// get a prefix, because 'sync.status' is both a channel and an event and the two must not be
// confused on ipcRenderer.on.
export const eventChannel = (event: string): string => `poeDesk.event:${event}`;
