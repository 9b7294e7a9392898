/**
 * The IndexedDB database of the renderer (Dexie): every book the officer keeps on this machine, with its units,
 * entered records, 手工填报 tables, text, change journal and automatic backups. A record is one row keyed by book,
 * dataset and record id, so an edit touches one small row and two windows editing different cells never overwrite
 * each other.
 *
 * The schema is versioned: a change to it is a new `version(n)` with an `upgrade()` that converts the rows written by
 * the versions before, never an edit of an old version. tests/fixtures/db-v1 keeps what version 1 looked like.
 */
import Dexie, { type Table } from 'dexie';
import type { BookFile, ManualTable } from '../../shared/book/schema';
import type { Change } from './changes';

export const DATABASE_NAME = 'budget-disclosure';

/** Version 1: the first layout. */
export const STORES_V1 = {
  books: 'id',
  units: '[bookId+code], bookId',
  records: '[bookId+dataset+id], [bookId+dataset], bookId',
  manual: '[bookId+table], bookId',
  texts: '[bookId+key], bookId',
  journal: '++seq, [bookId+seq]',
} as const;

/** A book as version 1 stored it. */
export interface BookRowV1 {
  id: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  year: number;
  templateId: string;
  templateVersion: number;
  extraCodes: Record<string, { code: string; name: string }[]>;
  archived: boolean;
  deletedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface UnitRow {
  bookId: string;
  code: string;
  name: string;
  kind: string;
  /** Order in the unit list (the book file's order). */
  position: number;
}

/** One entered record: its field values as the book file holds them (amounts as decimal text, codes, ids). */
export interface RecordRow {
  bookId: string;
  dataset: string;
  id: string;
  /** Order within the dataset; a moved record gets a position between its new neighbours. */
  position: number;
  fields: Record<string, string>;
}

export interface ManualRow {
  bookId: string;
  table: string;
  rows: ManualTable;
}

export interface TextRow {
  bookId: string;
  key: string;
  value: string;
}

/**
 * Version 2: a book row holds its department and template as the book file does (`department: {code, name}`,
 * `template: {id, version}`), indexed together with the year to find the book an imported file would replace; a
 * journal step's `undone` flag is 0 or 1 and indexed, so undo, redo and a new step find their steps without reading
 * the whole journal of the book; and the store of automatic backups (web mode).
 */
export const STORES_V2 = {
  ...STORES_V1,
  books: 'id, [department.code+year+template.id]',
  journal: '++seq, [bookId+seq], [bookId+undone+seq]',
  backups: '++id, [bookId+savedAt]',
} as const;

export const SCHEMA_VERSION = 2;

export interface BookRow {
  id: string;
  /** The officer's name for the book (shown in the list); the printed names come from `department`. */
  name: string;
  department: BookFile['department'];
  year: number;
  template: BookFile['template'];
  /** Codes the officer added to a catalogue (the book file's `extraCodes`). */
  extraCodes: NonNullable<BookFile['extraCodes']>;
  archived: boolean;
  /** Set when the officer deleted the book: it leaves the list but stays restorable until purged. */
  deletedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** One undoable step of a book: an edit, a paste, a row insert or delete, taking in a unit's data. */
export interface JournalRow {
  seq?: number;
  bookId: string;
  at: string;
  /** What the step did, for 撤销 / 重做: e.g. 修改 基本支出明细“261001 2080505 30108”的一般公共预算. */
  label: string;
  changes: Change[];
  /** 1 for an undone step: it stays (for 重做) until the next new step of the book replaces it. */
  undone: 0 | 1;
}

/** A journal step as version 1 stored it. */
export type JournalRowV1 = Omit<JournalRow, 'undone'> & { undone: boolean };

/** An automatic backup: the book file as it was at `savedAt` (web mode; the desktop shell keeps them as files). */
export interface BackupRow {
  id?: number;
  bookId: string;
  fileName: string;
  savedAt: string;
  text: string;
  /** Bytes of the file (UTF-8), for the list. */
  size: number;
}

export function bookRowFromV1(row: BookRowV1): BookRow {
  const { departmentCode, departmentName, templateId, templateVersion, ...rest } = row;
  return { ...rest, department: { code: departmentCode, name: departmentName }, template: { id: templateId, version: templateVersion } };
}

export class BudgetDb extends Dexie {
  books!: Table<BookRow, string>;
  units!: Table<UnitRow, [string, string]>;
  records!: Table<RecordRow, [string, string, string]>;
  manual!: Table<ManualRow, [string, string]>;
  texts!: Table<TextRow, [string, string]>;
  journal!: Table<JournalRow, number>;
  backups!: Table<BackupRow, number>;
  private readonly changeListeners = new Set<(bookId: string) => void>();

  /** `indexedDB` is the browser's unless given (tests pass another to play an unusable one). */
  constructor(name = DATABASE_NAME, indexedDB?: IDBFactory) {
    super(name, indexedDB ? { indexedDB } : {});
    this.version(1).stores(STORES_V1);
    this.version(2)
      .stores(STORES_V2)
      .upgrade(async (tx) => {
        await tx
          .table('books')
          .toCollection()
          .modify((row: BookRowV1, ref: { value: unknown }) => {
            ref.value = bookRowFromV1(row);
          });
        await tx
          .table('journal')
          .toCollection()
          .modify((step: JournalRowV1 | JournalRow) => {
            step.undone = step.undone ? 1 : 0;
          });
      });
  }

  /** Calls `listener` with the book's id after each write to a book through this connection has been committed. */
  onBookChanged(listener: (bookId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Called by the repository once a write is committed. */
  bookChanged(bookId: string): void {
    for (const listener of this.changeListeners) listener(bookId);
  }

  /** The tables a step of a book writes, for one read-write transaction. */
  get bookTables(): Table[] {
    return [this.books, this.units, this.records, this.manual, this.texts, this.journal];
  }
}
