// Security checklist #5 ("Handle session permission requests from remote content"): PoE Desk needs
// no camera, microphone, location, notifications, clipboard reading, USB, HID or serial, so every
// request is refused, and every check says no. Copy and paste still work: they go through the Edit
// menu's roles, not a web permission.
import type { Session } from 'electron';

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    console.warn(`permissions: refused ${permission} requested by ${contents.getURL()}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // WebUSB, WebHID and Web Serial ask through this handler, not the two above.
  session.setDevicePermissionHandler(() => false);
}
