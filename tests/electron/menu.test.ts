import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type MenuCommand, menuCommands } from '../../electron/contract';
import { menuTemplate } from '../../electron/menu';

function items(dev: boolean) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const menus = menuTemplate({ dev, send });
  const submenu = (label: string) => {
    const menu = menus.find((m) => m.label === label);
    return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
  };
  return { menus, submenu, send };
}

function click(item: MenuItemConstructorOptions | undefined) {
  (item?.click as (() => void) | undefined)?.();
}

describe('application menu', () => {
  it('has the Chinese menus 文件/编辑/视图/帮助 with keyboard mnemonics', () => {
    expect(items(false).menus.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  });

  it('文件: each item sends its command to the renderer, 退出 quits', () => {
    const { submenu, send } = items(false);
    const file = submenu('文件(&F)').filter((i) => i.type !== 'separator');
    expect(file.map((i) => i.label)).toEqual([
      '新建账套',
      '打开数据包…',
      '导出数据包…',
      '导出工作簿…',
      '导出 PDF…',
      '退出',
    ]);
    const expected: Record<string, MenuCommand> = {
      新建账套: 'new-book',
      '打开数据包…': 'open-book',
      '导出数据包…': 'export-book',
      '导出工作簿…': 'export-workbook',
      '导出 PDF…': 'export-pdf',
    };
    for (const [label, command] of Object.entries(expected)) {
      send.mockClear();
      click(file.find((i) => i.label === label));
      expect(send, label).toHaveBeenCalledExactlyOnceWith(command);
    }
    expect(file.find((i) => i.label === '退出')?.role).toBe('quit');
    expect(file.map((i) => i.accelerator)).toEqual([
      'CmdOrCtrl+N',
      'CmdOrCtrl+O',
      'CmdOrCtrl+S',
      'CmdOrCtrl+E',
      'CmdOrCtrl+P',
      undefined,
    ]);
  });

  it('编辑: 撤销/重做 go to the editor’s history, clipboard items are Chromium roles', () => {
    const { submenu, send } = items(false);
    const edit = submenu('编辑(&E)').filter((i) => i.type !== 'separator');
    expect(edit.map((i) => i.label)).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '全选']);
    click(edit[0]);
    click(edit[1]);
    expect(send.mock.calls).toEqual([['undo'], ['redo']]);
    expect(edit.slice(2).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('视图: zoom and full screen; 重新加载 and 开发者工具 only in a development run', () => {
    const packaged = items(false).submenu('视图(&V)').filter((i) => i.type !== 'separator');
    expect(packaged.map((i) => [i.label, i.role])).toEqual([
      ['实际大小', 'resetZoom'],
      ['放大', 'zoomIn'],
      ['缩小', 'zoomOut'],
      ['全屏', 'togglefullscreen'],
    ]);
    const dev = items(true).submenu('视图(&V)').filter((i) => i.type !== 'separator');
    expect(dev.map((i) => i.label)).toEqual(['重新加载', '开发者工具', '实际大小', '放大', '缩小', '全屏']);
    expect(dev[0]?.role).toBe('reload');
  });

  it('帮助: 关于 sends about', () => {
    const { submenu, send } = items(false);
    const help = submenu('帮助(&H)');
    expect(help.map((i) => i.label)).toEqual(['关于']);
    click(help[0]);
    expect(send).toHaveBeenCalledExactlyOnceWith('about');
  });

  it('sends every command of the contract from some item, and nothing else', () => {
    const { menus, send } = items(true);
    const all = menus.flatMap((m) => m.submenu as MenuItemConstructorOptions[]);
    all.forEach(click);
    expect(send.mock.calls.map(([c]) => c).sort()).toEqual([...menuCommands].sort());
  });
});
