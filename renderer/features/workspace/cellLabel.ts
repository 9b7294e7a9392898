/** How a cell of a table is named in the editor, as the checks name cells: `表3 合计 第4栏 项目支出`. */
import type { BuiltModel } from '../../../shared/engine/build';
import { columnLabel, rowLabel } from '../../../shared/engine/checks';

export interface CellTarget {
  readonly tableId: string;
  readonly rowId: string;
  readonly columnKey?: string;
}

export function cellLabel(model: BuiltModel, cell: CellTarget): string {
  const table = model.tableById.get(cell.tableId);
  const row = table?.rowById.get(cell.rowId);
  if (!table || !row) return cell.tableId;
  const column = cell.columnKey ? table.columnByKey.get(cell.columnKey) : undefined;
  return [table.def.caption, rowLabel(table, row.text, row.panel, row.id), column ? columnLabel(column) : ''].filter(Boolean).join(' ');
}
