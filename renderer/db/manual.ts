/**
 * Tables entered by hand (手工填报): switching a derived table to its printed rows, changing them, or switching back.
 * The whole book is derived with the new rows before anything is written, so rows the engine cannot match to the
 * table are refused with its message.
 */
import { ManualTable } from '../../shared/book/schema';
import { zodProblems } from '../../shared/validation/issues';
import { readBookFile } from './bookfile';
import type { BudgetDb } from './database';
import { deriveBook } from './derive';
import { runStep } from './journal';
import type { Outcome } from './outcome';
import { BOOK_GONE } from './scope';

/** Sets a table's entered rows (as printed, without header rows); undefined switches it back to derived. */
export function setManualTable(db: BudgetDb, bookId: string, tableId: string, rows: ManualTable | undefined): Promise<Outcome> {
  return runStep(db, bookId, async (scope) => {
    const table = scope.template.tables.find((t) => t.id === tableId);
    const where = table ? table.caption : `表 ${tableId}`;
    if (!table) return { problems: [{ where, message: '模板中没有此表' }] };
    if (rows !== undefined) {
      const parsed = ManualTable.safeParse(rows, { reportInput: true });
      if (!parsed.success) return { problems: zodProblems(parsed.error, `${where} `) };
    }
    const file = await readBookFile(db, bookId);
    if (!file) return { problems: [BOOK_GONE] };
    const { [tableId]: before, ...others } = file.manual ?? {};
    const derived = deriveBook({ ...file, manual: rows ? { ...others, [tableId]: rows } : others });
    if ('problems' in derived) return { problems: derived.problems };
    const label = rows ? `手工填报${table.caption}` : `${table.caption}改回自动生成`;
    const unchanged = JSON.stringify(before) === JSON.stringify(rows);
    return { label, changes: unchanged ? [] : [{ kind: 'manual', table: tableId, before, after: rows }], result: {} };
  });
}
