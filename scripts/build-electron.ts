// Bundles what Electron runs, from TypeScript, into dist/:
//   dist/electron/main/main.js        the main process (ESM, Node inside Electron)
//   dist/electron/preload/preload.cjs the window's preload (CommonJS: a sandboxed preload cannot load ESM)
//   dist/electron/engine/engine.cjs   the engine's utility-process entry
//   dist/build/after-pack.cjs         electron-builder's afterPack hook (sets the fuses)
// `tsx scripts/build-electron.ts` builds all; scripts/start.ts calls buildElectron() when stale.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CHANNEL_NAMES, EVENT_NAMES } from '../shared/contract/desktop.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (...parts: string[]) => path.join(ROOT, 'dist', ...parts);

export const OUTPUTS = {
  main: out('electron', 'main', 'main.js'),
  preload: out('electron', 'preload', 'preload.cjs'),
  engine: out('electron', 'engine', 'engine.cjs'),
  afterPack: out('build', 'after-pack.cjs'),
};
/** Every source file the last build read, to tell whether the bundles are stale. */
const INPUTS_FILE = out('electron', 'inputs.json');

/**
 * The preload needs only the contract's names. Bundling the real module would pull zod, the domain
 * and the holiday calendars (1.5 MB) into every page load; this plugin swaps in the names, taken
 * from the real contract at build time, so the preload still exposes exactly the contract.
 */
const contractNamesOnly: esbuild.Plugin = {
  name: 'contract-names-only',
  setup(build) {
    build.onResolve({ filter: /shared\/contract\/desktop\.js$/ }, () => ({ path: 'contract-names', namespace: 'contract-names' }));
    build.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      contents: `export const CHANNEL_NAMES = ${JSON.stringify(CHANNEL_NAMES)};\nexport const EVENT_NAMES = ${JSON.stringify(EVENT_NAMES)};\n`,
      loader: 'js',
    }));
  },
};

// Bundled ESM still meets CommonJS packages that call require() for Node built-ins.
const ESM_REQUIRE_BANNER = "import { createRequire as __poeCreateRequire } from 'node:module'; const require = __poeCreateRequire(import.meta.url);";

/** Electron 45's Node and Chromium are at least this recent; an older target only costs a little syntax lowering. */
const NODE_TARGET = 'node22';

/** The four bundles' esbuild options (the preload's test builds its bundle from these too). */
export function electronBuildOptions(): Record<keyof typeof OUTPUTS, esbuild.BuildOptions> {
  const common: esbuild.BuildOptions = { bundle: true, sourcemap: true, logLevel: 'warning', metafile: true, absWorkingDir: ROOT, legalComments: 'none' };
  return {
    main: {
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: OUTPUTS.main,
      platform: 'node',
      target: NODE_TARGET,
      format: 'esm',
      external: ['electron'],
      banner: { js: ESM_REQUIRE_BANNER },
    },
    preload: {
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: OUTPUTS.preload,
      // A sandboxed preload is a browser context with a small require(): only 'electron' is external.
      platform: 'browser',
      target: 'chrome140',
      format: 'cjs',
      external: ['electron'],
      plugins: [contractNamesOnly],
    },
    engine: {
      ...common,
      entryPoints: ['electron/engine/process.ts'],
      outfile: OUTPUTS.engine,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
    },
    afterPack: {
      ...common,
      entryPoints: ['scripts/after-pack.ts'],
      outfile: OUTPUTS.afterPack,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // electron-builder runs the hook from this project: its packages resolve from node_modules.
      packages: 'external',
    },
  };
}

export async function buildElectron(): Promise<void> {
  const results = await Promise.all(Object.values(electronBuildOptions()).map((options) => esbuild.build(options)));
  const inputs = new Set<string>();
  for (const result of results) for (const input of Object.keys(result.metafile?.inputs ?? {})) if (!input.includes('node_modules/') && !input.includes(':')) inputs.add(input);
  await mkdir(path.dirname(INPUTS_FILE), { recursive: true });
  await writeFile(INPUTS_FILE, JSON.stringify([...inputs].sort(), null, 1));
}

const mtime = (file: string) => stat(file).then((s) => s.mtimeMs, () => null);

/** Why the bundles must be rebuilt, or null when every output is newer than every input. */
export async function electronStaleReason(): Promise<string | null> {
  const built = await Promise.all(Object.values(OUTPUTS).map(mtime));
  if (built.some((t) => t === null)) return 'not built yet';
  const oldest = Math.min(...(built as number[]));
  let inputs: string[];
  try {
    inputs = JSON.parse(await readFile(INPUTS_FILE, 'utf8')) as string[];
  } catch {
    return 'no record of its sources';
  }
  for (const input of [...inputs, 'package-lock.json', 'scripts/build-electron.ts']) {
    const t = await mtime(path.join(ROOT, input));
    if (t === null || t > oldest) return `${input} changed`;
  }
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
  console.log(`built ${Object.values(OUTPUTS).map((file) => path.relative(ROOT, file)).join(', ')}`);
}
