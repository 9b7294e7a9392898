/**
 * The Chinese application menu. Items that act on the book send a command to the renderer (COMMAND_CHANNEL);
 * clipboard, zoom and full screen are Chromium's own roles. 撤销/重做 are commands too, so they walk the editor's
 * history of edits rather than only the focused text field's.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './contract';

export interface MenuOptions {
  /** Adds 重新加载 and 开发者工具 (a development run, not a packaged app). */
  dev: boolean;
  send(command: MenuCommand): void;
}

export function menuTemplate({ dev, send }: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(name),
  });
  const devItems: MenuItemConstructorOptions[] = dev
    ? [
        { label: '重新加载', role: 'reload' },
        { label: '开发者工具', role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : [];
  return [
    {
      label: '文件(&F)',
      submenu: [
        command('新建账套', 'new-book', 'CmdOrCtrl+N'),
        command('打开数据包…', 'open-book', 'CmdOrCtrl+O'),
        { type: 'separator' },
        command('导出数据包…', 'export-book', 'CmdOrCtrl+S'),
        command('导出工作簿…', 'export-workbook', 'CmdOrCtrl+E'),
        command('导出 PDF…', 'export-pdf', 'CmdOrCtrl+P'),
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        command('撤销', 'undo', 'CmdOrCtrl+Z'),
        command('重做', 'redo', 'CmdOrCtrl+Y'),
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        ...devItems,
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [command('关于', 'about')],
    },
  ];
}
