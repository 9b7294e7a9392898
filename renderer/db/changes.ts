/**
 * The deltas a step of a book is made of. Each says what one small piece of the book was before and after, so the
 * same change applies a step, its inverse undoes it, and it is written against the stored row inside the step's
 * transaction (one field of one record, never a whole record from a possibly stale copy).
 */
import type { ManualTable } from '../../shared/book/schema';
import type { BudgetDb, RecordRow, UnitRow } from './database';

/** A record's content apart from its key. */
export type RecordContent = Pick<RecordRow, 'position' | 'fields'>;
export type UnitContent = Pick<UnitRow, 'name' | 'kind' | 'position'>;

/** `before` undefined: the piece is created; `after` undefined: it is removed. */
export type Change =
  | { readonly kind: 'field'; readonly dataset: string; readonly id: string; readonly field: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'record'; readonly dataset: string; readonly id: string; readonly before?: RecordContent; readonly after?: RecordContent }
  | { readonly kind: 'move'; readonly dataset: string; readonly id: string; readonly before: number; readonly after: number }
  | { readonly kind: 'unit'; readonly code: string; readonly before?: UnitContent; readonly after?: UnitContent }
  | { readonly kind: 'text'; readonly key: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'manual'; readonly table: string; readonly before?: ManualTable; readonly after?: ManualTable };

export function invert(change: Change): Change {
  const { before, after, ...rest } = change;
  return { ...rest, before: after, after: before } as Change;
}

/** The book no longer holds what a change expects (another window changed it outside the journal's order). */
export class ChangeConflict extends Error {}

const CONFLICT = '数据已在其他窗口被修改，此步骤无法执行';

/**
 * Applies one change to the stored book, inside the caller's read-write transaction. Throws ChangeConflict (and the
 * caller's transaction rolls back) when the stored piece is not what the change starts from.
 */
export async function applyChange(db: BudgetDb, bookId: string, change: Change): Promise<void> {
  switch (change.kind) {
    case 'field': {
      const row = await db.records.get([bookId, change.dataset, change.id]);
      if (!row || row.fields[change.field] !== change.before) throw new ChangeConflict(CONFLICT);
      const fields = { ...row.fields };
      if (change.after === undefined) delete fields[change.field];
      else fields[change.field] = change.after;
      await db.records.put({ ...row, fields });
      return;
    }
    case 'move': {
      const row = await db.records.get([bookId, change.dataset, change.id]);
      if (!row || row.position !== change.before) throw new ChangeConflict(CONFLICT);
      await db.records.put({ ...row, position: change.after });
      return;
    }
    case 'record': {
      const key: [string, string, string] = [bookId, change.dataset, change.id];
      expectPresence(await db.records.get(key), change.before);
      if (change.after) await db.records.put({ bookId, dataset: change.dataset, id: change.id, ...change.after });
      else await db.records.delete(key);
      return;
    }
    case 'unit': {
      expectPresence(await db.units.get([bookId, change.code]), change.before);
      if (change.after) await db.units.put({ bookId, code: change.code, ...change.after });
      else await db.units.delete([bookId, change.code]);
      return;
    }
    case 'text': {
      const row = await db.texts.get([bookId, change.key]);
      if (row?.value !== change.before) throw new ChangeConflict(CONFLICT);
      if (change.after === undefined) await db.texts.delete([bookId, change.key]);
      else await db.texts.put({ bookId, key: change.key, value: change.after });
      return;
    }
    case 'manual': {
      expectPresence(await db.manual.get([bookId, change.table]), change.before);
      if (change.after) await db.manual.put({ bookId, table: change.table, rows: change.after });
      else await db.manual.delete([bookId, change.table]);
      return;
    }
  }
}

/** A piece to create must not exist yet; one to change or remove must exist. */
function expectPresence(stored: object | undefined, before: object | undefined): void {
  if (Boolean(stored) !== Boolean(before)) throw new ChangeConflict(CONFLICT);
}

export async function applyChanges(db: BudgetDb, bookId: string, changes: readonly Change[]): Promise<void> {
  for (const change of changes) await applyChange(db, bookId, change);
}
