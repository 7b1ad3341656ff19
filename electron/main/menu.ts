// The application menu: the reviewer's shortcuts, findable with the mouse. The renderer handles the
// keys itself (the browser build has no menu), so the single-letter accelerators are shown but not
// registered (registerAccelerator: false): a registered "A" would swallow every "a" typed into a
// comment. Picking an item sends the same command to the page as an `app.command` event.
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract/desktop.js';

interface Shortcut {
  command: AppCommand;
  label: string;
  key: string;
}

const REVIEW: Shortcut[] = [
  { command: 'next', label: 'Next claim', key: 'J' },
  { command: 'previous', label: 'Previous claim', key: 'K' },
];
const DECIDE: Shortcut[] = [
  { command: 'approve', label: 'Approve', key: 'A' },
  { command: 'requestAction', label: 'Request partner action', key: 'P' },
  { command: 'reject', label: 'Reject', key: 'X' },
];
const DOCUMENT: Shortcut[] = [
  { command: 'find', label: 'Find in document', key: 'F' },
  // "Plus", not "+": in an accelerator "+" joins the keys.
  { command: 'zoomIn', label: 'Zoom in', key: 'Plus' },
  { command: 'zoomOut', label: 'Zoom out', key: '-' },
];
const HELP: Shortcut = { command: 'help', label: 'Keyboard shortcuts', key: '?' };

export function buildMenuTemplate(send: (command: AppCommand) => void, options: { platform: NodeJS.Platform; devTools: boolean }): MenuItemConstructorOptions[] {
  const item = ({ command, label, key }: Shortcut): MenuItemConstructorOptions => ({
    label,
    accelerator: key,
    registerAccelerator: false,
    click: () => send(command),
  });
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { label: '&File', submenu: [mac ? { role: 'close' as const } : { role: 'quit' as const }] },
    // Undo, cut, copy, paste and select-all in text fields: on macOS they exist only through this menu.
    { role: 'editMenu' },
    { label: '&Review', submenu: [...REVIEW.map(item), { type: 'separator' }, ...DECIDE.map(item)] },
    {
      label: '&View',
      submenu: [
        ...DOCUMENT.map(item),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'help', submenu: [item(HELP), ...(mac ? [] : [{ role: 'about' as const }])] },
  ];
}
