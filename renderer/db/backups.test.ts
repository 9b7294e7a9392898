import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BackupEntry } from '../platform/platform';
import { type BackupStore, indexedDbBackups, listBackups, restoreBackup, startAutoBackup } from './backups';
import { readBookFile } from './bookfile';
import type { BudgetDb } from './database';
import { setField } from './edits';
import { historyOf } from './journal';
import { addGuizhou, freshDb, rowCounts } from './testing';

let db: BudgetDb;
let bookId: string;
const gpb = { dataset: 'basic', id: 'b001', field: 'gpb' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  db = freshDb();
  bookId = await addGuizhou(db);
});

/** A store like the desktop shell's (platform.backups): files in a folder per book. */
function folderStore(): BackupStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const times = new Map<string, string>();
  return {
    files,
    async write(book, name, bytes) {
      files.set(`${book}/${name}`, bytes);
      times.set(`${book}/${name}`, new Date().toISOString());
    },
    async list(book) {
      return [...files].filter(([k]) => k.startsWith(`${book}/`)).map(([k, b]): BackupEntry => ({ fileName: k.slice(book.length + 1), savedAt: times.get(k)!, size: b.length }));
    },
    async read(book, name) {
      return files.get(`${book}/${name}`)!;
    },
  };
}

describe('the browser’s backup store', () => {
  it('keeps the newest backups of each book, newest first', async () => {
    const store = indexedDbBackups(db, 3);
    for (let i = 1; i <= 5; i++) {
      await store.write(bookId, `v${i}.budget.json`, new TextEncoder().encode(`内容${i}`));
      await wait(2);
    }
    await store.write('another-book', 'x.budget.json', new Uint8Array([1]));
    const list = await listBackups(store, bookId);
    expect(list.map((b) => [b.fileName, b.size])).toEqual([
      ['v5.budget.json', 7],
      ['v4.budget.json', 7],
      ['v3.budget.json', 7],
    ]);
    expect(new TextDecoder().decode(await store.read(bookId, 'v4.budget.json'))).toBe('内容4');
    expect((await listBackups(store, 'another-book')).length).toBe(1);
  });
});

describe('automatic backups', () => {
  it('writes a backup once the edits have paused', async () => {
    const store = folderStore();
    const auto = startAutoBackup(db, store, { delayMs: 20 });
    await setField(db, bookId, gpb, '1');
    for (let i = 0; i < 200 && store.files.size === 0; i++) await wait(10);
    expect(store.files.size).toBe(1);
    auto.stop();
  });

  it('writes one backup for a run of edits, and none when nothing changed since', async () => {
    const store = folderStore();
    const auto = startAutoBackup(db, store, { delayMs: 60_000 });
    await setField(db, bookId, gpb, '1');
    await setField(db, bookId, gpb, '2');
    await setField(db, bookId, gpb, '3');
    expect(store.files.size).toBe(0);
    await auto.flush();
    expect([...store.files.keys()]).toEqual([expect.stringMatching(new RegExp(`^${bookId}/贵州省医疗保障局-2024年-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}Z\\.budget\\.json$`))]);
    const saved = JSON.parse(new TextDecoder().decode([...store.files.values()][0]!));
    expect(saved.data.basic[0].gpb).toBe('3.00');

    await setField(db, bookId, gpb, '4');
    await setField(db, bookId, gpb, '3'); // back to what was backed up
    await auto.flush();
    expect(store.files.size).toBe(1);
    await setField(db, bookId, gpb, '5');
    await auto.flush();
    expect(store.files.size).toBe(2);
    auto.stop();
  });

  it('says so in Chinese when a backup cannot be written, and keeps working', async () => {
    const errors: string[] = [];
    const store = { ...folderStore(), write: () => Promise.reject(new Error('磁盘已满')) };
    const auto = startAutoBackup(db, store, { delayMs: 5, onError: (m) => errors.push(m) });
    await setField(db, bookId, gpb, '1');
    await auto.flush();
    expect(errors).toEqual(['自动备份失败：磁盘已满']);
    auto.stop();
  });
});

describe('restoring a backup', () => {
  it('brings the book back to the backup, after backing up the current state', async () => {
    const store = indexedDbBackups(db);
    const auto = startAutoBackup(db, store, { delayMs: 1 });
    await setField(db, bookId, gpb, '1');
    await auto.flush();
    const [backup] = await listBackups(store, bookId);
    await setField(db, bookId, gpb, '2');
    await auto.flush();
    auto.stop();

    expect(await restoreBackup(db, store, bookId, backup!.fileName)).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.data['basic']![0]!['gpb']).toBe('1.00');
    expect(await historyOf(db, bookId)).toEqual({});
    const list = await listBackups(store, bookId);
    expect(list).toHaveLength(3);
    const point = JSON.parse(new TextDecoder().decode(await store.read(bookId, list[0]!.fileName)));
    expect(point.data.basic[0].gpb).toBe('2.00'); // the state before the restore
  });

  it('refuses a damaged backup, changing nothing', async () => {
    const store = folderStore();
    const auto = startAutoBackup(db, store, { delayMs: 1 });
    await setField(db, bookId, gpb, '1');
    await auto.flush();
    const [name] = [...store.files.keys()];
    store.files.set(name!, new TextEncoder().encode(new TextDecoder().decode(store.files.get(name!)).replace('"1.00"', '"1.01"')));
    const before = await rowCounts(db);
    const outcome = await restoreBackup(db, store, bookId, name!.slice(bookId.length + 1));
    expect(outcome).toEqual({ ok: false, problems: [{ where: 'checksum', message: expect.stringMatching(/^校验码与文件内容不符/) }] });
    expect(await rowCounts(db)).toEqual(before);
    expect(store.files.size).toBe(1);
  });
});
