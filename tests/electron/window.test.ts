import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ windows: [] as FakeWindow[] }));

class FakeWindow {
  listeners = new Map<string, () => void>();
  loadURL = vi.fn(async () => undefined);
  maximize = vi.fn();
  show = vi.fn();
  webContents = {};
  constructor(readonly options: Record<string, unknown>) {
    electron.windows.push(this);
  }
  on(name: string, listener: () => void) {
    this.listeners.set(name, listener);
  }
  once(name: string, listener: () => void) {
    this.listeners.set(name, listener);
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1500, height: 950 };
  }
  isMaximized() {
    return true;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
}));

const { mainWindowOptions, openMainWindow, WINDOW_TITLE } = await import('../../electron/window');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'window-'));
  electron.windows.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('main window', () => {
  it('isolates and sandboxes the renderer: no Node, web security on, no webviews, devtools only in development', () => {
    const options = mainWindowOptions('/app/preload.js', { width: 1280, height: 800, maximized: false }, false);
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
    expect(mainWindowOptions('/p', { width: 1, height: 1, maximized: false }, true).webPreferences?.devTools).toBe(
      true,
    );
    expect(options).toMatchObject({ title: WINDOW_TITLE, show: false, minWidth: 960, minHeight: 600 });
  });

  it('loads the renderer from app://bundle/ and shows itself once painted', () => {
    const window = openMainWindow({ preloadPath: '/p.js', stateFile: path.join(dir, 'state.json'), dev: false });
    const fake = electron.windows[0]!;
    expect(window).toBe(fake);
    expect(fake.loadURL).toHaveBeenCalledExactlyOnceWith('app://bundle/index.html');
    expect(fake.options).toMatchObject({ width: 1280, height: 800 });
    fake.listeners.get('ready-to-show')?.();
    expect(fake.show).toHaveBeenCalled();
  });

  it('opens where it was closed, maximized again, and saves its place on close', () => {
    const stateFile = path.join(dir, 'state.json');
    writeFileSync(stateFile, JSON.stringify({ x: 200, y: 100, width: 1300, height: 850, maximized: true }));
    openMainWindow({ preloadPath: '/p.js', stateFile, dev: false });
    const fake = electron.windows[0]!;
    expect(fake.options).toMatchObject({ x: 200, y: 100, width: 1300, height: 850 });
    expect(fake.maximize).toHaveBeenCalled();
    fake.listeners.get('close')?.();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({
      x: 40,
      y: 30,
      width: 1500,
      height: 950,
      maximized: true,
    });
  });

  it('ignores a damaged state file', () => {
    const stateFile = path.join(dir, 'state.json');
    writeFileSync(stateFile, '{"x": "left"');
    openMainWindow({ preloadPath: '/p.js', stateFile, dev: false });
    expect(electron.windows[0]!.options).toMatchObject({ x: undefined, y: undefined, width: 1280, height: 800 });
  });
});
