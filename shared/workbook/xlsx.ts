/**
 * The one module that talks to ExcelJS. The rest of shared/workbook builds and reads plain sheet descriptions, so the
 * layout, the formulas and the import can be reasoned about (and tested) without the library, and a change of
 * library touches this file only. ExcelJS runs unchanged in Node, the browser and Electron.
 */
import ExcelJS from 'exceljs';

/** A formula without its leading `=`, with the value it computes to (what a reader shows before recalculating). */
export interface Formula {
  readonly formula: string;
  readonly result: number;
}

/** Strings are always written as text, also when they begin with = + - @ (ExcelJS stores them as shared strings). */
export type CellValue = string | number | Formula;

export interface CellStyle {
  readonly numFmt?: string;
  readonly bold?: boolean;
  readonly size?: number;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly wrap?: boolean;
  readonly border?: boolean;
}

export interface CellSpec {
  readonly value: CellValue;
  readonly style?: CellStyle;
}

/** A rectangle of cells, 1-based and inclusive. */
export interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface PrintSetup {
  readonly orientation: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page, 1-based and inclusive. */
  readonly titleRows?: { readonly first: number; readonly last: number };
  readonly footer: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly hidden?: boolean;
  /** Row r (0-based here, row r+1 in the sheet), cell c (column c+1); undefined cells stay empty. */
  readonly rows: readonly (readonly (CellSpec | undefined)[])[];
  readonly rowHeights?: ReadonlyMap<number, number>;
  /** Merged ranges; every cell of a range gets the style of its top-left cell, so borders show all round. */
  readonly merges: readonly Range[];
  /** Column widths in Excel character units. */
  readonly widths: readonly number[];
  /** Rows kept in view when scrolling (frozen pane below them). */
  readonly frozenRows?: number;
  readonly print?: PrintSetup;
}

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';

/** One ExcelJS style object per distinct CellStyle, shared by every cell using it (fast to write, small file). */
function styleCache(): (s: CellStyle | undefined) => Partial<ExcelJS.Style> {
  const cache = new Map<CellStyle, Partial<ExcelJS.Style>>();
  return (s) => {
    if (!s) return {};
    let out = cache.get(s);
    if (!out) {
      out = {
        font: { name: FONT, size: s.size ?? 10, bold: s.bold ?? false },
        alignment: { vertical: 'middle', horizontal: s.horizontal ?? 'left', wrapText: s.wrap ?? false },
        ...(s.numFmt ? { numFmt: s.numFmt } : {}),
        ...(s.border ? { border: BORDER } : {}),
      };
      cache.set(s, out);
    }
    return out;
  };
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name, {
    state: spec.hidden ? 'hidden' : 'visible',
    views: spec.frozenRows ? [{ state: 'frozen', ySplit: spec.frozenRows, xSplit: 0 }] : [],
    ...(spec.print
      ? {
          pageSetup: {
            paperSize: 9, // A4
            orientation: spec.print.orientation,
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: 0, // as many pages down as needed
            horizontalCentered: true,
            margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
          },
          headerFooter: { oddFooter: `&C${spec.print.footer}`, evenFooter: `&C${spec.print.footer}` },
        }
      : {}),
  });
  const style = styleCache();
  spec.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  spec.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    const height = spec.rowHeights?.get(r + 1);
    if (height !== undefined) row.height = height;
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = row.getCell(c + 1);
      target.value = cell.value;
      target.style = style(cell.style);
    });
  });
  for (const m of spec.merges) {
    const master = spec.rows[m.top - 1]?.[m.left - 1];
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) ws.getCell(r, c).style = style(master?.style);
    }
    ws.mergeCells(m.top, m.left, m.bottom, m.right);
  }
  if (spec.print?.titleRows) ws.pageSetup.printTitlesRow = `${spec.print.titleRows.first}:${spec.print.titleRows.last}`;
}

export async function writeXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '部门预算公开编制器';
  for (const s of sheets) addSheet(wb, s);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** What a cell shows, as read back: text, a number (a formula's cached result), or null when empty. */
export type ReadValue = string | number | null;

export interface ReadSheet {
  readonly name: string;
  readonly hidden: boolean;
  /** Row r+1, column c+1 of the sheet; merged cells other than the top-left one read as null. */
  readonly rows: readonly (readonly ReadValue[])[];
}

export class UnreadableWorkbookError extends Error {}

function plainValue(cell: ExcelJS.Cell): ReadValue {
  if (cell.isMerged && cell.master !== cell) return null;
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (typeof result === 'number' || typeof result === 'string') return result;
    if (result && typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
    // ExcelJS reads a cached `<v>0</v>` as no result at all; Excel, WPS and LibreOffice always cache a value.
    return 0;
  }
  if ('error' in v) return String(v.error);
  if ('text' in v) return String((v as { text: unknown }).text);
  return null;
}

/** Reads every sheet's values; throws UnreadableWorkbookError when the bytes are not an .xlsx workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnreadableWorkbookError(e instanceof Error ? e.message : String(e));
  }
  return wb.worksheets.map((ws) => {
    const rows: ReadValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const values: ReadValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        values[c - 1] = plainValue(cell);
      });
      rows[r - 1] = Array.from(values, (v) => v ?? null);
    });
    return { name: ws.name, hidden: ws.state !== 'visible', rows: Array.from(rows, (r) => r ?? []) };
  });
}
