/**
 * For component tests: a fresh database (fake-indexeddb) holding the Guizhou 2024 reference book. The book is
 * imported as a module, because DOM test environments have no file URLs to read it from.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import guizhou from '../../../examples/guizhou-2024.budget.json';
import { BudgetDb, importBook } from '../../db';
import { BookSession } from '../workspace/session';

let counter = 0;

export function freshDb(): BudgetDb {
  return new BudgetDb(`ui-test-${Date.now()}-${++counter}`);
}

export function storeGuizhou(db: BudgetDb): Promise<string> {
  return storeBook(db, guizhou);
}

/** A book file (an example's, or a changed copy) imported into `db`: its id. */
async function storeBook(db: BudgetDb, file: unknown): Promise<string> {
  const outcome = await importBook(db, JSON.stringify(file));
  if (outcome.kind !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return outcome.bookId;
}

/** The reference book stored in a fresh database and open in a session, as the editor has it. */
export function openGuizhou(): Promise<{ db: BudgetDb; bookId: string; session: BookSession }> {
  return openBook(guizhou);
}

/** A book file stored in a fresh database and open in a session. */
export async function openBook(file: unknown): Promise<{ db: BudgetDb; bookId: string; session: BookSession }> {
  const db = freshDb();
  const bookId = await storeBook(db, file);
  return { db, bookId, session: (await BookSession.open(db, bookId))! };
}

/** Opens the reference book afresh before each test of the file (handing it to `use`) and closes it after. */
export function openGuizhouEachTest(use: (open: { db: BudgetDb; bookId: string; session: BookSession }) => void): void {
  let session: BookSession | undefined;
  beforeEach(async () => {
    const open = await openGuizhou();
    session = open.session;
    use(open);
  });
  afterEach(() => session?.close());
}
