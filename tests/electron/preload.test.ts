import { describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../electron/preload';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'result'),
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      electron.listeners.get(channel)?.delete(listener),
  },
}));

await import('../../electron/preload');
const bridge = electron.exposed.get('budgetDesktop') as DesktopBridge;
const bytes = new Uint8Array([1, 2, 3]);
const filters = [{ name: '工作簿', extensions: ['xlsx'] }];

describe('preload bridge', () => {
  it('exposes only window.budgetDesktop, of kind desktop', () => {
    expect([...electron.exposed.keys()]).toEqual(['budgetDesktop']);
    expect(bridge.kind).toBe('desktop');
  });

  it.each([
    ['saveFile', () => bridge.saveFile('a.xlsx', bytes, filters), 'budget:save-file', { suggestedName: 'a.xlsx', bytes, filters }],
    ['openFile', () => bridge.openFile(filters), 'budget:open-file', { filters }],
    [
      'printToPdf',
      () => bridge.printToPdf({ landscape: true, footer: '第 {page} 页' }),
      'budget:print-to-pdf',
      { landscape: true, footer: '第 {page} 页' },
    ],
    ['appVersion', () => bridge.appVersion(), 'budget:app-version', undefined],
    [
      'backups.write',
      () => bridge.backups.write('b1', 'a.budget.json', bytes),
      'budget:backup-write',
      { bookId: 'b1', fileName: 'a.budget.json', bytes },
    ],
    ['backups.list', () => bridge.backups.list('b1'), 'budget:backup-list', { bookId: 'b1' }],
    [
      'backups.read',
      () => bridge.backups.read('b1', 'a.budget.json'),
      'budget:backup-read',
      { bookId: 'b1', fileName: 'a.budget.json' },
    ],
  ])('%s invokes its channel with one argument object', async (_name, run, channel, arg) => {
    electron.invoke.mockClear();
    expect(await run()).toBe('result');
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(channel, arg);
  });

  it('onCommand passes menu commands on until it is stopped', () => {
    const seen: string[] = [];
    const stop = bridge.onCommand((command) => seen.push(command));
    const emit = (command: string) =>
      electron.listeners.get('budget:command')?.forEach((listener) => listener({ sender: {} }, command));
    emit('export-pdf');
    emit('undo');
    stop();
    emit('about');
    expect(seen).toEqual(['export-pdf', 'undo']);
    expect(electron.listeners.get('budget:command')?.size).toBe(0);
  });
});
