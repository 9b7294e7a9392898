import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  documents: '',
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
  fromWebContents: vi.fn(() => ({ id: 1 })),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, handler),
  },
  dialog: { showSaveDialog: electron.showSaveDialog, showOpenDialog: electron.showOpenDialog },
  BrowserWindow: { fromWebContents: electron.fromWebContents },
  app: { getPath: () => electron.documents, getVersion: () => '1.2.3' },
}));

const { createBackupStore } = await import('../../electron/backups');
const { channelArgs } = await import('../../electron/contract');
const { registerIpc } = await import('../../electron/ipc');
const { printToPdfOptions } = await import('../../electron/pdf-options');

let dir: string;
const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'));
const trusted = { senderFrame: { url: 'app://bundle/index.html#/book/b1/T1' }, sender: { printToPDF } };
const bytes = new TextEncoder().encode('{"book":1}');
const filters = [{ name: '数据包', extensions: ['json'] }];

function call(channel: string, event: unknown, ...args: unknown[]) {
  const handler = electron.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ipc-'));
  electron.documents = path.join(dir, 'documents');
  registerIpc(createBackupStore(path.join(dir, 'backups')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  electron.showSaveDialog.mockReset();
  electron.showOpenDialog.mockReset();
  printToPDF.mockClear();
});

/** A valid argument for each channel, for the sender checks. */
const validArgs: Record<string, unknown[]> = {
  'budget:save-file': [{ suggestedName: 'a.json', bytes, filters }],
  'budget:open-file': [{ filters }],
  'budget:print-to-pdf': [{ landscape: true, footer: '第 {page} 页' }],
  'budget:backup-write': [{ bookId: 'b1', fileName: 'a.budget.json', bytes }],
  'budget:backup-list': [{ bookId: 'b1' }],
  'budget:backup-read': [{ bookId: 'b1', fileName: 'a.budget.json' }],
  'budget:app-version': [],
};

describe('IPC handlers', () => {
  it('registers one handler per channel of the contract', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.keys(channelArgs).sort());
    expect(Object.keys(validArgs).sort()).toEqual(Object.keys(channelArgs).sort());
  });

  describe.each(Object.keys(validArgs))('%s refuses callers that are not our page', (channel) => {
    it.each([
      ['a web page', { senderFrame: { url: 'https://evil.example/app://bundle/' }, sender: { printToPDF } }],
      ['a local file', { senderFrame: { url: 'file:///C:/Users/x/evil.html' }, sender: { printToPDF } }],
      ['a look-alike host', { senderFrame: { url: 'app://bundle.evil/index.html' }, sender: { printToPDF } }],
      ['another app host', { senderFrame: { url: 'app://other/index.html' }, sender: { printToPDF } }],
      ['a data URL', { senderFrame: { url: 'data:text/html,<script>' }, sender: { printToPDF } }],
      ['a destroyed frame', { senderFrame: null, sender: { printToPDF } }],
    ])('%s', async (_who, event) => {
      await expect(call(channel, event, ...(validArgs[channel] ?? []))).rejects.toThrow('拒绝来自未知页面的请求');
      expect(electron.showSaveDialog).not.toHaveBeenCalled();
      expect(electron.showOpenDialog).not.toHaveBeenCalled();
      expect(printToPDF).not.toHaveBeenCalled();
    });
  });

  describe('budget:save-file', () => {
    it('writes the bytes to the path chosen in the save dialog, offering the name in 文档', async () => {
      const chosen = path.join(dir, 'chosen.json');
      electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
      const saved = await call('budget:save-file', trusted, {
        suggestedName: '贵州省财政厅2024年部门预算.json',
        bytes,
        filters,
      });
      expect(saved).toBe(true);
      expect(readFileSync(chosen, 'utf8')).toBe('{"book":1}');
      expect(electron.showSaveDialog).toHaveBeenCalledWith(
        { id: 1 },
        expect.objectContaining({
          defaultPath: path.join(electron.documents, '贵州省财政厅2024年部门预算.json'),
          filters,
        }),
      );
    });

    it('writes nothing when the officer cancels', async () => {
      electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
      const before = readdirSync(dir);
      expect(await call('budget:save-file', trusted, { suggestedName: 'x.json', bytes, filters })).toBe(false);
      expect(readdirSync(dir)).toEqual(before);
    });

    it.each([
      ['a path as the name', { suggestedName: '../../etc/cron.d/x', bytes, filters }],
      ['a Windows path', { suggestedName: 'C:\\Windows\\System32\\x.dll', bytes, filters }],
      ['an absolute path', { suggestedName: '/etc/passwd', bytes, filters }],
      ['a NUL in the name', { suggestedName: 'a\u0000.json', bytes, filters }],
      ['a name of dots', { suggestedName: '..', bytes, filters }],
      ['an empty name', { suggestedName: '', bytes, filters }],
      ['a path chosen by the page', { suggestedName: 'x.json', bytes, filters, filePath: '/tmp/evil' }],
      ['text instead of bytes', { suggestedName: 'x.json', bytes: 'AAAA', filters }],
      ['a number array instead of bytes', { suggestedName: 'x.json', bytes: [1, 2, 3], filters }],
      ['a bad extension', { suggestedName: 'x.json', bytes, filters: [{ name: 'x', extensions: ['../x'] }] }],
      ['a wildcard extension', { suggestedName: 'x.json', bytes, filters: [{ name: 'x', extensions: ['*'] }] }],
      ['filters that are not a list', { suggestedName: 'x.json', bytes, filters: 'json' }],
      ['no argument', undefined],
    ])('refuses %s before any dialog opens', async (_what, arg) => {
      await expect(call('budget:save-file', trusted, arg)).rejects.toThrow('参数无效（budget:save-file）');
      expect(electron.showSaveDialog).not.toHaveBeenCalled();
    });

    it('refuses a second argument', async () => {
      await expect(
        call('budget:save-file', trusted, { suggestedName: 'x.json', bytes, filters }, '/tmp/evil'),
      ).rejects.toThrow('参数个数应为 1，实际为 2');
    });

    it('names the field and the problem in Chinese', async () => {
      await expect(call('budget:save-file', trusted, { suggestedName: 'a/b', bytes, filters })).rejects.toThrow(
        'suggestedName：文件名含有路径分隔符或不允许的字符',
      );
    });
  });

  describe('budget:open-file', () => {
    it('returns the name and bytes of the file picked in the open dialog', async () => {
      const file = path.join(dir, '单位A.budget.json');
      writeFileSync(file, '{"x":1}');
      electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
      const opened = (await call('budget:open-file', trusted, { filters })) as { name: string; bytes: Uint8Array };
      expect(opened.name).toBe('单位A.budget.json');
      expect(new TextDecoder().decode(opened.bytes)).toBe('{"x":1}');
      expect(electron.showOpenDialog).toHaveBeenCalledWith(
        { id: 1 },
        expect.objectContaining({ properties: ['openFile'], filters }),
      );
    });

    it('returns null when the officer cancels', async () => {
      electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
      expect(await call('budget:open-file', trusted, { filters })).toBeNull();
    });

    it.each([
      ['a path chosen by the page', { filters, path: '/etc/passwd' }],
      ['a default path', { filters, defaultPath: '/etc' }],
      ['filters of the wrong shape', { filters: [{ name: 'x' }] }],
      ['a bare string', '/etc/passwd'],
    ])('refuses %s before any dialog opens', async (_what, arg) => {
      await expect(call('budget:open-file', trusted, arg)).rejects.toThrow('参数无效（budget:open-file）');
      expect(electron.showOpenDialog).not.toHaveBeenCalled();
    });
  });

  describe('budget:print-to-pdf', () => {
    it('prints the calling page with the mapped options and returns the PDF bytes', async () => {
      const request = { landscape: true, footer: '第 {page} 页 / 共 {pages} 页' };
      const pdf = (await call('budget:print-to-pdf', trusted, request)) as Uint8Array;
      expect(pdf).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7');
      expect(printToPDF).toHaveBeenCalledExactlyOnceWith(printToPdfOptions(request));
    });

    it.each([
      ['orientation as text', { landscape: 'yes', footer: '' }],
      ['a huge footer', { landscape: true, footer: 'x'.repeat(201) }],
      ['an extra option', { landscape: true, footer: '', pageRanges: '1-9999' }],
      ['a header template', { landscape: true, footer: '', headerTemplate: '<img src=http://x>' }],
    ])('refuses %s without printing', async (_what, arg) => {
      await expect(call('budget:print-to-pdf', trusted, arg)).rejects.toThrow('参数无效（budget:print-to-pdf）');
      expect(printToPDF).not.toHaveBeenCalled();
    });
  });

  describe('budget:backup-*', () => {
    it('writes, lists and reads a book’s backups', async () => {
      await call('budget:backup-write', trusted, { bookId: 'b1', fileName: '20241125-1.budget.json', bytes });
      const list = (await call('budget:backup-list', trusted, { bookId: 'b1' })) as { fileName: string }[];
      expect(list.map((e) => e.fileName)).toEqual(['20241125-1.budget.json']);
      const read = (await call('budget:backup-read', trusted, {
        bookId: 'b1',
        fileName: '20241125-1.budget.json',
      })) as Uint8Array;
      expect(new TextDecoder().decode(read)).toBe('{"book":1}');
    });

    it.each([
      ['budget:backup-write', { bookId: '../../evil', fileName: 'a.budget.json', bytes }],
      ['budget:backup-write', { bookId: 'b1', fileName: '../../../evil.json', bytes }],
      ['budget:backup-write', { bookId: 'b1', fileName: 'evil.exe', bytes }],
      ['budget:backup-write', { bookId: 'b1', fileName: 'a.budget.json', bytes: 'x' }],
      ['budget:backup-list', { bookId: '..' }],
      ['budget:backup-list', { bookId: 'C:\\Windows' }],
      ['budget:backup-read', { bookId: 'b1', fileName: '..\\..\\secret.json' }],
      ['budget:backup-read', { bookId: 'b1', fileName: '/etc/passwd.json' }],
      ['budget:backup-read', { bookId: 'b1' }],
    ])('%s refuses %j', async (channel, arg) => {
      await expect(call(channel, trusted, arg)).rejects.toThrow(`参数无效（${channel}）`);
      expect(existsSync(path.join(dir, 'evil.json'))).toBe(false);
      expect(existsSync(path.join(dir, 'evil'))).toBe(false);
    });
  });

  describe('budget:app-version', () => {
    it('returns the app version', async () => {
      expect(await call('budget:app-version', trusted)).toBe('1.2.3');
    });

    it('refuses an argument', async () => {
      await expect(call('budget:app-version', trusted, { x: 1 })).rejects.toThrow('参数无效（budget:app-version）');
    });
  });
});
