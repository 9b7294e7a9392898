/**
 * Automatic backups: after a book changes, and once edits have paused for a while, the book file is written as a
 * new backup; the last 20 are kept. In the browser they live in IndexedDB (indexedDbBackups); in the desktop app the
 * shell keeps them as files in the user data folder (platform.backups, which must keep the last 20 the same way).
 * Restoring one replaces the book's content after taking a backup of the current state, so a restore can be undone
 * by restoring that one.
 */
import Dexie from 'dexie';
import { bookChecksum } from '../../shared/book/checksum';
import { bookFileName, serializeBook } from '../../shared/book/export';
import type { BackupEntry, Platform } from '../platform/platform';
import { deleteBookContent, putBookContent, readBookFile } from './bookfile';
import type { BudgetDb } from './database';
import { failed, type Outcome } from './outcome';
import { BOOK_GONE } from './scope';
import { readValidBook } from './transfer';

export type BackupStore = NonNullable<Platform['backups']>;

export const BACKUPS_KEPT = 20;

/** The browser's store of backups: rows of the database's `backups` table, the oldest dropped beyond `keep`. */
export function indexedDbBackups(db: BudgetDb, keep = BACKUPS_KEPT): BackupStore {
  const ofBook = (bookId: string) => db.backups.where('[bookId+savedAt]').between([bookId, Dexie.minKey], [bookId, Dexie.maxKey]);
  return {
    async write(bookId, fileName, bytes) {
      const text = new TextDecoder().decode(bytes);
      await db.transaction('rw', db.backups, async () => {
        await db.backups.add({ bookId, fileName, savedAt: new Date().toISOString(), text, size: bytes.length });
        const ids = await ofBook(bookId).primaryKeys();
        if (ids.length > keep) await db.backups.bulkDelete(ids.slice(0, ids.length - keep));
      });
    },
    async list(bookId) {
      const rows = await ofBook(bookId).reverse().toArray();
      return rows.map(({ fileName, savedAt, size }): BackupEntry => ({ fileName, savedAt, size }));
    },
    async read(bookId, fileName) {
      const row = await ofBook(bookId)
        .filter((b) => b.fileName === fileName)
        .first();
      if (!row) throw new Error(`没有备份“${fileName}”`);
      return new TextEncoder().encode(row.text);
    },
  };
}

/** Writes a backup of the book unless its content equals `last` (the checksum of the previous backup). */
async function backupBook(db: BudgetDb, store: BackupStore, bookId: string, last?: string): Promise<string | undefined> {
  const file = await readBookFile(db, bookId);
  if (!file) return undefined;
  const checksum = await bookChecksum(file);
  if (checksum === last) return checksum;
  const stamp = new Date().toISOString().replace(/:/g, '-');
  const fileName = bookFileName(file).replace(/\.budget\.json$/, `-${stamp}.budget.json`);
  await store.write(bookId, fileName, new TextEncoder().encode(await serializeBook(file)));
  return checksum;
}

export interface AutoBackup {
  /** Writes the pending backups now (before the window closes) and waits for them. */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Backs up each book changed through this connection once `delayMs` pass without another change to it. A failed
 * backup is reported through `onError` (in Chinese) and tried again at the next change.
 */
export function startAutoBackup(
  db: BudgetDb,
  store: BackupStore,
  { delayMs = 30_000, onError = () => {} }: { delayMs?: number; onError?: (message: string) => void } = {},
): AutoBackup {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChecksum = new Map<string, string>();
  const running = new Set<Promise<void>>();
  const save = (bookId: string) => {
    timers.delete(bookId);
    const task = backupBook(db, store, bookId, lastChecksum.get(bookId))
      .then((checksum) => {
        if (checksum) lastChecksum.set(bookId, checksum);
      })
      .catch((e: unknown) => onError(`自动备份失败：${e instanceof Error ? e.message : String(e)}`))
      .finally(() => running.delete(task));
    running.add(task);
  };
  const unsubscribe = db.onBookChanged((bookId) => {
    clearTimeout(timers.get(bookId));
    timers.set(bookId, setTimeout(() => save(bookId), delayMs));
  });
  return {
    async flush() {
      for (const [bookId, timer] of timers) {
        clearTimeout(timer);
        save(bookId);
      }
      await Promise.all(running);
    },
    stop() {
      unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** The book's backups, newest first. */
export function listBackups(store: BackupStore, bookId: string): Promise<BackupEntry[]> {
  return store.list(bookId).then((list) => [...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt)));
}

/**
 * Replaces the book's content with a backup's, after backing up the current state. The journal is cleared: its
 * steps describe the content that was replaced.
 */
export async function restoreBackup(db: BudgetDb, store: BackupStore, bookId: string, fileName: string): Promise<Outcome> {
  const read = await readValidBook(new TextDecoder().decode(await store.read(bookId, fileName)));
  if ('problems' in read) return failed(...read.problems);
  const { checksum: _verified, ...file } = read.book.file;
  if (!(await readBookFile(db, bookId))) return failed(BOOK_GONE);
  await backupBook(db, store, bookId);
  const done = await db.transaction('rw', db.bookTables, async () => {
    const row = await db.books.get(bookId);
    if (!row || row.deletedAt) return false;
    await deleteBookContent(db, bookId);
    await putBookContent(db, bookId, file);
    const { department, year, template } = file;
    await db.books.put({ ...row, department, year, template, extraCodes: file.extraCodes ?? {}, updatedAt: new Date().toISOString() });
    return true;
  });
  if (!done) return failed(BOOK_GONE);
  db.bookChanged(bookId);
  return { ok: true };
}
