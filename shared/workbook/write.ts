/**
 * The .xlsx workbook for the finance department: one sheet per table (表1 … 表14) rendered from the engine's table
 * views, a 说明 sheet with the document's text, and the hidden 数据包 sheet holding the book file, so the workbook
 * reads back exactly.
 */
import type { Engine } from '../engine/engine';
import { bookLookup, fillText } from '../engine/text';
import { tableView } from '../engine/view';
import { currentBookFile } from './current-book';
import { tableFormulas } from './formulas';
import { sheetRows } from './layout';
import { packageSheet } from './package-sheet';
import { tableSheet } from './table-sheet';
import { textSheet } from './text-sheet';
import { writeXlsx } from './xlsx';

export async function writeWorkbook(engine: Engine): Promise<Uint8Array> {
  const money = engine.book.template.money;
  const sheets = engine.model.tables.map((table) => {
    const view = tableView(engine, table);
    return tableSheet(view, tableFormulas(table, view, sheetRows(view).firstData), money);
  });
  const text = textSheet(engine);
  if (text) sheets.push(text);
  sheets.push(await packageSheet(currentBookFile(engine.book)));
  return writeXlsx(sheets);
}

/** The file name offered when saving, as the template's document names it: `贵州省医疗保障局2024年部门预算公开表.xlsx`. */
export function workbookFileName(engine: Engine): string {
  const { document } = engine.book.template;
  const name = fillText(document.workbook ?? document.title, bookLookup(engine.book));
  return `${name}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}
