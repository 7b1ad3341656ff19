// The session token, kept with Electron's safeStorage (the OS keychain: Keychain on macOS, DPAPI on
// Windows, libsecret/KWallet on Linux) in an encrypted file in userData. Never a plain file, never
// the renderer's localStorage: the page never sees the token at all, only main and the engine do.
//
// Where the OS offers no real encryption (Linux without a keyring: safeStorage's "basic_text"
// backend, a fixed key in the binary), the token is kept in memory only and the reviewer signs in
// again at the next start; writing it "encrypted" with a public key would only pretend.
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';

export interface CredentialStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

type Encryption = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** Whether the OS really encrypts: not before `ready`, and not with Linux's plain-text fallback. */
export function canEncrypt(safeStorage: Encryption, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

export function createCredentialStore(file: string, safeStorage: Encryption, platform: NodeJS.Platform = process.platform): CredentialStore {
  let token: string | null = null;
  let loaded = false;
  let warned = false;

  return {
    async get() {
      if (loaded) return token;
      loaded = true;
      if (!canEncrypt(safeStorage, platform)) return (token = null);
      const encrypted = await readFile(file).catch(() => null);
      if (!encrypted) return (token = null);
      try {
        token = safeStorage.decryptString(encrypted);
      } catch (error) {
        // Another user's keyring, a reset keychain, a damaged file: the token is gone; sign in again.
        console.warn(`credentials: the saved session in ${file} cannot be decrypted (${(error as Error).message}); it is removed and you sign in again`);
        await rm(file, { force: true });
        token = null;
      }
      return token;
    },
    async set(value) {
      token = value;
      loaded = true;
      if (!canEncrypt(safeStorage, platform)) {
        if (!warned) console.warn('credentials: this system has no keyring to encrypt the session with; it is kept in memory until PoE Desk quits');
        warned = true;
        await rm(file, { force: true });
        return;
      }
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      await writeFile(temp, safeStorage.encryptString(value), { mode: 0o600 });
      await rename(temp, file);
    },
    async clear() {
      token = null;
      loaded = true;
      await rm(file, { force: true });
    },
  };
}
