// Renders assets/icon.svg to the PNGs electron-builder packages: assets/icon.png (512 px, from
// which it derives the macOS .icns and the Windows .ico) and assets/icons/<n>x<n>.png (the Linux
// icon set). Uses the system Chromium through playwright-core: `tsx scripts/render-icons.ts`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 48, 64, 128, 256, 512];

const svg = await readFile(path.join(ROOT, 'assets', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium() });
try {
  await mkdir(path.join(ROOT, 'assets', 'icons'), { recursive: true });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await writeFile(path.join(ROOT, 'assets', 'icons', `${size}x${size}.png`), png);
    if (size === 512) await writeFile(path.join(ROOT, 'assets', 'icon.png'), png);
    await page.close();
  }
  console.log(`rendered assets/icon.png and assets/icons/{${SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
} finally {
  await browser.close();
}
