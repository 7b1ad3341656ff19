// The window's size and position, remembered in userData/window-state.json. The file is input like
// any other: parsed with zod on read, and a position that is on no current screen (a monitor was
// unplugged) is dropped so the window never opens out of sight.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Pixels = z.number().int().min(-100_000).max(100_000);

export const WindowState = z.strictObject({
  x: Pixels,
  y: Pixels,
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

/** What the window opens with: no x/y means "let the system centre it". */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1440, height: 900, maximized: false };

/** How much of the window must be on a screen to count as visible: enough of the title bar to grab. */
const GRAB = { width: 120, height: 40 };

function overlaps(state: WindowState, area: Area): boolean {
  const width = Math.min(state.x + state.width, area.x + area.width) - Math.max(state.x, area.x);
  const height = Math.min(state.y + GRAB.height, area.y + area.height) - Math.max(state.y, area.y);
  return width >= GRAB.width && height >= GRAB.height;
}

/** The bounds to open with, from the saved file (if valid) and the screens there are now. */
export function restoreBounds(file: string, screens: readonly Area[]): WindowBounds {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_BOUNDS; // no file yet, or not JSON: first run or a damaged file, start fresh
  }
  const parsed = WindowState.safeParse(raw);
  if (!parsed.success) {
    console.warn(`window-state: ignoring ${file}: ${z.prettifyError(parsed.error)}`);
    return DEFAULT_BOUNDS;
  }
  const state = parsed.data;
  if (!screens.some((area) => overlaps(state, area))) {
    return { width: state.width, height: state.height, maximized: state.maximized };
  }
  return state;
}

/** Written atomically (temp file and rename): a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = WindowState.parse(state);
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(valid));
  renameSync(temp, file);
}

/** The bits of a BrowserWindow that window-state needs; the real one has them all. */
export interface TrackedWindow {
  getNormalBounds(): Area;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/** Saves the state when the window closes, and shortly after it is moved or resized (a crash keeps it too). */
export function trackWindowState(window: TrackedWindow, file: string, delayMs = 500): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    const bounds = window.getNormalBounds();
    try {
      saveWindowState(file, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      console.warn(`window-state: could not save ${file}`, error);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
