/**
 * What no page may do, whatever it is made to try: navigate away, open windows, embed webviews, ask for
 * permissions (camera, clipboard reading, notifications…) or reach the network. The app has no remote content.
 */
import type { Session, WebContents } from 'electron';

/** Every network scheme Chromium knows; app:// and data:/blob: are not network requests. */
export const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: NETWORK_URL_PATTERNS }, (_details, callback) =>
    callback({ cancel: true }),
  );
}
