import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, type BackupStore, createBackupStore } from '../../electron/backups';

let root: string;
let store: BackupStore;
const bytes = (text: string) => new TextEncoder().encode(text);
const name = (i: number) => `backup-${String(i).padStart(2, '0')}.budget.json`;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'backups-'));
  store = createBackupStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('rolling backups', () => {
  it('lists nothing for a book without backups', async () => {
    expect(await store.list('book-1')).toEqual([]);
  });

  it('writes, lists newest first with time and size, and reads back the bytes', async () => {
    await store.write('book-1', 'a.budget.json', bytes('first'));
    await store.write('book-1', 'b.budget.json', bytes('second!'));
    const list = await store.list('book-1');
    expect(list.map((e) => [e.fileName, e.size])).toEqual([
      ['b.budget.json', 7],
      ['a.budget.json', 5],
    ]);
    expect(Date.parse(list[0]!.savedAt)).toBeGreaterThan(Date.parse(list[1]!.savedAt));
    expect(new TextDecoder().decode(await store.read('book-1', 'a.budget.json'))).toBe('first');
    expect(readdirSync(path.join(root, 'book-1')).sort()).toEqual(['a.budget.json', 'b.budget.json']);
  });

  it(`keeps the last ${BACKUPS_KEPT} of a book and deletes older ones`, async () => {
    for (let i = 0; i < 25; i++) await store.write('book-1', name(i), bytes(`v${i}`));
    const kept = Array.from({ length: 20 }, (_, k) => name(24 - k));
    expect((await store.list('book-1')).map((e) => e.fileName)).toEqual(kept);
    expect(readdirSync(path.join(root, 'book-1')).sort()).toEqual([...kept].sort());
    await expect(store.read('book-1', name(4))).rejects.toThrow(`找不到备份：${name(4)}`);
    expect(new TextDecoder().decode(await store.read('book-1', name(5)))).toBe('v5');
  });

  it('keeps the order and the count when saves arrive all at once', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.write('book-1', name(i), bytes(`v${i}`))));
    expect((await store.list('book-1')).map((e) => e.fileName)).toEqual(
      Array.from({ length: 20 }, (_, k) => name(29 - k)),
    );
  });

  it('saving under an existing name replaces it and makes it the newest', async () => {
    for (let i = 0; i < 3; i++) await store.write('book-1', name(i), bytes(`v${i}`));
    await store.write('book-1', name(0), bytes('again'));
    expect((await store.list('book-1')).map((e) => e.fileName)).toEqual([name(0), name(2), name(1)]);
    expect(new TextDecoder().decode(await store.read('book-1', name(0)))).toBe('again');
  });

  it('rotates each book on its own', async () => {
    for (let i = 0; i < 22; i++) await store.write('book-1', name(i), bytes('x'));
    await store.write('book-2', name(0), bytes('y'));
    expect(await store.list('book-1')).toHaveLength(20);
    expect((await store.list('book-2')).map((e) => e.fileName)).toEqual([name(0)]);
  });

  it('accepts the names renderer/db gives: department, year and time, in Chinese', async () => {
    const fileName = '贵州省财政厅（本级）-2024年-2026-11-25T10-00-00.000Z.budget.json';
    const bookId = '3f2b9c1e-7a4d-4e2b-9f1a-0c8d5e6b7a90';
    await store.write(bookId, fileName, bytes('x'));
    expect((await store.list(bookId)).map((e) => e.fileName)).toEqual([fileName]);
    expect(readdirSync(path.join(root, bookId))).toEqual([fileName]);
    // 240 bytes: 78 characters of 3 bytes and .json.
    const longest = `${'预'.repeat(78)}x.json`;
    await store.write(bookId, longest, bytes('y'));
    expect(new TextDecoder().decode(await store.read(bookId, longest))).toBe('y');
  });

  it.each(['../evil', '..', 'a/b', 'a\\b', '', '-x', 'x'.repeat(65), 'C:', '账套', 'CON', 'nul', 'Com1'])(
    'refuses book id %j without touching the disk',
    async (bookId) => {
      await expect(store.write(bookId, 'a.budget.json', bytes('x'))).rejects.toThrow('账套编号格式不正确');
      await expect(store.list(bookId)).rejects.toThrow('账套编号格式不正确');
      await expect(store.read(bookId, 'a.budget.json')).rejects.toThrow('账套编号格式不正确');
      expect(readdirSync(root)).toEqual([]);
    },
  );

  it.each([
    '../../x.json',
    'a/b.json',
    '.hidden.json',
    'x.txt',
    'x.json.partial',
    'C:x.json',
    'NUL.json',
    'con.budget.json',
    'a b.json',
    'a\uff0fb.json',
    'a\u202egpj.json',
    'a\u0000.json',
    `${'预'.repeat(79)}.json`,
  ])(
    'refuses file name %j without touching the disk',
    async (fileName) => {
      await expect(store.write('book-1', fileName, bytes('x'))).rejects.toThrow('备份文件名格式不正确');
      await expect(store.read('book-1', fileName)).rejects.toThrow('备份文件名格式不正确');
      expect(readdirSync(root)).toEqual([]);
    },
  );
});
