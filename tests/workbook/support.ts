/** Helpers for the workbook tests: exporting a book, and reading a workbook back with ExcelJS as Excel would. */
import ExcelJS from 'exceljs';
import type { BookFile } from '../../shared/book/schema';
import { allViews, plainCells } from '../../shared/engine/view';
import { WAN_YUAN_2 } from '../../shared/money/money';
import { allTemplates } from '../../shared/template/registry';
import { describeMessage } from '../../shared/workbook/messages';
import { readWorkbook, type WorkbookImport } from '../../shared/workbook/read';
import { writeWorkbook } from '../../shared/workbook/write';
import { run } from '../support/books';

export async function exportBook(file: BookFile): Promise<Uint8Array> {
  return writeWorkbook(run(file));
}

export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A copy of a workbook changed by `edit` (as an officer would in Excel). */
export async function editWorkbook(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await openWorkbook(bytes);
  edit(wb);
  return saveWorkbook(wb);
}

/** The same workbook without its hidden 数据包 sheet: what a finance department's own workbook looks like. */
export function withoutPackage(bytes: Uint8Array): Promise<Uint8Array> {
  return editWorkbook(bytes, (wb) => wb.removeWorksheet(wb.getWorksheet('数据包')!.id));
}

/**
 * What a cell shows: its text, its number, or a formula's cached result. ExcelJS reads a cached `<v>0</v>` as no
 * result, so a formula without one shows 0.
 */
export function shown(cell: ExcelJS.Cell): string | number {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'formula' in v) return (v.result as number | undefined) ?? 0;
  return v as string | number;
}

export function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
}

/** An import that succeeded; fails the test with every problem otherwise. */
export function imported(result: WorkbookImport): Extract<WorkbookImport, { ok: true }> {
  if (!result.ok) throw new Error(`import failed:\n${result.problems.map(describeMessage).join('\n')}`);
  return result;
}

/** The problems of an import that failed, as the officer reads them; fails the test if it succeeded. */
export async function problemsOf(bytes: Uint8Array): Promise<string[]> {
  const result = await readWorkbook(bytes, allTemplates());
  if (result.ok) throw new Error('expected the import to fail');
  return result.problems.map(describeMessage);
}

/** Every table of a book as printed, by caption: plain cells (amounts as numbers in their column's unit). */
export function tables(file: BookFile) {
  return allViews(run(file)).map((v) => ({ id: v.caption, rows: v.rows.map((r) => plainCells(r, WAN_YUAN_2)) }));
}
