/**
 * A stored book as a book file (shared/book/schema.ts) and back: the file is what the engine runs on, what is
 * exported and backed up, and what an import, a copy for next year or a restore writes.
 */
import { BOOK_FORMAT, BOOK_FORMAT_VERSION, type BookFile } from '../../shared/book/schema';
import { findTemplate } from '../../shared/template/registry';
import type { BookRow, BudgetDb } from './database';
import { stepsOf } from './journal';

/**
 * The book as a book file, for Engine.run(loadBook(...)) and for export; undefined when there is no such book (or it
 * was deleted). Only reads, so it can run inside liveQuery and follow edits made in other windows.
 */
export async function readBookFile(db: BudgetDb, bookId: string): Promise<BookFile | undefined> {
  return db.transaction('r', [db.books, db.units, db.records, db.manual, db.texts], async () => {
    const book = await db.books.get(bookId);
    if (!book || book.deletedAt) return undefined;
    const [units, records, manual, texts] = await Promise.all([
      db.units.where('bookId').equals(bookId).sortBy('position'),
      db.records.where('bookId').equals(bookId).sortBy('position'),
      db.manual.where('bookId').equals(bookId).toArray(),
      db.texts.where('bookId').equals(bookId).toArray(),
    ]);
    // Every dataset of the template, in its order, so the file says which datasets are empty.
    const data: BookFile['data'] = Object.fromEntries(
      Object.keys(findTemplate(book.template.id, book.template.version)?.datasets ?? {}).map((name) => [name, []]),
    );
    for (const r of records) (data[r.dataset] ??= []).push({ id: r.id, ...r.fields });
    return {
      format: BOOK_FORMAT,
      formatVersion: BOOK_FORMAT_VERSION,
      template: book.template,
      department: book.department,
      year: book.year,
      units: units.map(({ code, name, kind }) => ({ code, name, kind })),
      ...(Object.keys(book.extraCodes).length > 0 ? { extraCodes: book.extraCodes } : {}),
      data,
      ...(manual.length > 0 ? { manual: Object.fromEntries(manual.map((m) => [m.table, m.rows])) } : {}),
      ...(texts.length > 0 ? { text: Object.fromEntries(texts.map((t) => [t.key, t.value])) } : {}),
    };
  });
}

/** A new book's row for a file (the officer's name for it defaults to department and year). */
export function bookRowFor(file: BookFile, id: string, name?: string): BookRow {
  const now = new Date().toISOString();
  return {
    id,
    name: name ?? `${file.department.name} ${file.year}年`,
    department: file.department,
    year: file.year,
    template: file.template,
    extraCodes: file.extraCodes ?? {},
    archived: false,
    createdAt: now,
    updatedAt: now,
  };
}

/** Writes a file's units, records, 手工填报 tables and text as the book's content (inside the caller's transaction). */
export async function putBookContent(db: BudgetDb, bookId: string, file: BookFile): Promise<void> {
  await db.units.bulkAdd(file.units.map((u, position) => ({ bookId, ...u, position })));
  await db.records.bulkAdd(
    Object.entries(file.data).flatMap(([dataset, records]) =>
      records.map(({ id, ...fields }, position) => ({ bookId, dataset, id, position, fields })),
    ),
  );
  await db.manual.bulkAdd(Object.entries(file.manual ?? {}).map(([table, rows]) => ({ bookId, table, rows })));
  await db.texts.bulkAdd(Object.entries(file.text ?? {}).map(([key, value]) => ({ bookId, key, value })));
}

/** Removes a book's content and journal (inside the caller's transaction over db.bookTables). */
export async function deleteBookContent(db: BudgetDb, bookId: string): Promise<void> {
  for (const table of [db.units, db.records, db.manual, db.texts]) await table.where('bookId').equals(bookId).delete();
  await stepsOf(db, bookId).delete();
}
