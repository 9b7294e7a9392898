/**
 * A printed table against the engine's view of the same table, cell by cell, and a printed table as 手工填报 rows.
 */
import type { ManualTable } from '../book/schema';
import type { Engine } from '../engine/engine';
import type { TableModel } from '../engine/model';
import { type TableView, tableView, type ViewCell } from '../engine/view';
import { amountToPlain, type MoneyFormat } from '../money/money';
import { sheetRows } from './layout';
import type { SheetPlace } from './messages';
import type { PrintedRow } from './printed-table';

export interface Difference extends SheetPlace {
  /** What the sheet shows ('' for a missing row's cell). */
  readonly printed: string;
  /** What the view prints ('' for a row the view does not have). */
  readonly derived: string;
}

function shown(cell: ViewCell | undefined): string {
  return !cell || cell.kind === 'blank' ? '' : cell.text;
}

/** Every cell where the sheet and the view differ (rows compared in order; extra or missing rows cell by cell). */
export function tableDifferences(sheet: string, printed: readonly PrintedRow[], view: TableView, firstRow: number): Difference[] {
  const out: Difference[] = [];
  const n = Math.max(printed.length, view.rows.length);
  for (let i = 0; i < n; i++) {
    const p = printed[i];
    const v = view.rows[i];
    const row = p?.sheetRow ?? (printed.at(-1)?.sheetRow ?? firstRow - 1) + 1 + (i - printed.length);
    view.columns.forEach((_, c) => {
      const a = shown(p?.cells[c]);
      const b = shown(v?.cells[c]);
      if (a !== b) out.push({ sheet, row, column: c, printed: a, derived: b });
    });
  }
  return out;
}

/** The differences of every printed table from the engine's, table by table in template order. */
export function bookDifferences(engine: Engine, printed: ReadonlyMap<string, readonly PrintedRow[]>): { table: TableModel; differences: Difference[] }[] {
  return engine.model.tables.map((table) => {
    const view = tableView(engine, table);
    return { table, differences: tableDifferences(table.def.caption, printed.get(table.def.id) ?? [], view, sheetRows(view).firstData) };
  });
}

/** The printed rows as a 手工填报 table: text as printed, amounts as plain decimals, blanks as ''. */
export function manualRows(printed: readonly PrintedRow[], money: MoneyFormat): ManualTable {
  return printed.map((r) =>
    r.cells.map((cell) => {
      switch (cell.kind) {
        case 'amount':
          return amountToPlain(cell.value, money);
        case 'blank':
          return '';
        default:
          return cell.text;
      }
    }),
  );
}
