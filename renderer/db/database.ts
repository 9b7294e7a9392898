/**
 * The IndexedDB database of the renderer (Dexie): every book the officer keeps on this machine, with its units,
 * entered records, 手工填报 tables, text and change journal. A record is one row keyed by book, dataset and record
 * id, so an edit touches one small row and two windows editing different cells never overwrite each other.
 *
 * The schema is versioned: a change to it is a new `version(n)` with an `upgrade()` that converts the rows written by
 * the versions before, never an edit of an old version. tests/fixtures/db-v1 keeps what version 1 looked like.
 */
import Dexie, { type Table } from 'dexie';
import type { ManualTable } from '../../shared/book/schema';

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

export class BudgetDb extends Dexie {
  books!: Table<BookRowV1, string>;
  units!: Table<UnitRow, [string, string]>;
  records!: Table<RecordRow, [string, string, string]>;
  manual!: Table<ManualRow, [string, string]>;
  texts!: Table<TextRow, [string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores(STORES_V1);
  }
}
