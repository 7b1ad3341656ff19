// The remembered window: saved atomically, read back through zod, dropped when damaged, and
// re-centred when its screen is gone.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BOUNDS, restoreBounds, saveWindowState, trackWindowState } from '../../../electron/main/window-state.js';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1080 };
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'poe-window-state-'));
  file = path.join(dir, 'window-state.json');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('restoreBounds', () => {
  it('opens with the defaults on the first run', () => {
    expect(restoreBounds(file, [SCREEN])).toEqual(DEFAULT_BOUNDS);
  });

  it('restores what was saved', () => {
    saveWindowState(file, { x: 100, y: 50, width: 1280, height: 800, maximized: true });
    expect(restoreBounds(file, [SCREEN])).toEqual({ x: 100, y: 50, width: 1280, height: 800, maximized: true });
  });

  it('ignores a damaged or tampered file', async () => {
    for (const content of ['{not json', JSON.stringify({ x: 1, y: 1, width: 10, height: 10, maximized: false }), JSON.stringify({ x: 1, y: 1, width: 1280, height: 800, maximized: 'yes' }), JSON.stringify({ x: 1, y: 1, width: 1280, height: 800, maximized: false, preload: '/tmp/evil.js' })]) {
      await writeFile(file, content);
      expect(restoreBounds(file, [SCREEN]), content).toEqual(DEFAULT_BOUNDS);
    }
  });

  it('keeps the size but lets the system place a window whose screen is gone', () => {
    saveWindowState(file, { x: 2500, y: 100, width: 1280, height: 800, maximized: false });
    expect(restoreBounds(file, [SCREEN])).toEqual({ width: 1280, height: 800, maximized: false });
    expect(restoreBounds(file, [SCREEN, { x: 1920, y: 0, width: 2560, height: 1440 }])).toMatchObject({ x: 2500, y: 100 });
  });

  it('needs the title bar on a screen, not just a corner of the window', () => {
    saveWindowState(file, { x: 100, y: -700, width: 1280, height: 800, maximized: false });
    expect(restoreBounds(file, [SCREEN])).not.toHaveProperty('y');
  });
});

describe('trackWindowState', () => {
  it('saves on close, and shortly after a move or resize', async () => {
    let maximized = false;
    const window = Object.assign(new EventEmitter(), { getNormalBounds: () => ({ x: 5, y: 6, width: 1000, height: 700 }), isMaximized: () => maximized });
    trackWindowState(window, file, 10);
    window.emit('move');
    window.emit('resize');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false });
    maximized = true;
    window.emit('close');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ maximized: true });
  });
});
