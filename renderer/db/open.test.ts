import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './database';
import { describeStorageError, openDatabase } from './open';

const unique = () => `open-${Math.random()}`;

describe('opening the database', () => {
  it('creates it at the current schema version', async () => {
    const opened = await openDatabase(unique());
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.db.verno).toBe(SCHEMA_VERSION);
      expect(opened.db.tables.map((t) => t.name).sort()).toEqual(['backups', 'books', 'journal', 'manual', 'records', 'texts', 'units']);
      opened.db.close();
    }
  });

  it('leaves a database of a newer program untouched, and says so', async () => {
    const name = unique();
    const newer = new Dexie(name);
    newer.version(SCHEMA_VERSION + 1).stores({ books: 'id', futureTable: 'id' });
    await newer.table('books').add({ id: 'b1', name: '新版本的账套' });
    newer.close();

    const opened = await openDatabase(name);
    expect(opened).toEqual({
      ok: false,
      message: `本机的账套数据由更新版本的程序保存，当前程序（数据版本 ${SCHEMA_VERSION}）无法打开。请使用新版本程序。本机保存的账套没有被改动。`,
    });
    const again = new Dexie(name);
    again.version(SCHEMA_VERSION + 1).stores({ books: 'id', futureTable: 'id' });
    expect(await again.table('books').toArray()).toEqual([{ id: 'b1', name: '新版本的账套' }]);
    expect(again.verno).toBe(SCHEMA_VERSION + 1);
    again.close();
  });

  it('says what to do when the browser keeps no data', async () => {
    expect(await openDatabase(unique(), null)).toEqual({
      ok: false,
      message: '此浏览器不能在本机保存数据（可能处于无痕或隐私模式，或禁用了网站数据）。请换用普通窗口或桌面版程序。',
    });
  });

  it('reports a database that fails to open without deleting anything', async () => {
    const calls: string[] = [];
    const broken = {
      open() {
        calls.push('open');
        throw new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError');
      },
      deleteDatabase() {
        calls.push('deleteDatabase');
        throw new Error('must not be called');
      },
    } as unknown as IDBFactory;
    const opened = await openDatabase(unique(), broken);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.message).toMatch(/^无法打开本机数据库（.*）。本机保存的账套没有被改动。请关闭本程序的其他窗口后重试/);
    expect(calls).toEqual(['open']);
  });

  it('names a full disk', () => {
    expect(describeStorageError(new DOMException('quota', 'QuotaExceededError'))).toMatch(/^磁盘空间不足，数据未能保存/);
  });
});
