// The application menu carries the reviewer's shortcuts, shown but not registered (the page handles
// the keys), and each item sends its command to the page.
import { describe, expect, it, vi } from 'vitest';
import { AppCommand } from '../../../shared/contract/desktop.js';
import { buildMenuTemplate } from '../../../electron/main/menu.js';

type Item = { label?: string; role?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void; submenu?: Item[] };
const flatten = (items: Item[]): Item[] => items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);

describe('application menu', () => {
  const send = vi.fn();
  const items = flatten(buildMenuTemplate(send, { platform: 'linux', devTools: false }) as Item[]);
  const byKey = new Map(items.filter((item) => item.accelerator).map((item) => [item.accelerator, item]));

  it('lists the reviewer shortcuts J, K, A, P, X, F, +, -, ?', () => {
    expect([...byKey.keys()].sort()).toEqual(['Plus', '-', '?', 'A', 'F', 'J', 'K', 'P', 'X'].sort());
  });

  it('does not register single keys as accelerators (typing "a" in a comment must stay an "a")', () => {
    for (const item of byKey.values()) expect(item.registerAccelerator, item.label).toBe(false);
  });

  it('sends every command of the contract, each from its own item', () => {
    for (const item of byKey.values()) item.click!();
    expect(send.mock.calls.map(([command]) => command).sort()).toEqual([...AppCommand.options].sort());
    expect(byKey.get('J')!.label).toBe('Next claim');
    expect(byKey.get('X')!.label).toBe('Reject');
  });

  it('offers the edit roles, and developer tools only in development', () => {
    expect(items.some((item) => item.role === 'editMenu')).toBe(true);
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(flatten(buildMenuTemplate(send, { platform: 'linux', devTools: true }) as Item[]).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('has the macOS application menu on macOS only', () => {
    expect(items.some((item) => item.role === 'appMenu')).toBe(false);
    expect((buildMenuTemplate(send, { platform: 'darwin', devTools: false }) as Item[])[0]!.role).toBe('appMenu');
  });
});
