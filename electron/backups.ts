/**
 * Rolling backups of book files under <userData>/backups/<bookId>/, the newest BACKUPS_KEPT per book. Callers
 * pass ids and names already checked against the contract (BOOK_ID_PATTERN, isBackupFileName); the store checks
 * them again because it builds paths from them.
 */
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BackupEntry, BOOK_ID_PATTERN, isBackupFileName } from './contract';

export const BACKUPS_KEPT = 20;

export interface BackupStore {
  write(bookId: string, fileName: string, bytes: Uint8Array): Promise<void>;
  /** Newest first. */
  list(bookId: string): Promise<BackupEntry[]>;
  read(bookId: string, fileName: string): Promise<Uint8Array>;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export function createBackupStore(root: string): BackupStore {
  // Writes of one book run one after another, so rotation never races with itself.
  const queues = new Map<string, Promise<unknown>>();

  function bookDir(bookId: string): string {
    if (!BOOK_ID_PATTERN.test(bookId)) throw new Error(`账套编号格式不正确：${bookId}`);
    return path.join(root, bookId);
  }

  function filePath(bookId: string, fileName: string): string {
    if (!isBackupFileName(fileName)) throw new Error(`备份文件名格式不正确：${fileName}`);
    return path.join(bookDir(bookId), fileName);
  }

  async function list(bookId: string): Promise<BackupEntry[]> {
    const dir = bookDir(bookId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries = await Promise.all(
      names
        .filter(isBackupFileName)
        .map(async (fileName) => {
          const info = await stat(path.join(dir, fileName));
          // Rounded: utimes goes through seconds as a float, so a set time can read back a hair below it.
          return { fileName, mtimeMs: Math.round(info.mtimeMs), size: info.size };
        }),
    );
    return entries
      .sort((a, b) => b.mtimeMs - a.mtimeMs || b.fileName.localeCompare(a.fileName))
      .map(({ fileName, mtimeMs, size }) => ({ fileName, savedAt: new Date(mtimeMs).toISOString(), size }));
  }

  async function writeAndRotate(bookId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const target = filePath(bookId, fileName);
    const before = await list(bookId);
    await mkdir(path.dirname(target), { recursive: true });
    // Written aside and renamed, so a crash never leaves a half-written backup under a valid name.
    const partial = `${target}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, target);
    // The file clock can be coarser than the save rate; a save time past the newest keeps the order exact.
    const newest = before[0] ? Date.parse(before[0].savedAt) : 0;
    const savedAt = new Date(Math.max(Date.now(), newest + 1));
    await utimes(target, savedAt, savedAt);
    const stale = (await list(bookId)).slice(BACKUPS_KEPT);
    await Promise.all(stale.map((entry) => rm(path.join(path.dirname(target), entry.fileName), { force: true })));
  }

  return {
    list,
    write(bookId, fileName, bytes) {
      const previous = queues.get(bookId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => writeAndRotate(bookId, fileName, bytes));
      queues.set(bookId, next);
      return next;
    },
    async read(bookId, fileName) {
      try {
        return new Uint8Array(await readFile(filePath(bookId, fileName)));
      } catch (error) {
        if (isMissing(error)) throw new Error(`找不到备份：${fileName}`);
        throw error;
      }
    },
  };
}
