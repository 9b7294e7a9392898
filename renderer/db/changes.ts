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

/** The change to one record's row (an entered record's field, position, or the record as a whole). */
type RecordChange = Extract<Change, { kind: 'field' | 'move' | 'record' }>;

function isRecordChange(change: Change): change is RecordChange {
  return change.kind === 'field' || change.kind === 'move' || change.kind === 'record';
}

/**
 * A record's row after one change, from the row before it (undefined: no such record). Throws ChangeConflict when
 * the row is not what the change starts from.
 */
function changedRecord(bookId: string, row: RecordRow | undefined, change: RecordChange): RecordRow | undefined {
  switch (change.kind) {
    case 'field': {
      if (!row || row.fields[change.field] !== change.before) throw new ChangeConflict(CONFLICT);
      const fields = { ...row.fields };
      if (change.after === undefined) delete fields[change.field];
      else fields[change.field] = change.after;
      return { ...row, fields };
    }
    case 'move':
      if (!row || row.position !== change.before) throw new ChangeConflict(CONFLICT);
      return { ...row, position: change.after };
    case 'record':
      expectPresence(row, change.before);
      return change.after && { bookId, dataset: change.dataset, id: change.id, ...change.after };
  }
}

/** Applies a change to a piece other than a record, inside the caller's read-write transaction. */
async function applyOther(db: BudgetDb, bookId: string, change: Exclude<Change, RecordChange>): Promise<void> {
  switch (change.kind) {
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

/**
 * Applies changes, in order, to the stored book inside the caller's read-write transaction. Throws ChangeConflict
 * (and the caller's transaction rolls back) when a stored piece is not what its change starts from. The records
 * they touch are read in one request and written in one more, so a step of a thousand new lines costs no more
 * round trips than a step of one.
 */
export async function applyChanges(db: BudgetDb, bookId: string, changes: readonly Change[]): Promise<void> {
  const idOf = (c: RecordChange) => `${c.dataset}\u0000${c.id}`;
  const keys = new Map(changes.filter(isRecordChange).map((c) => [idOf(c), [bookId, c.dataset, c.id] as [string, string, string]]));
  const stored = await db.records.bulkGet([...keys.values()]);
  const rows = new Map([...keys.keys()].map((id, i) => [id, stored[i]]));
  for (const change of changes) {
    if (isRecordChange(change)) rows.set(idOf(change), changedRecord(bookId, rows.get(idOf(change)), change));
    else await applyOther(db, bookId, change);
  }
  const after = [...keys].map(([id, key]) => ({ key, row: rows.get(id) }));
  await db.records.bulkPut(after.flatMap((a) => (a.row ? [a.row] : [])));
  await db.records.bulkDelete(after.flatMap((a) => (a.row ? [] : [a.key])));
}
