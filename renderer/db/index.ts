/**
 * The storage of the renderer, as the editor uses it: plain async functions over a BudgetDb (no React). Reads
 * (listBooks, readBookFile, historyOf) can run inside Dexie's liveQuery / useLiveQuery, so every window on a book
 * follows edits made in the others. Writes resolve after their transaction has committed.
 */
export { type BackupStore, BACKUPS_KEPT, indexedDbBackups, listBackups, restoreBackup, startAutoBackup, type AutoBackup } from './backups';
export { readBookFile } from './bookfile';
export { addCode } from './codes';
export {
  copyBookForNextYear,
  createBook,
  deleteBook,
  getBook,
  listBooks,
  listDeletedBooks,
  type NewBook,
  purgeBook,
  renameBook,
  restoreBook,
  setArchived,
} from './books';
export { type BookRow, BudgetDb, DATABASE_NAME, SCHEMA_VERSION } from './database';
export { deleteRecords, duplicateRecord, type FieldRef, insertRecord, moveRecord, type PasteBlock, pasteBlock, type Pasted, type RecordRef, setField } from './edits';
export { historyOf, type HistoryOutcome, redo, undo } from './journal';
export { setManualTable } from './manual';
export { describeStorageError, openDatabase, type OpenResult } from './open';
export type { EditProblem, Outcome } from './outcome';
export { describePersistence, describeStorageUse, type Persistence, requestPersistence, storageUse } from './storage';
export { setText } from './texts';
export { type ExportedBook, exportBook, type ImportChoice, importBook, type ImportOutcome, takeInUnitBook, type TakenIn } from './transfer';
export { putUnit, removeUnit } from './units';
