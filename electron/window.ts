/** The main window: hardened web preferences, the app:// entry page, and its size and position remembered. */
import { BrowserWindow, type BrowserWindowConstructorOptions, screen } from 'electron';
import { APP_ENTRY_URL } from './protocol';
import { MIN_SIZE, placeWindow, readWindowState, type WindowPlacement, writeWindowState } from './window-state';

export const WINDOW_TITLE = '部门预算公开编制器';

export interface MainWindowOptions {
  preloadPath: string;
  /** <userData>/window-state.json */
  stateFile: string;
  /** A development run: developer tools allowed. */
  dev: boolean;
}

export function mainWindowOptions(
  preloadPath: string,
  placement: WindowPlacement,
  dev: boolean,
): BrowserWindowConstructorOptions {
  const { x, y, width, height } = placement;
  return {
    x,
    y,
    width,
    height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: WINDOW_TITLE,
    backgroundColor: '#ffffff',
    // Shown once painted, so the officer never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
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
      devTools: dev,
    },
  };
}

function workAreasPrimaryFirst() {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return [primary, ...others].map((d) => d.workArea);
}

export function openMainWindow({ preloadPath, stateFile, dev }: MainWindowOptions): BrowserWindow {
  const placement = placeWindow(readWindowState(stateFile), workAreasPrimaryFirst());
  const window = new BrowserWindow(mainWindowOptions(preloadPath, placement, dev));
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    try {
      writeWindowState(stateFile, {
        x: Math.round(bounds.x),
        y: Math.round(bounds.y),
        width: Math.round(bounds.width),
        height: Math.round(bounds.height),
        maximized: window.isMaximized(),
      });
    } catch (error) {
      // Losing the window position is not worth stopping the officer from closing the program.
      console.error('无法保存窗口位置', error);
    }
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
