/**
 * Opening the database, or saying clearly why it cannot be opened. Nothing here ever deletes or resets data: a
 * database written by a newer version of the program is left untouched (Dexie would otherwise open it and even add
 * missing tables to it), and any other failure is reported with what the officer can do.
 */
import { BudgetDb, DATABASE_NAME, SCHEMA_VERSION } from './database';

export type OpenResult = { readonly ok: true; readonly db: BudgetDb } | { readonly ok: false; readonly message: string };

const UNTOUCHED = '本机保存的账套没有被改动。';

/**
 * The schema version the stored database was written with, or undefined when there is none yet. Opening without a
 * version never upgrades; when the database does not exist the creation is aborted, so the probe leaves no trace.
 */
function storedVersion(factory: IDBFactory, name: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      // Dexie stores version n as 10·n (and may add a little when it patches a schema difference).
      resolve(Math.floor(version / 10));
    };
    request.onerror = (event) => {
      if (request.error?.name !== 'AbortError') return reject(request.error);
      event.preventDefault();
      resolve(undefined);
    };
  });
}

/** A storage error in words an officer can act on. */
export function describeStorageError(error: unknown): string {
  const e = error as { name?: string; message?: string; inner?: { name?: string } } | undefined;
  const names = [e?.name, e?.inner?.name];
  if (names.includes('QuotaExceededError')) return `磁盘空间不足，数据未能保存。请清理磁盘或删除不用的账套后重试。${UNTOUCHED}`;
  if (names.includes('VersionError')) return newerMessage();
  if (names.includes('DatabaseClosedError')) return `数据库连接已关闭（可能在另一窗口升级了程序）。请重新加载本页面。${UNTOUCHED}`;
  if (names.includes('MissingAPIError')) return noDatabaseMessage();
  return `无法打开本机数据库（${e?.message ?? String(error)}）。${UNTOUCHED}请关闭本程序的其他窗口后重试；仍不行请重启电脑，并联系技术支持。`;
}

function newerMessage(): string {
  return `本机的账套数据由更新版本的程序保存，当前程序（数据版本 ${SCHEMA_VERSION}）无法打开。请使用新版本程序。${UNTOUCHED}`;
}

function noDatabaseMessage(): string {
  return '此浏览器不能在本机保存数据（可能处于无痕或隐私模式，或禁用了网站数据）。请换用普通窗口或桌面版程序。';
}

/**
 * Opens (creating or upgrading as needed) the database; never deletes anything. `factory` is the browser's
 * IndexedDB, null where there is none.
 */
export async function openDatabase(name = DATABASE_NAME, factory: IDBFactory | null = globalThis.indexedDB ?? null): Promise<OpenResult> {
  if (!factory) return { ok: false, message: noDatabaseMessage() };
  try {
    const version = await storedVersion(factory, name);
    if (version !== undefined && version > SCHEMA_VERSION) return { ok: false, message: newerMessage() };
    const db = new BudgetDb(name, factory);
    await db.open();
    return { ok: true, db };
  } catch (e) {
    return { ok: false, message: describeStorageError(e) };
  }
}
