/**
 * Undo and redo: each book has a journal of steps (an edit, a paste, a row insert or delete is one step), kept in
 * IndexedDB so it survives a reload and is shared by every window on the book. Undo applies the inverse of the last
 * step not undone; redo re-applies the first undone one; a new step drops the undone ones.
 */
import Dexie from 'dexie';
import { applyChanges, type Change, ChangeConflict, invert } from './changes';
import type { BudgetDb, JournalRow } from './database';
import { type EditProblem, failed, type Outcome } from './outcome';
import { BOOK_GONE, type BookScope, bookScope, isProblem } from './scope';

/** Steps kept per book; older ones are dropped (the automatic backups go further back). */
export const MAX_STEPS = 500;

/** The book's steps, oldest first. */
export function stepsOf(db: BudgetDb, bookId: string) {
  return db.journal.where('[bookId+seq]').between([bookId, Dexie.minKey], [bookId, Dexie.maxKey]);
}

/** The book's steps done (0) or undone (1), oldest first. */
function stepsIn(db: BudgetDb, bookId: string, undone: 0 | 1) {
  return db.journal.where('[bookId+undone+seq]').between([bookId, undone, Dexie.minKey], [bookId, undone, Dexie.maxKey]);
}

/** What building a step gives: its label, changes and result, or the problems that stop it. */
export type StepPlan<T extends object> =
  | { readonly label: string; readonly changes: readonly Change[]; readonly result: T }
  | { readonly problems: readonly EditProblem[] };

/**
 * Runs one undoable step of a book in one read-write transaction: `plan` reads what it needs and returns the
 * changes (or problems, and then nothing is written); the changes and the journal entry are written together. The
 * promise resolves after the commit; a step that changes nothing is not recorded.
 */
export async function runStep<T extends object>(
  db: BudgetDb,
  bookId: string,
  plan: (scope: BookScope) => Promise<StepPlan<T>>,
): Promise<Outcome<T>> {
  const planned = await db.transaction('rw', db.bookTables, async () => {
    const scope = await bookScope(db, bookId);
    if (isProblem(scope)) return { problems: [scope] };
    const p = await plan(scope);
    if ('problems' in p) return p;
    await commitStep(db, bookId, p.label, p.changes);
    return p;
  });
  if ('problems' in planned) return failed(...planned.problems);
  if (planned.changes.length > 0) db.bookChanged(bookId);
  return { ok: true, ...planned.result };
}

async function commitStep(db: BudgetDb, bookId: string, label: string, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  await applyChanges(db, bookId, changes);
  await stepsIn(db, bookId, 1).delete();
  const now = new Date().toISOString();
  await db.journal.add({ bookId, at: now, label, changes: [...changes], undone: 0 });
  const count = await stepsOf(db, bookId).count();
  if (count > MAX_STEPS) await db.journal.bulkDelete(await stepsOf(db, bookId).limit(count - MAX_STEPS).primaryKeys());
  await db.books.update(bookId, { updatedAt: now });
}

/** What 撤销 and 重做 would do now, for the editor's buttons (a read, usable inside liveQuery). */
export async function historyOf(db: BudgetDb, bookId: string): Promise<{ undo?: string; redo?: string }> {
  const last = await stepsIn(db, bookId, 0).last();
  const next = await stepsIn(db, bookId, 1).first();
  return { ...(last ? { undo: last.label } : {}), ...(next ? { redo: next.label } : {}) };
}

export type HistoryOutcome = Outcome<{ label?: string }>;

/** Undoes the book's last step; `label` is absent when there was nothing to undo. */
export function undo(db: BudgetDb, bookId: string): Promise<HistoryOutcome> {
  return replay(db, bookId, 'undo');
}

/** Redoes the book's last undone step; `label` is absent when there was nothing to redo. */
export function redo(db: BudgetDb, bookId: string): Promise<HistoryOutcome> {
  return replay(db, bookId, 'redo');
}

async function replay(db: BudgetDb, bookId: string, direction: 'undo' | 'redo'): Promise<HistoryOutcome> {
  let outcome: HistoryOutcome;
  try {
    outcome = await db.transaction('rw', db.bookTables, async (): Promise<HistoryOutcome> => {
      const book = await db.books.get(bookId);
      if (!book || book.deletedAt) return failed(BOOK_GONE);
      const step: JournalRow | undefined = direction === 'undo' ? await stepsIn(db, bookId, 0).last() : await stepsIn(db, bookId, 1).first();
      if (!step) return { ok: true };
      const changes = direction === 'undo' ? [...step.changes].reverse().map(invert) : step.changes;
      await applyChanges(db, bookId, changes);
      await db.journal.update(step.seq!, { undone: direction === 'undo' ? 1 : 0 });
      await db.books.update(bookId, { updatedAt: new Date().toISOString() });
      return { ok: true, label: step.label };
    });
  } catch (e) {
    // The transaction rolled back: the book is as it was before the attempt.
    if (e instanceof ChangeConflict) return failed({ where: direction === 'undo' ? '撤销' : '重做', message: e.message });
    throw e;
  }
  if (outcome.ok && outcome.label !== undefined) db.bookChanged(bookId);
  return outcome;
}
