/**
 * One table's sheet, laid out from its view as published: 表N, title, 部门名称, 单位, the merged multi-level header,
 * the 栏次 row, the data rows (amounts as numbers in their column's format, `#,##0.00` by default; codes and rates as text) and the 注 lines; header
 * rows frozen and repeated on every printed page, A4 fitted to the page width, page numbers in the footer.
 */
import { type AmountFormat, amountToNumber, type MoneyFormat } from '../money/money';
import type { TableView, ViewCell } from '../engine/view';
import type { FormulaGrid } from './formulas';
import { columnWidths, linesNeeded, sheetRows } from './layout';
import type { CellSpec, CellStyle, Range, SheetSpec } from './xlsx';

/**
 * Excel's number format for a column's amounts: `#,##0.00`, `0.00`, or none for `general` (Excel's default, 常规:
 * as short as possible).
 */
export function numberFormat(format: AmountFormat): string | undefined {
  if (format.style === 'general') return undefined;
  const decimals = format.money.decimals > 0 ? `.${'0'.repeat(format.money.decimals)}` : '';
  return `${format.style === 'grouped' ? '#,##0' : '0'}${decimals}`;
}

export const PAGE_FOOTER = '第 &P 页，共 &N 页';

const CAPTION: CellStyle = { size: 10 };
const TITLE: CellStyle = { bold: true, size: 16, horizontal: 'center' };
const LINE: CellStyle = { size: 10 };
const UNIT: CellStyle = { size: 10, horizontal: 'right' };
const HEADER: CellStyle = { bold: true, horizontal: 'center', wrap: true, border: true };
const COLUMN_NUMBER: CellStyle = { horizontal: 'center', wrap: true, border: true };
/** `@`: Excel keeps what the officer types here as text too (a code stays `2101504`, never 2.1E+6). */
const TEXT: CellStyle = { numFmt: '@', wrap: true, border: true };
const RATE: CellStyle = { horizontal: 'right', border: true };
const BLANK: CellStyle = { border: true };
const NOTE: CellStyle = { size: 10, wrap: true };

const LINE_HEIGHT = 14;

export function tableSheet(view: TableView, formulas: FormulaGrid, money: MoneyFormat): SheetSpec {
  const at = sheetRows(view);
  const last = view.columns.length;
  const widths = columnWidths(view);
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const rows: (CellSpec | undefined)[][] = [];
  const merges: Range[] = [];
  const heights = new Map<number, number>();
  const put = (row: number, col: number, cell: CellSpec) => {
    (rows[row - 1] ??= [])[col - 1] = cell;
  };
  const fullLine = (row: number, text: string, style: CellStyle) => {
    put(row, 1, { value: text, style });
    if (last > 1) merges.push({ top: row, left: 1, bottom: row, right: last });
  };

  put(at.caption, 1, { value: view.caption, style: CAPTION });
  fullLine(at.title, view.title, TITLE);
  heights.set(at.title, 24);
  fullLine(at.orgLine, view.orgLine, LINE);
  fullLine(at.unitLine, view.unitLine, UNIT);

  for (const h of view.header) {
    const top = at.headerTop + h.row;
    const left = h.col + 1;
    put(top, left, { value: h.label, style: HEADER });
    if (h.rowSpan > 1 || h.colSpan > 1) merges.push({ top, left, bottom: top + h.rowSpan - 1, right: left + h.colSpan - 1 });
    if (h.rowSpan === 1) fitLines(heights, top, linesNeeded(h.label, spanWidth(h.col, h.colSpan)));
  }
  if (at.colNoRow !== undefined) {
    view.colNoRow!.forEach((label, c) => {
      put(at.colNoRow!, c + 1, { value: label, style: COLUMN_NUMBER });
      fitLines(heights, at.colNoRow!, linesNeeded(label, widths[c]!));
    });
  }

  // One style object per column (the writer shares a style among the cells that use the same object).
  const amountStyles = view.formats.map((f): CellStyle => {
    const numFmt = numberFormat(f);
    return { ...(numFmt ? { numFmt } : {}), horizontal: 'right', border: true };
  });
  view.rows.forEach((row, i) => {
    const r = at.firstData + i;
    row.cells.forEach((cell, c) => {
      put(r, c + 1, dataCell(cell, formulas[i]?.[c], money, amountStyles[c]!));
      if (cell.kind === 'text') fitLines(heights, r, linesNeeded(cell.text, widths[c]!));
    });
  });

  view.notes.forEach((note, i) => {
    const r = at.firstNote + i;
    fullLine(r, note, NOTE);
    fitLines(heights, r, linesNeeded(note, spanWidth(0, last)));
  });

  return {
    name: view.caption,
    rows,
    rowHeights: heights,
    merges,
    widths,
    frozenRows: at.headerBottom,
    print: { orientation: view.orientation, titleRows: { first: at.headerTop, last: at.headerBottom }, footer: PAGE_FOOTER },
  };
}

/** Makes row `row` tall enough for `lines` lines of wrapped text (a one-line row keeps the default height). */
function fitLines(heights: Map<number, number>, row: number, lines: number): void {
  if (lines > 1) heights.set(row, Math.max(heights.get(row) ?? 0, lines * LINE_HEIGHT));
}

function dataCell(cell: ViewCell, formula: string | undefined, money: MoneyFormat, amount: CellStyle): CellSpec {
  switch (cell.kind) {
    case 'text':
      return { value: cell.text, style: TEXT };
    case 'rate':
      return { value: cell.text, style: RATE };
    case 'amount': {
      const value = amountToNumber(cell.value, money);
      return { value: formula ? { formula, result: value } : value, style: amount };
    }
    case 'blank':
      return { value: '', style: BLANK };
  }
}
