// Keyboard shortcuts (design: J/K, A, P, X, 1-9, F / Ctrl+F, PgDn/PgUp, +/-, ?): one window
// listener; components register what a key does while they are on screen. Keys are ignored while
// the reviewer types in a field or a dialog is open, so "a" in a comment never approves.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppCommand } from '../../shared/contract/desktop.js';
import { useClient } from '../app/client-context.js';

export type Handler = () => void;
type Registry = Map<string, Handler[]>;

const RegistryContext = createContext<Registry | null>(null);

/**
 * The name of a key press: "j", "?", "ctrl+f", "pagedown", "+". The number row is named by its
 * position (event.code), not by the character it types: on a Czech keyboard it types "+ ě š č ř",
 * and the checklist's 1-9 must still work there. Letters are named by the character, which is where
 * J/K/A/P/X/F are on every layout the desk is used with.
 */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>): string {
  const digit = /^Digit([0-9])$/.exec(e.code ?? '');
  const key = digit && !e.ctrlKey && !e.metaKey && !e.altKey ? digit[1]! : e.key.toLowerCase();
  return `${e.ctrlKey || e.metaKey ? 'ctrl+' : ''}${e.altKey ? 'alt+' : ''}${key}`;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/**
 * A dialog, menu or popover is open. One that is closing stays in the page for its exit transition
 * (a menu's ~200 ms fade) but MUI marks it aria-hidden as soon as it starts closing: it must not
 * swallow the next key (F pressed right after choosing a zoom did nothing).
 */
function overlayOpen(): boolean {
  return document.querySelector('.MuiModal-root:not([aria-hidden="true"])') !== null;
}

/** Electron's menu sends the same commands the keys give (app.command); they run the same bindings. */
const COMMAND_KEYS: Record<AppCommand, string> = {
  next: 'j',
  previous: 'k',
  approve: 'a',
  requestAction: 'p',
  reject: 'x',
  find: 'f',
  zoomIn: '+',
  zoomOut: '-',
  help: '?',
};

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [registry] = useState<Registry>(() => new Map());
  useEffect(
    () =>
      client.on('app.command', ({ command }) => {
        const handlers = registry.get(COMMAND_KEYS[command]);
        if (handlers?.length && !overlayOpen()) handlers[handlers.length - 1]!();
      }),
    [client, registry],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const name = keyName(e);
      const handlers = registry.get(name);
      if (!handlers?.length) return;
      // Ctrl+F is the one shortcut that works from a field too: it replaces the browser's find.
      if (name !== 'ctrl+f' && (typingIn(e.target) || overlayOpen())) return;
      e.preventDefault();
      handlers[handlers.length - 1]!();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

/** Bind keys while the calling component is mounted; the latest binding of a key wins. */
export function useShortcuts(bindings: Record<string, Handler | null | undefined>) {
  const registry = useContext(RegistryContext);
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });
  const keys = Object.keys(bindings).filter((k) => bindings[k]).sort().join(' ');
  useEffect(() => {
    if (!registry || !keys) return;
    const entries = keys.split(' ').map((k) => [k, () => latest.current[k]?.()] as const);
    for (const [k, h] of entries) registry.set(k, [...(registry.get(k) ?? []), h]);
    return () => {
      for (const [k, h] of entries) registry.set(k, (registry.get(k) ?? []).filter((x) => x !== h));
    };
  }, [registry, keys]);
}
