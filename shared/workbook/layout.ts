/**
 * Where a table's parts go on its sheet, as published: 表N, the title, 部门名称, 单位, the header rows, the 栏次 row,
 * the data rows and the 注 lines, and how wide each column is. Shared by the writer and the reader, so both agree
 * on the rows without either hard-coding a table.
 */
import type { TableView } from '../engine/view';

/** Rows 1–4 hold 表N, the title, 部门名称 and 单位; the header starts on row 5. */
export const HEADER_TOP = 5;

export interface SheetRows {
  readonly caption: number;
  readonly title: number;
  readonly orgLine: number;
  readonly unitLine: number;
  readonly headerTop: number;
  /** The last row repeated on every printed page: the 栏次 row when there is one, else the last header row. */
  readonly headerBottom: number;
  readonly colNoRow: number | undefined;
  readonly firstData: number;
  /** Row numbers are 1-based, as Excel shows them. */
  readonly firstNote: number;
}

export function sheetRows(view: Pick<TableView, 'headerDepth' | 'colNoRow' | 'rows'>): SheetRows {
  const lastHeader = HEADER_TOP + view.headerDepth - 1;
  const colNoRow = view.colNoRow ? lastHeader + 1 : undefined;
  const headerBottom = colNoRow ?? lastHeader;
  return {
    caption: 1,
    title: 2,
    orgLine: 3,
    unitLine: 4,
    headerTop: HEADER_TOP,
    headerBottom,
    colNoRow,
    firstData: headerBottom + 1,
    firstNote: headerBottom + 1 + view.rows.length,
  };
}

/** `A` for column 0, `Z` for 25, `AA` for 26: the letters Excel names a column by. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * How many Excel character units a text takes: CJK characters, full-width forms and Chinese punctuation (which
 * Chinese fonts draw full width) count double.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2000 ? 2 : 1;
  return w;
}

const MIN_WIDTH = 6;
/** Wider text wraps within the column instead of widening it. */
const MAX_WIDTH = 50;

/**
 * Column widths that fit the content: the template's `width` hint at least, then the widest cell (header and 栏次
 * labels count half, since they wrap onto two lines, as published), at most MAX_WIDTH.
 */
export function columnWidths(view: TableView): number[] {
  const natural = view.columns.map(() => 0);
  const fit = (col: number, width: number) => {
    natural[col] = Math.max(natural[col]!, width);
  };
  for (const h of view.header) if (h.colSpan === 1) fit(h.col, Math.ceil(displayWidth(h.label) / 2));
  view.colNoRow?.forEach((label, c) => fit(c, Math.ceil(displayWidth(label) / 2)));
  for (const row of view.rows) {
    row.cells.forEach((cell, c) => {
      if (cell.kind !== 'blank') fit(c, displayWidth(cell.text));
    });
  }
  return view.columns.map((col, c) => Math.max(col.width ?? 0, Math.min(natural[c]! + 2, MAX_WIDTH), MIN_WIDTH));
}

/** Lines a text needs in a column of `width` units (at least 1). */
export function linesNeeded(text: string, width: number): number {
  return Math.max(1, Math.ceil(displayWidth(text) / Math.max(1, width - 1)));
}
