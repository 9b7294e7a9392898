/**
 * The main-process side of the bridge. Every handler first checks that the call comes from our own page
 * (app://bundle/) and that its argument matches the contract, and rejects anything else with a Chinese message.
 * Files are written only to the path the officer picked in the save dialog that this handler opened.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { BackupStore } from './backups';
import { type Channel, type ChannelArg, channelArgs, type ChannelResults, MAX_FILE_BYTES } from './contract';
import { printToPdfOptions } from './pdf-options';
import { APP_ORIGIN } from './protocol';

type Handler<C extends Channel> = (
  arg: ChannelArg<C>,
  event: IpcMainInvokeEvent,
) => ChannelResults[C] | Promise<ChannelResults[C]>;

export function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const url = event.senderFrame?.url ?? '';
  if (!url.startsWith(`${APP_ORIGIN}/`)) throw new Error(`拒绝来自未知页面的请求：${url || '（无地址）'}`);
}

export function parseArg<C extends Channel>(channel: C, args: unknown[]): ChannelArg<C> {
  if (args.length > 1) throw new Error(`参数无效（${channel}）：参数个数应为 1，实际为 ${args.length}`);
  const parsed = channelArgs[channel].safeParse(args[0]);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`);
    throw new Error(`参数无效（${channel}）：${issues.join('；')}`);
  }
  // safeParse of channelArgs[C] yields ChannelArg<C>; TypeScript cannot relate the indexed schema to C.
  return parsed.data as ChannelArg<C>;
}

function handle<C extends Channel>(channel: C, handler: Handler<C>): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    assertTrustedSender(event);
    return handler(parseArg(channel, args), event);
  });
}

function ownerWindow(event: IpcMainInvokeEvent): BrowserWindow {
  const window = BrowserWindow.fromWebContents(event.sender);
  if (!window) throw new Error('找不到发出请求的窗口');
  return window;
}

export function registerIpc(backups: BackupStore): void {
  // Validation messages reach the renderer, so zod speaks Chinese in this process.
  z.config(z.locales.zhCN());

  handle('budget:save-file', async ({ suggestedName, bytes, filters }, event) => {
    const result = await dialog.showSaveDialog(ownerWindow(event), {
      title: '保存文件',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters,
    });
    if (result.canceled || !result.filePath) return false;
    await writeFile(result.filePath, bytes);
    return true;
  });

  handle('budget:open-file', async ({ filters }, event) => {
    const result = await dialog.showOpenDialog(ownerWindow(event), {
      title: '打开文件',
      properties: ['openFile'],
      filters,
    });
    const file = result.canceled ? undefined : result.filePaths[0];
    if (!file) return null;
    if ((await stat(file)).size > MAX_FILE_BYTES) throw new Error(`文件超过 256 MB，无法打开：${file}`);
    return { name: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
  });

  handle('budget:print-to-pdf', async (request, event) => {
    return new Uint8Array(await event.sender.printToPDF(printToPdfOptions(request)));
  });

  handle('budget:backup-write', ({ bookId, fileName, bytes }) => backups.write(bookId, fileName, bytes));
  handle('budget:backup-list', ({ bookId }) => backups.list(bookId));
  handle('budget:backup-read', ({ bookId, fileName }) => backups.read(bookId, fileName));
  handle('budget:app-version', () => app.getVersion());
}
