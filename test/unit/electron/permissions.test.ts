// Every permission request is refused and every permission check answers no.
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions } from '../../../electron/main/permissions.js';

describe('denyAllPermissions', () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
  denyAllPermissions(session as never);
  const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
  const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (details: unknown) => boolean;
  const contents = { getURL: () => 'app://poe-desk/index.html' };

  it('refuses every request, from the app page too', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'unknown']) {
      const callback = vi.fn();
      request(contents, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every check with no', () => {
    for (const permission of ['media', 'clipboard-read', 'background-sync', 'storage-access']) expect(check(contents, permission, 'app://poe-desk', {})).toBe(false);
  });

  it('grants no USB, HID or serial device', () => {
    expect(device({ deviceType: 'usb', origin: 'app://poe-desk' })).toBe(false);
  });
});
