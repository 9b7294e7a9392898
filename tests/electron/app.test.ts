import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const calls: string[] = [];
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      calls.push(name);
      return typeof result === 'function' ? (result as (...a: unknown[]) => unknown)(...args) : result;
    };
  const state = {
    calls,
    lock: true,
    ready: undefined as undefined | (() => void),
    appListeners: new Map<string, Listener>(),
    handlers: new Map<string, unknown>(),
    window: undefined as
      | undefined
      | { options: Record<string, unknown>; webContents: { send: ReturnType<typeof vi.fn> } },
    menuTemplate: undefined as unknown,
    schemes: undefined as unknown,
    userData: undefined as unknown,
  };
  return { state, record };
});
const { state } = electron;

vi.mock('electron', () => {
  const { state, record } = electron;
  class BrowserWindow {
    webContents = { send: vi.fn() };
    minimized = true;
    restore = vi.fn();
    focus = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      state.window = this;
    }
    isMinimized() {
      return this.minimized;
    }
    on() {}
    once() {}
    maximize() {}
    loadURL = vi.fn(async () => undefined);
    static fromWebContents() {
      return undefined;
    }
  }
  return {
    app: {
      enableSandbox: record('enableSandbox'),
      getPath: (name: string) => `/home/officer/.config-${name}`,
      setPath: record('setPath', (name: unknown, value: unknown) => {
        if (name === 'userData') state.userData = value;
      }),
      requestSingleInstanceLock: record('requestSingleInstanceLock', () => state.lock),
      quit: record('quit'),
      on: (name: string, listener: Listener) => state.appListeners.set(name, listener),
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.ready = resolve;
        }),
      isPackaged: true,
      getVersion: () => '1.0.0',
    },
    protocol: {
      registerSchemesAsPrivileged: record('registerSchemesAsPrivileged', (schemes: unknown) => {
        state.schemes = schemes;
      }),
      handle: record('protocol.handle', (scheme: unknown, handler: unknown) =>
        state.handlers.set(`protocol:${scheme}`, handler),
      ),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        webRequest: { onBeforeRequest: record('onBeforeRequest') },
      },
    },
    ipcMain: { handle: (channel: string, handler: unknown) => state.handlers.set(channel, handler) },
    dialog: { showErrorBox: record('showErrorBox') },
    Menu: {
      buildFromTemplate: (template: unknown) => {
        state.menuTemplate = template;
        return template;
      },
      setApplicationMenu: record('setApplicationMenu'),
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [],
    },
    BrowserWindow,
  };
});

const { startApp, USER_DATA_FOLDER } = await import('../../electron/app');
const files = { bundleDir: '/opt/app/dist/renderer', preloadPath: '/opt/app/dist/electron/preload.js' };

beforeEach(() => {
  state.calls.length = 0;
  state.appListeners.clear();
  state.handlers.clear();
  state.window = undefined;
  state.ready = undefined;
  state.lock = true;
  state.schemes = undefined;
  state.userData = undefined;
});

async function ready() {
  state.ready?.();
  await vi.waitFor(() => expect(state.window).toBeDefined());
}

describe('startApp', () => {
  it('before ready: registers app:// as privileged, enables the sandbox, fixes the user data folder, takes the lock', () => {
    startApp(files);
    expect(state.calls).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'setPath',
      'requestSingleInstanceLock',
    ]);
    expect(state.schemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
      },
    ]);
    expect(state.userData).toBe(`/home/officer/.config-appData/${USER_DATA_FOLDER}`);
    expect(state.window).toBeUndefined();
  });

  it('quits at once when another instance holds the lock', () => {
    state.lock = false;
    startApp(files);
    expect(state.calls).toContain('quit');
    expect(state.appListeners.size).toBe(0);
  });

  it('when ready: locks the session down, serves app://, registers the IPC handlers, opens the window, sets the menu', async () => {
    startApp(files);
    await ready();
    expect(state.calls).toEqual(
      expect.arrayContaining([
        'setPermissionRequestHandler',
        'setPermissionCheckHandler',
        'onBeforeRequest',
        'protocol.handle',
        'setApplicationMenu',
      ]),
    );
    expect(state.handlers.has('protocol:app')).toBe(true);
    expect([...state.handlers.keys()].filter((k) => k.startsWith('budget:'))).toHaveLength(7);
    const prefs = state.window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ preload: files.preloadPath, sandbox: true, contextIsolation: true, devTools: false });
  });

  it('sends menu commands to the window on the one command channel', async () => {
    startApp(files);
    await ready();
    const file = (state.menuTemplate as { submenu: { label: string; click?: () => void }[] }[])[0]!;
    file.submenu.find((i) => i.label === '导出工作簿…')?.click?.();
    expect(state.window?.webContents.send).toHaveBeenCalledExactlyOnceWith('budget:command', 'export-workbook');
  });

  it('locks down every web contents that is created, and brings the window back for a second instance', async () => {
    startApp(files);
    await ready();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    state.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    state.appListeners.get('second-instance')?.();
    const window = state.window as unknown as { restore: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn> };
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});
