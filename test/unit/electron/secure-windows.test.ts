// CI check: every BrowserWindow in the repository is created with contextIsolation: true,
// sandbox: true, nodeIntegration: false and webSecurity: true, written out. The check proves itself
// on a bad fixture (test/fixtures/electron/insecure-windows.ts) first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanFiles, scanSource, sourceFiles } from './secure-window-scan.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/electron/insecure-windows.ts');

describe('the secure-window check', () => {
  it('flags every insecure window of the bad fixture, and only those', async () => {
    const findings = await scanFiles([FIXTURE]);
    const byLine = new Map<number, string[]>();
    for (const { line, problem } of findings) byLine.set(line, [...(byLine.get(line) ?? []), problem]);
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12, 14, 15, 16]);
    expect(byLine.get(8)).toEqual(['no options: the webPreferences must be written out']);
    expect(byLine.get(9)).toEqual(['no webPreferences']);
    expect(byLine.get(10)).toEqual(['nodeIntegration must be literally false']);
    expect(byLine.get(11)).toEqual(['sandbox is not set (must be true)']);
    expect(byLine.get(12)![0]).toMatch(/spread in webPreferences/);
    expect(byLine.get(14)![0]).toMatch(/not an object literal/);
    expect(byLine.get(15)).toEqual(['webSecurity must be literally true']);
    expect(byLine.get(16)).toEqual(['sandbox must be literally true']);
  });

  it('follows an imported alias and a destructured require', () => {
    const aliased = scanSource('a.ts', "import { BrowserWindow as Win } from 'electron';\nnew Win({ webPreferences: { sandbox: false } });");
    expect(aliased.map((f) => f.line)).toEqual([2, 2, 2, 2]);
    const required = scanSource('b.cjs', "const { BrowserWindow: W } = require('electron');\nnew W({});");
    expect(required).toEqual([{ file: 'b.cjs', line: 2, problem: 'no webPreferences' }]);
  });

  it('finds no insecure BrowserWindow in the repository', async () => {
    const files = await sourceFiles(ROOT, ['test/fixtures']);
    expect(files.some((file) => file.endsWith(path.join('electron', 'main', 'window.ts')))).toBe(true);
    expect(await scanFiles(files)).toEqual([]);
  });
});
