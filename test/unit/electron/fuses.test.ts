// The afterPack hook flips the fuses in the packed binary. A stand-in binary carries the real fuse
// wire layout (sentinel, version, length, one byte per fuse), so @electron/fuses reads and writes
// it exactly as it does Electron's.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, packedElectronPath } from '../../../scripts/after-pack.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, integrity off, asar-only off, snapshot off, file:// privileges on. */
const DEFAULT_WIRE = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'poe-fuses-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const context = (platform: string) => ({ appOutDir: dir, electronPlatformName: platform, arch: 1, packager: { appInfo: { productFilename: 'PoE Desk' }, executableName: 'poe-desk' } });

describe('afterPack', () => {
  it('sets every fuse of the wire in the packed Linux binary', async () => {
    const binary = path.join(dir, 'poe-desk');
    await writeFile(binary, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length, ...DEFAULT_WIRE]), Buffer.alloc(4096, 7)]));
    await afterPack(context('linux'));
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Only the wire changed: the rest of the binary is byte for byte the same.
    const bytes = await readFile(binary);
    expect(bytes.subarray(0, 4096).every((b) => b === 7)).toBe(true);
    expect(bytes.length).toBe(4096 + SENTINEL.length + 2 + DEFAULT_WIRE.length + 4096);
  });

  it('fails loudly on a binary without a fuse wire rather than ship it unfused', async () => {
    await writeFile(path.join(dir, 'poe-desk'), Buffer.alloc(1024));
    await expect(afterPack(context('linux'))).rejects.toThrow(/sentinel/);
  });

  it('finds the binary of each platform', () => {
    expect(packedElectronPath(context('linux'))).toBe(path.join(dir, 'poe-desk'));
    expect(packedElectronPath(context('win32'))).toBe(path.join(dir, 'PoE Desk.exe'));
    expect(packedElectronPath(context('darwin'))).toBe(path.join(dir, 'PoE Desk.app'));
    expect(() => packedElectronPath(context('plan9'))).toThrow(/no Electron binary location/);
  });
});
