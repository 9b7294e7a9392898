/**
 * The officer's books: many departments and years side by side. Creating, renaming, archiving, copying a book for
 * next year, and deleting it, which only moves it to the deleted list (restorable, 撤销删除) until it is purged.
 */
import Dexie from 'dexie';
import { nextYearBook } from '../../shared/book/rollover';
import { BOOK_FORMAT, BOOK_FORMAT_VERSION, type BookFile, type UnitRecord } from '../../shared/book/schema';
import type { Fen } from '../../shared/money/money';
import { isAnnual } from '../../shared/narrative/fields';
import { narrativeFor } from '../../shared/narrative/load';
import { bookRowFor, deleteBookContent, putBookContent, readBookFile } from './bookfile';
import type { BookRow, BudgetDb } from './database';
import { deriveBook } from './derive';
import { type EditProblem, failed, type Outcome } from './outcome';
import { BOOK_GONE } from './scope';

/** Books not deleted, archived ones included (the list filters them), newest year first. */
export async function listBooks(db: BudgetDb): Promise<BookRow[]> {
  const books = await db.books.filter((b) => !b.deletedAt).toArray();
  return books.sort((a, b) => b.year - a.year || a.department.code.localeCompare(b.department.code) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** A book's row (name, department, year …), or undefined when it does not exist or was deleted. */
export async function getBook(db: BudgetDb, bookId: string): Promise<BookRow | undefined> {
  const row = await db.books.get(bookId);
  return row?.deletedAt ? undefined : row;
}

/** Deleted books that can still be restored, most recently deleted first. */
export async function listDeletedBooks(db: BudgetDb): Promise<BookRow[]> {
  const books = await db.books.filter((b) => Boolean(b.deletedAt)).toArray();
  return books.sort((a, b) => b.deletedAt!.localeCompare(a.deletedAt!));
}

export interface NewBook {
  readonly name?: string;
  readonly department: BookFile['department'];
  readonly year: number;
  readonly template: BookFile['template'];
  readonly units: readonly UnitRecord[];
}

/** Stores a validated book file as a new book (inside or outside a transaction). */
export async function addBook(db: BudgetDb, file: BookFile, name?: string): Promise<string> {
  const row = bookRowFor(file, crypto.randomUUID(), name);
  await db.transaction('rw', db.bookTables, async () => {
    await db.books.add(row);
    await putBookContent(db, row.id, file);
  });
  return row.id;
}

/** Creates an empty book of a department, year and template with its units. */
export async function createBook(db: BudgetDb, book: NewBook): Promise<Outcome<{ bookId: string }>> {
  const file: BookFile = {
    format: BOOK_FORMAT,
    formatVersion: BOOK_FORMAT_VERSION,
    template: book.template,
    department: book.department,
    year: book.year,
    units: [...book.units],
    data: {},
  };
  const derived = deriveBook(file);
  if ('problems' in derived) return failed(...derived.problems);
  return { ok: true, bookId: await addBook(db, file, book.name) };
}

function checkName(name: string): EditProblem | undefined {
  if (!name.trim()) return { where: '账套名称', message: '名称不能为空' };
  if (name.trim().length > 100) return { where: '账套名称', message: '名称不能超过 100 个字' };
  return undefined;
}

/** Replaces a book's row with `change(row)` and a new updatedAt; only for an existing book (deleted ones if asked). */
async function updateBook(db: BudgetDb, bookId: string, change: (row: BookRow) => BookRow, includeDeleted = false): Promise<Outcome> {
  const done = await db.transaction('rw', db.books, async () => {
    const row = await db.books.get(bookId);
    if (!row || (row.deletedAt && !includeDeleted)) return false;
    await db.books.put({ ...change(row), updatedAt: new Date().toISOString() });
    return true;
  });
  if (!done) return failed(BOOK_GONE);
  db.bookChanged(bookId);
  return { ok: true };
}

export async function renameBook(db: BudgetDb, bookId: string, name: string): Promise<Outcome> {
  const problem = checkName(name);
  return problem ? failed(problem) : updateBook(db, bookId, (row) => ({ ...row, name: name.trim() }));
}

/** Archived books stay complete and openable; the list shows them apart. */
export function setArchived(db: BudgetDb, bookId: string, archived: boolean): Promise<Outcome> {
  return updateBook(db, bookId, (row) => ({ ...row, archived }));
}

/** Moves a book to the deleted list; restoreBook brings it back as it was. */
export function deleteBook(db: BudgetDb, bookId: string): Promise<Outcome> {
  return updateBook(db, bookId, (row) => ({ ...row, deletedAt: new Date().toISOString() }));
}

export function restoreBook(db: BudgetDb, bookId: string): Promise<Outcome> {
  return updateBook(db, bookId, ({ deletedAt: _restored, ...row }) => row, true);
}

/** Removes a deleted book for good, with its journal and automatic backups. Refused for a book not deleted. */
export async function purgeBook(db: BudgetDb, bookId: string): Promise<Outcome> {
  const done = await db.transaction('rw', [...db.bookTables, db.backups], async () => {
    const row = await db.books.get(bookId);
    if (!row?.deletedAt) return false;
    await deleteBookContent(db, bookId);
    await db.backups.where('[bookId+savedAt]').between([bookId, Dexie.minKey], [bookId, Dexie.maxKey]).delete();
    await db.books.delete(bookId);
    return true;
  });
  return done ? { ok: true } : failed({ where: '账套', message: '只能彻底删除已删除的账套' });
}

/**
 * A new book for next year based on this one (see shared/book/rollover.ts): units, projects, targets and indicators
 * carried, this year's 三公 as next year's prior-year 三公, the texts the narrative declares annual left out.
 */
export async function copyBookForNextYear(db: BudgetDb, bookId: string, name?: string): Promise<Outcome<{ bookId: string }>> {
  const file = await readBookFile(db, bookId);
  if (!file) return failed(BOOK_GONE);
  const engine = deriveBook(file);
  if ('problems' in engine) return failed(...engine.problems);
  const narrative = narrativeFor(engine.book.template);
  const next = nextYearBook(
    engine.book,
    (table, row, column) => engine.evaluate(`${table}[${row}].${column}`) as Fen,
    (key) => narrative !== undefined && isAnnual(narrative, key),
  );
  const derived = deriveBook(next);
  if ('problems' in derived) return failed(...derived.problems);
  return { ok: true, bookId: await addBook(db, next, name ?? `${next.department.name} ${next.year}年`) };
}
