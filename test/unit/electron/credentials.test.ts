// The session token: encrypted on disk through safeStorage, never written in plain text, kept in
// memory only where the OS cannot encrypt.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canEncrypt, createCredentialStore } from '../../../electron/main/credentials.js';

/** A stand-in for the OS keychain: XOR with a key, so the bytes on disk differ from the token. */
function fakeSafeStorage(options: { available?: boolean; backend?: 'basic_text' | 'gnome_libsecret' } = {}) {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(text).map((b) => b ^ key)]),
    decryptString: (data: Buffer) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(3).map((b) => b ^ key)).toString();
    },
  };
}

const TOKEN = 'session-token-3f9c2a';
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'poe-credentials-'));
  file = path.join(dir, 'session.bin');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('credential store', () => {
  it('keeps the token encrypted on disk, readable by the next start', async () => {
    await createCredentialStore(file, fakeSafeStorage(), 'linux').set(TOKEN);
    const onDisk = await readFile(file);
    expect(onDisk.toString('latin1')).not.toContain(TOKEN);
    expect((await stat(file)).mode & 0o077).toBe(0);
    await expect(createCredentialStore(file, fakeSafeStorage(), 'linux').get()).resolves.toBe(TOKEN);
  });

  it('forgets the token on sign-out', async () => {
    const store = createCredentialStore(file, fakeSafeStorage(), 'linux');
    await store.set(TOKEN);
    await store.clear();
    await expect(store.get()).resolves.toBeNull();
    await expect(stat(file)).rejects.toThrow();
    await expect(createCredentialStore(file, fakeSafeStorage(), 'linux').get()).resolves.toBeNull();
  });

  it('writes nothing where Linux offers only its plain-text backend, and keeps the token for this run', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const store = createCredentialStore(file, storage, 'linux');
    await store.set(TOKEN);
    await expect(stat(file)).rejects.toThrow();
    await expect(store.get()).resolves.toBe(TOKEN);
    await expect(createCredentialStore(file, storage, 'linux').get()).resolves.toBeNull();
  });

  it('writes nothing when encryption is unavailable', async () => {
    const store = createCredentialStore(file, fakeSafeStorage({ available: false }), 'darwin');
    await store.set(TOKEN);
    await expect(stat(file)).rejects.toThrow();
  });

  it('drops a file it cannot decrypt (another keychain, damage) and asks for a sign-in', async () => {
    await writeFile(file, 'garbage');
    await expect(createCredentialStore(file, fakeSafeStorage(), 'win32').get()).resolves.toBeNull();
    await expect(stat(file)).rejects.toThrow();
  });

  it('trusts the basic_text backend nowhere but only checks it on Linux', () => {
    expect(canEncrypt(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBe(false);
    expect(canEncrypt(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux')).toBe(true);
    expect(canEncrypt(fakeSafeStorage(), 'win32')).toBe(true);
    expect(canEncrypt(fakeSafeStorage({ available: false }), 'win32')).toBe(false);
  });
});
