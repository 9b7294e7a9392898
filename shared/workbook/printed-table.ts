/**
 * Reading one table's sheet in the published layout: the header (every label at its merge master) and the 栏次 row
 * are checked against the template's, then each data row is read into the same cells the engine's view prints
 * (text, amount in 分, rate, blank). A column moved, renamed, inserted or removed, and a word where an amount belongs,
 * are problems placed at their cell.
 */
import type { TableView, ViewCell } from '../engine/view';
import { type AmountFormat, Dec, type Fen, formatFigure, fromUnitDecimal, isDash, parseFigure } from '../money/money';
import { columnLetter } from './layout';
import { type SheetPlace, type WorkbookMessage, workbookMessage } from './messages';
import type { ReadSheet, ReadValue } from './xlsx';

export interface PrintedRow {
  /** The row number in the sheet (1-based). */
  readonly sheetRow: number;
  readonly cells: readonly ViewCell[];
}

/** How far down a sheet its header is looked for (rows above it hold 表N, the title, 部门名称 and 单位). */
const HEADER_SEARCH = 30;
/** A number read from a cell within this of a 2-decimal figure is that figure (a recalculated sum's float noise). */
const FLOAT_NOISE = 1e-6;

/**
 * A cell's text without the spaces around it, except the ideographic space (U+3000): labels are indented with it
 * as published (`　基本工资` under its 类), so it is part of the text.
 */
function textOf(v: ReadValue | undefined): string {
  return v === null || v === undefined ? '' : String(v).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The data rows of a sheet laid out like `expected`, or undefined when its header does not match (then every cell
 * below it would be misread, so only the header problems are reported). `noteLines` are the texts a table's 注
 * lines start with: the data ends at the first of them.
 */
export function readPrintedTable(
  sheet: ReadSheet,
  expected: TableView,
  noteLines: readonly string[],
  problems: WorkbookMessage[],
): PrintedRow[] | undefined {
  const place = (row?: number, column?: number): SheetPlace => ({ sheet: sheet.name, ...(row ? { row } : {}), ...(column !== undefined ? { column } : {}) });
  const cell = (row: number, col: number) => textOf(sheet.rows[row - 1]?.[col]);
  const first = expected.header[0]!;
  let top = 0;
  for (let r = 1; r <= Math.min(HEADER_SEARCH, sheet.rows.length); r++) {
    if (squeeze(cell(r, 0)) === squeeze(first.label)) {
      top = r;
      break;
    }
  }
  if (!top) {
    problems.push(workbookMessage(place(), `找不到表头：应有一行从 A 列“${first.label}”开始`));
    return undefined;
  }
  const before = problems.length;
  const width = expected.columns.length;
  for (const h of expected.header) {
    const row = top + h.row;
    const actual = cell(row, h.col);
    if (squeeze(actual) === squeeze(h.label)) continue;
    // A label printed once in its header row and found in another column there: the column was moved.
    const unique = expected.header.filter((o) => o.row === h.row && o.label === h.label).length === 1;
    const elsewhere = unique ? (sheet.rows[row - 1] ?? []).findIndex((v) => squeeze(textOf(v)) === squeeze(h.label)) : -1;
    const why = elsewhere >= 0 ? `；“${h.label}”现在 ${columnLetter(elsewhere)} 列（列被移动）` : '（列被改名、插入或删除）';
    problems.push(workbookMessage(place(row, h.col), `表头应为“${h.label}”，实为“${actual || '空'}”${why}`));
  }
  let bottom = top + expected.headerDepth - 1;
  if (expected.colNoRow) {
    bottom++;
    expected.colNoRow.forEach((label, c) => {
      const actual = cell(bottom, c);
      if (squeeze(actual) !== squeeze(label)) problems.push(workbookMessage(place(bottom, c), `栏次应为“${label}”，实为“${actual || '空'}”`));
    });
  }
  for (let r = top; r <= bottom; r++) {
    (sheet.rows[r - 1] ?? []).forEach((v, c) => {
      if (c >= width && textOf(v)) problems.push(workbookMessage(place(r, c), `表头多出一列“${textOf(v)}”（应只有 ${width} 列）`));
    });
  }
  if (problems.length > before) return undefined;

  const notes = new Set(noteLines.map(squeeze));
  const rows: PrintedRow[] = [];
  for (let r = bottom + 1; r <= sheet.rows.length; r++) {
    const values = sheet.rows[r - 1] ?? [];
    if (notes.has(squeeze(textOf(values[0])))) break;
    if (values.every((v) => textOf(v) === '')) continue;
    values.forEach((v, c) => {
      if (c >= width && textOf(v)) problems.push(workbookMessage(place(r, c), `表格只有 ${width} 列，此处多出内容“${textOf(v)}”`));
    });
    const cells = expected.columns.map((col, c) =>
      typedCell(col.type, values[c] ?? null, expected.formats[c]!, (m) => problems.push(workbookMessage(place(r, c), m))),
    );
    rows.push({ sheetRow: r, cells });
  }
  return problems.length > before ? undefined : rows;
}

function typedCell(type: 'text' | 'amount' | 'rate', value: ReadValue, format: AmountFormat, problem: (message: string) => void): ViewCell {
  const text = textOf(value);
  if (type === 'text') return { kind: 'text', text };
  if (text === '') return { kind: 'blank' };
  // A dash where a figure does not apply is printed as text, like the view prints it; it is not a zero.
  if (isDash(text)) return { kind: 'text', text };
  if (type === 'rate') {
    if (typeof value !== 'number') return { kind: 'rate', text };
    return { kind: 'rate', text: `${new Dec(value).mul(100).toFixed(2)}%` };
  }
  const amount = amountOf(value!, format);
  if (typeof amount === 'string') {
    problem(amount);
    return { kind: 'blank' };
  }
  return { kind: 'amount', value: amount, text: formatFigure(amount, format) };
}

/**
 * An amount cell's figure in 分, or a message saying what is wrong with it. A number is in the column's unit, as
 * written; a text may name a unit (`25162.4万元` in a 元 column).
 */
function amountOf(value: string | number, format: AmountFormat): Fen | string {
  const money = format.money;
  if (typeof value === 'number') {
    const exact = new Dec(value);
    const rounded = exact.toDecimalPlaces(money.decimals);
    if (exact.minus(rounded).abs().gt(FLOAT_NOISE)) return `金额 ${value} 超过 ${money.decimals} 位小数`;
    return fromUnitDecimal(rounded, money);
  }
  const parsed = parseFigure(value, format);
  if (!parsed.ok) return `金额单元格中是文字“${value}”，应为数字`;
  if (parsed.rounded) return `金额“${value}”超过 ${money.decimals} 位小数`;
  return parsed.value;
}
