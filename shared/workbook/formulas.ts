/**
 * Which printed amounts are Excel formulas, derived from the engine's model and never from a particular table:
 * - a 栏次-computed column is its first 栏次 equation over the same row (`2=3+4` → `=E7+F7`);
 * - a roll-up (合计, 部门, 单位, 类/款, a 表6 subtotal) is SUM over its printed child rows, by contiguous ranges
 *   where the children sit together (`=SUM(G8:G19)`) and cell by cell where they do not (`=SUM(G8,G12:G13)`).
 * Everything else is a value: entered figures, figures read from other tables (表1, 表4, 表5 from 表3 …), rates.
 * A formula is written only when it computes exactly the engine's figure from the printed cells, so a spreadsheet
 * that recalculates shows the same numbers as the cached results.
 */
import type { Row, TableModel } from '../engine/model';
import type { TableView } from '../engine/view';
import { columnLetter } from './layout';

/** Excel's limit on the arguments of one function call. */
const MAX_ARGS = 255;
/** Excel's limit on the length of a formula; a longer roll-up is written as a value. */
const MAX_FORMULA = 8000;

/** One formula (without `=`) per printed cell, or undefined where the cell is a value. */
export type FormulaGrid = readonly (readonly (string | undefined)[])[];

export function tableFormulas(table: TableModel, view: TableView, firstDataRow: number): FormulaGrid {
  // 手工填报 rows are what the officer entered, and a side-by-side table joins two rows per line: values only.
  if (view.manual || table.panels) return view.rows.map(() => []);
  const sheetRow = new Map(view.rows.map((r, i) => [r.id, firstDataRow + i]));
  return view.rows.map((viewRow) => {
    const row = table.rowById.get(viewRow.id);
    const at = sheetRow.get(viewRow.id)!;
    return table.columns.map((c) => (row && c.type === 'amount' ? cellFormula(table, row, c.index, at, sheetRow) : undefined));
  });
}

function cellFormula(table: TableModel, row: Row, col: number, at: number, sheetRow: ReadonlyMap<string, number>): string | undefined {
  if (row.cellFormulas?.has(col)) return undefined;
  const plan = (row.sumChildren ? table.planChildren : table.planOwn)[col];
  const column = table.columns[col]!;
  if (plan === 'colNo' && column.colNo?.kind === 'sum') {
    const terms = column.colNo.equations[0]!.map((t) => ({ sign: t.sign, index: table.columnByNumber.get(t.number)!.index }));
    let sum = 0;
    for (const t of terms) sum += t.sign * row.values[t.index]!;
    if (sum !== row.values[col]) return undefined;
    return terms.map((t, i) => `${t.sign < 0 ? '-' : i > 0 ? '+' : ''}${columnLetter(t.index)}${at}`).join('');
  }
  if (plan !== 'children' && plan !== 'source') return undefined;
  if (row.children.length === 0) return undefined;
  let sum = 0;
  const printed: number[] = [];
  for (const child of row.children) {
    sum += child.values[col]!;
    const r = sheetRow.get(child.id);
    // A child that is not printed (a hidden all-zero row) adds nothing.
    if (r !== undefined) printed.push(r);
    else if (child.values[col] !== 0) return undefined;
  }
  if (sum !== row.values[col] || printed.length === 0) return undefined;
  const formula = sumOf(columnLetter(col), printed);
  return formula.length <= MAX_FORMULA ? formula : undefined;
}

/** SUM over the given rows of one column: runs of consecutive rows as ranges, in calls of at most MAX_ARGS. */
export function sumOf(letter: string, rows: readonly number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const args: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    args.push(i === j ? `${letter}${sorted[i]}` : `${letter}${sorted[i]}:${letter}${sorted[j]}`);
    i = j + 1;
  }
  const calls: string[] = [];
  for (let i = 0; i < args.length; i += MAX_ARGS) calls.push(`SUM(${args.slice(i, i + MAX_ARGS).join(',')})`);
  return calls.join('+');
}
