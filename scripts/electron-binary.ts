// Where the Electron binary is, found the way the `electron` package finds it (its path.txt, its
// dist/ folder, ELECTRON_OVERRIDE_DIST_PATH), but without ever starting its download: where the
// binary is missing, `npm start` must say so at once rather than wait on a network that is not there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { ok: true; executable: string } | { ok: false; reason: string };

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run `npm ci`)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(executable) ? { ok: true, executable } : { ok: false, reason: `its binary is not at ${executable} (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (!relative) {
    return {
      ok: false,
      reason: 'its binary is not installed and cannot be downloaded here (node_modules/electron/path.txt is missing: the electron package fetches the binary from GitHub on first use; `node node_modules/electron/install.js` retries where GitHub is reachable)',
    };
  }
  const executable = path.join(packageDir, 'dist', relative);
  return existsSync(executable) ? { ok: true, executable } : { ok: false, reason: `its binary ${path.relative(root, executable)} is missing (reinstall with \`npm ci\`)` };
}
