// The architecture's boundaries are enforced, not just written down: a deliberate bad import (or a
// Node/DOM global in shared/) makes the checks that `npm test` runs fail. Each case writes a probe
// file into the layer it tests, runs the real check on it, and removes it.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);
const probes: string[] = [];

function probe(relativePath: string, source: string): string {
  writeFileSync(join(root, relativePath), source);
  probes.push(relativePath);
  return relativePath;
}

afterEach(() => {
  for (const p of probes.splice(0)) rmSync(join(root, p), { force: true });
});

async function depcruise(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(join(root, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', file], { cwd: root });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('dependency rules (dependency-cruiser)', () => {
  it.each([
    ['electron imported from shared/', 'shared/domain/zz-probe-electron.ts', "import { app } from 'electron';\nexport const a = app;\n", 'electron-only-in-main-and-preload'],
    ['a Node built-in imported from shared/', 'shared/domain/zz-probe-node.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'shared-imports-no-node'],
    ['another layer imported from shared/', 'shared/domain/zz-probe-layer.ts', "export * from '../../test/unit/architecture/fixture-layer.js';\n", 'shared-imports-no-other-layer'],
    ['React imported from shared/', 'shared/domain/zz-probe-react.ts', "import { useState } from 'react';\nexport const u = useState;\n", 'shared-imports-no-platform-packages'],
    ['an unresolvable import', 'shared/domain/zz-probe-missing.ts', "export * from './does-not-exist.js';\n", 'no-unresolvable-imports'],
  ])('fails on %s', async (_name, file, source, rule) => {
    probe(file, source);
    const result = await depcruise(file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });

  it('fails when electron is imported outside electron/main and electron/preload', async () => {
    const file = probe('test/unit/architecture/zz-probe-engine-electron.ts', "import { app } from 'electron';\nexport const a = app;\n");
    const result = await depcruise(file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('electron-only-in-main-and-preload');
  });

  it.each([
    ['the demo generator imported by the service', 'server/zz-probe-demo.ts', "export * from './demo/random.js';\n", 'service-without-demo-generator'],
    ['engine code imported by the renderer', 'renderer/zz-probe-engine.ts', "export * from '../electron/engine/serial.js';\n", 'renderer-through-contract-only'],
    ['server code imported by the renderer', 'renderer/zz-probe-server.ts', "export * from '../server/config.js';\n", 'renderer-through-contract-only'],
    ['the renderer imported by the engine', 'electron/engine/zz-probe-renderer.ts', "export * from '../../renderer/api/transport.js';\n", 'engine-not-on-server-or-ui'],
    ['the contract imported by the domain', 'shared/domain/zz-probe-contract.ts', "export * from '../contract/sync.js';\n", 'domain-imports-only-domain'],
  ])('fails on %s', async (_name, file, source, rule) => {
    probe(file, source);
    const result = await depcruise(file);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });

  it('passes a clean file of the same layer', async () => {
    const file = probe('shared/domain/zz-probe-clean.ts', "import { z } from 'zod';\nexport const s = z.string();\n");
    const result = await depcruise(file);
    expect(result.output).not.toContain('error');
    expect(result.ok).toBe(true);
  });
});

describe('shared/ compiles without Node or DOM types', () => {
  const sharedOptions = (): ts.CompilerOptions => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'shared/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('shared/tsconfig.json could not be read');
    return config.options;
  };
  const diagnose = (file: string) => {
    const program = ts.createProgram([join(root, file)], sharedOptions());
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('rejects a DOM global', () => {
    const file = probe('shared/domain/zz-probe-dom.ts', 'export const title = document.title;\n');
    expect(diagnose(file).join('\n')).toMatch(/Cannot find name 'document'/);
  });

  it('rejects a Node global', () => {
    const file = probe('shared/domain/zz-probe-process.ts', 'export const env = process.env;\n');
    expect(diagnose(file).join('\n')).toMatch(/Cannot find name 'process'/);
  });

  it('accepts plain ECMAScript', () => {
    const file = probe('shared/domain/zz-probe-es.ts', 'export const n: number = Math.max(1, Date.UTC(2026, 0, 1));\n');
    expect(diagnose(file)).toEqual([]);
  });
});
