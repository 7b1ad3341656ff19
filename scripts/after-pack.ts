// electron-builder's afterPack hook: flips the packaged Electron binary's fuses before it is signed
// (security checklist #19, "Check which fuses you can change"). Fuses are bits in the binary itself,
// so once the app is signed the OS refuses a binary whose bits were flipped back.
// Bundled to dist/build/after-pack.cjs by scripts/build-electron.ts; electron-builder.yml names it.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js for anyone ("living off the land").
  [FuseV1Options.RunAsNode]: false,
  // Cookies (the app keeps none it needs, but Chromium's profile does) are encrypted with the OS key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload any script into the signed app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code is checked against the hash embedded at build time (macOS and Windows)...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ...and only the asar is loaded, so a loose app/ folder next to it cannot replace the code.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app never uses file://; it needs none of file://'s extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** electron-builder's Arch enum: arm64 is 3. */
const ARM64 = 3;

/** Where the Electron binary (whose fuses are flipped) is in the packed output of each platform. */
export function packedElectronPath(context: PackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName ?? name);
    default:
      throw new Error(`after-pack: no Electron binary location known for platform ${electronPlatformName}`);
  }
}

export async function afterPack(context: PackContext): Promise<void> {
  const binary = packedElectronPath(context);
  // An arm64 macOS binary must carry a valid (ad-hoc) signature to run at all once its bytes change.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === ARM64;
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  console.log(`  • fuses set on ${path.basename(binary)}: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; cookie encryption, asar integrity and asar-only on`);
}

export default afterPack;
