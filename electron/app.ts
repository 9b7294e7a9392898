/**
 * The desktop program's life: one instance, the app:// scheme, the locked-down session, the IPC handlers, the
 * main window and its menu. main.ts only supplies the paths of the built files.
 */
import path from 'node:path';
import { app, type BrowserWindow, dialog, Menu, protocol, session } from 'electron';
import { createBackupStore } from './backups';
import { COMMAND_CHANNEL } from './contract';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { APP_SCHEME, appScheme, serveBundle } from './protocol';
import { lockDownContents, lockDownSession } from './security';
import { openMainWindow } from './window';

export interface AppFiles {
  /** The built renderer (dist/renderer). */
  bundleDir: string;
  /** The built preload script (dist/electron/preload.js). */
  preloadPath: string;
}

/**
 * The user data folder (IndexedDB, backups, window state) is named in ASCII and fixed here rather than derived
 * from the product name, so that renaming the product or the executable never strands the officer's books.
 */
export const USER_DATA_FOLDER = 'BudgetDisclosure';

export function startApp({ bundleDir, preloadPath }: AppFiles): void {
  // These three must happen before the app is ready.
  protocol.registerSchemesAsPrivileged([appScheme]);
  app.enableSandbox();
  app.setPath('userData', path.join(app.getPath('appData'), USER_DATA_FOLDER));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      const userData = app.getPath('userData');
      const dev = !app.isPackaged;
      lockDownSession(session.defaultSession);
      protocol.handle(APP_SCHEME, (request) => serveBundle(bundleDir, request));
      registerIpc(createBackupStore(path.join(userData, 'backups')));
      const window = openMainWindow({ preloadPath, stateFile: path.join(userData, 'window-state.json'), dev });
      mainWindow = window;
      const send = (command: string) => window.webContents.send(COMMAND_CHANNEL, command);
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ dev, send })));
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('部门预算公开编制器无法启动', String(error));
      app.quit();
    });
}
