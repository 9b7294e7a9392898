import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { lockDownContents, lockDownSession, NETWORK_URL_PATTERNS } from '../../electron/security';

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void }) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  return { contents: contents as unknown as WebContents, listeners, open: (url: string) => openHandler?.({ url }) };
}

describe('locked-down web contents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is always prevented', (name) => {
    const { contents, listeners } = fakeContents();
    lockDownContents(contents);
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window, whatever its URL', () => {
    const { contents, open } = fakeContents();
    lockDownContents(contents);
    for (const url of ['https://example.com', 'app://bundle/index.html', 'file:///C:/x', 'about:blank']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('locked-down session', () => {
  function fakeSession() {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    lockDownSession(session as unknown as Session);
    return session;
  }

  it('refuses every permission request and check', () => {
    const session = fakeSession();
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    for (const permission of ['media', 'clipboard-read', 'notifications', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    expect(check({}, 'clipboard-read')).toBe(false);
  });

  it('cancels every network request: there is no remote content', () => {
    const session = fakeSession();
    const [filter, listener] = session.webRequest.onBeforeRequest.mock.calls[0] ?? [];
    expect(filter).toEqual({ urls: NETWORK_URL_PATTERNS });
    expect(NETWORK_URL_PATTERNS).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const callback = vi.fn();
    listener({ url: 'https://fonts.googleapis.com/css' }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
  });
});
