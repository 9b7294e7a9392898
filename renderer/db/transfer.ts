/**
 * 数据包 in and out: exporting a book as a book file with its checksum, importing one (validated as a whole before
 * anything is written; a book that is already here is replaced or kept beside the new one, as the officer chooses),
 * and a department's book taking in a unit's 数据包 in place of that unit's records, as one undoable step.
 */
import { bookFileName, serializeBook } from '../../shared/book/export';
import { type ReadBook, readBookFileText } from '../../shared/book/import';
import { loadBook } from '../../shared/book/load';
import { takeInUnit, type UnitTakeIn } from '../../shared/book/merge-unit';
import type { UnitRecord } from '../../shared/book/schema';
import { findTemplate } from '../../shared/template/registry';
import { type Problem, ValidationError } from '../../shared/validation/issues';
import { addBook } from './books';
import { readBookFile } from './bookfile';
import type { Change } from './changes';
import type { BookRow, BudgetDb } from './database';
import { deriveBook } from './derive';
import { runStep } from './journal';
import { failed, type Outcome } from './outcome';
import { BOOK_GONE } from './scope';

export interface ExportedBook {
  readonly fileName: string;
  readonly text: string;
}

export async function exportBook(db: BudgetDb, bookId: string): Promise<ExportedBook | undefined> {
  const file = await readBookFile(db, bookId);
  return file && { fileName: bookFileName(file), text: await serializeBook(file) };
}

/** Reads and validates a book file's text completely (including a derive), or gives every problem. */
export async function readValidBook(text: string): Promise<ReadBook | { problems: Problem[] }> {
  let read: ReadBook;
  try {
    read = await readBookFileText(text, findTemplate);
  } catch (e) {
    if (e instanceof ValidationError) return { problems: e.problems };
    throw e;
  }
  const derived = deriveBook(read.book);
  return 'problems' in derived ? derived : read;
}

/** What to do when the imported book is already here (same department code, year and template). */
export type ImportChoice = 'replace' | 'keepBoth';

export type ImportOutcome =
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  /** Ask the officer, then import again with their choice. */
  | { readonly kind: 'conflict'; readonly existing: BookRow }
  | {
      readonly kind: 'imported';
      readonly bookId: string;
      /** The book it replaced: moved to the deleted list, so the replacement can be undone by restoring it. */
      readonly replaced?: string;
      /** The format version the file was migrated from. */
      readonly migratedFrom?: number;
    };

/** The book an import of this department, year and template would meet. */
async function sameBook(db: BudgetDb, file: ReadBook['book']['file']): Promise<BookRow | undefined> {
  const rows = await db.books
    .where('[department.code+year+template.id]')
    .equals([file.department.code, file.year, file.template.id])
    .toArray();
  return rows.find((b) => !b.deletedAt);
}

/** Imports a 数据包. Nothing is written unless the whole file is valid (and the officer chose, if it is here already). */
export async function importBook(db: BudgetDb, text: string, choice?: ImportChoice): Promise<ImportOutcome> {
  const read = await readValidBook(text);
  if ('problems' in read) return { kind: 'invalid', problems: read.problems };
  const { checksum: _verified, ...file } = read.book.file;
  const migrated = read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom };
  const outcome = await db.transaction('rw', db.bookTables, async (): Promise<ImportOutcome> => {
    const existing = await sameBook(db, file);
    if (existing && !choice) return { kind: 'conflict', existing };
    if (existing && choice === 'replace') {
      await db.books.update(existing.id, { deletedAt: new Date().toISOString() });
      return { kind: 'imported', bookId: await addBook(db, file, existing.name), replaced: existing.id, ...migrated };
    }
    const name = existing ? `${existing.name}（导入）` : undefined;
    return { kind: 'imported', bookId: await addBook(db, file, name), ...migrated };
  });
  if (outcome.kind === 'imported') {
    if (outcome.replaced) db.bookChanged(outcome.replaced);
    db.bookChanged(outcome.bookId);
  }
  return outcome;
}

export interface TakenIn {
  readonly unit: UnitRecord;
  readonly newUnit: boolean;
  readonly removed: number;
  readonly added: number;
  /** Department-wide records in the unit's file, left out. */
  readonly ignored: number;
}

/**
 * Takes a unit's 数据包 into a department's book: that unit's records are replaced by the file's, every other unit
 * and the department's own records stay. One undoable step; nothing is written if the file or the result is invalid.
 */
export async function takeInUnitBook(db: BudgetDb, bookId: string, text: string): Promise<Outcome<TakenIn>> {
  const read = await readValidBook(text);
  if ('problems' in read) return failed(...read.problems);
  return runStep<TakenIn>(db, bookId, async () => {
    const file = await readBookFile(db, bookId);
    if (!file) return { problems: [BOOK_GONE] };
    let plan: UnitTakeIn;
    try {
      plan = takeInUnit(loadBook(file, findTemplate), read.book);
    } catch (e) {
      if (e instanceof ValidationError) return { problems: e.problems };
      throw e;
    }
    const derived = deriveBook(plan.file);
    if ('problems' in derived) return { problems: derived.problems };
    return {
      label: `导入单位数据包：${plan.unit.code}${plan.unit.name}`,
      changes: await takeInChanges(db, bookId, plan),
      result: { unit: plan.unit, newUnit: plan.newUnit, removed: plan.removed.length, added: plan.added.length, ignored: plan.ignored },
    };
  });
}

/**
 * The changes of taking in a unit: its old records removed, the new ones inserted where the merged book has them
 * (between the positions of their stored neighbours), and the unit added when the book lacked it.
 */
async function takeInChanges(db: BudgetDb, bookId: string, plan: UnitTakeIn): Promise<Change[]> {
  const changes: Change[] = [];
  const stored = await db.records.where('bookId').equals(bookId).toArray();
  const position = new Map(stored.map((r) => [`${r.dataset}\u0000${r.id}`, r]));
  for (const { dataset, id } of plan.removed) {
    const row = position.get(`${dataset}\u0000${id}`)!;
    changes.push({ kind: 'record', dataset, id, before: { position: row.position, fields: row.fields } });
  }
  const added = new Set(plan.added.map((a) => a.record));
  for (const [dataset, records] of Object.entries(plan.file.data)) {
    // Runs of new records get evenly spaced positions between the stored records around them.
    let previous: number | undefined;
    let run: typeof records = [];
    const flush = (next: number | undefined) => {
      if (run.length === 0) return;
      const low = previous ?? (next ?? run.length + 1) - run.length - 1;
      const high = next ?? low + run.length + 1;
      for (const [i, { id, ...fields }] of run.entries()) {
        changes.push({ kind: 'record', dataset, id, after: { position: low + ((high - low) * (i + 1)) / (run.length + 1), fields } });
      }
      run = [];
    };
    for (const record of records) {
      if (added.has(record)) run.push(record);
      else {
        const p = position.get(`${dataset}\u0000${record.id}`)!.position;
        flush(p);
        previous = p;
      }
    }
    flush(undefined);
  }
  if (plan.newUnit) {
    const units = await db.units.where('bookId').equals(bookId).toArray();
    const last = Math.max(-1, ...units.map((u) => u.position));
    changes.push({ kind: 'unit', code: plan.unit.code, after: { name: plan.unit.name, kind: plan.unit.kind, position: last + 1 } });
  }
  return changes;
}
