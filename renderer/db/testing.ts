/** For the tests of renderer/db only: fresh databases in fake-indexeddb, the reference book, row counts. */
import 'fake-indexeddb/auto';
import type { BookFile } from '../../shared/book/schema';
import type { Engine } from '../../shared/engine/engine';
import { allViews, headerRows, plainCells } from '../../shared/engine/view';
import { guizhouBook } from '../../tests/support/books';
import { BudgetDb } from './database';
import { importBook } from './transfer';

let counter = 0;

/** A database of its own for one test (fake-indexeddb keeps databases for the whole run). */
export function freshDb(): BudgetDb {
  return new BudgetDb(`test-${process.pid}-${++counter}`);
}

/** Stores the Guizhou 2024 reference book and returns its id. */
export async function addGuizhou(db: BudgetDb, file: BookFile = guizhouBook()): Promise<string> {
  const outcome = await importBook(db, JSON.stringify(file));
  if (outcome.kind !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return outcome.bookId;
}

/** Rows in every table, to show that a refused operation wrote nothing. */
export async function rowCounts(db: BudgetDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}

/** Every table as `derive --json` prints it: id, title, header rows and the rows as plain values. */
export function derivedTables(engine: Engine): unknown {
  const money = engine.book.template.money;
  return allViews(engine).map((v) => ({ id: v.caption, title: v.title, headerRows: headerRows(v), rows: v.rows.map((r) => plainCells(r, money)) }));
}
