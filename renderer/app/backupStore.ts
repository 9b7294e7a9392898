/** Where a book's automatic backups are kept: the desktop shell's user data folder, or IndexedDB in the browser. */
import { type BackupStore, type BudgetDb, indexedDbBackups } from '../db';
import { platform } from '../platform';

export function backupStore(db: BudgetDb): BackupStore {
  return platform.backups ?? indexedDbBackups(db);
}
