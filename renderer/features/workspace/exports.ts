/**
 * Saving a book as files where the officer chooses: the 数据包 (the book file, for another machine or the finance
 * department's system) and the workbook of the 14 tables (.xlsx). Both are made from the book as stored, so they
 * hold every edit that was saved. Each resolves with what to tell the officer.
 */
import { BOOK_FILES } from '../../app/files';
import { type BudgetDb, exportBook, readBookFile } from '../../db';
import { deriveBook } from '../../db/derive';
import { platform } from '../../platform';

const WORKBOOK_FILES = [{ name: '工作簿', extensions: ['xlsx'] }];

function saved(done: boolean, what: string, name: string): string {
  return done ? `已导出${what}“${name}”` : `已取消导出${what}`;
}

export async function saveBookFile(db: BudgetDb, bookId: string): Promise<string> {
  const exported = await exportBook(db, bookId);
  if (!exported) return '找不到该账套，它可能已在其他窗口被删除';
  const done = await platform.saveFile(exported.fileName, new TextEncoder().encode(exported.text), BOOK_FILES);
  return saved(done, '数据包', exported.fileName);
}

export async function saveWorkbook(db: BudgetDb, bookId: string): Promise<string> {
  const file = await readBookFile(db, bookId);
  if (!file) return '找不到该账套，它可能已在其他窗口被删除';
  const engine = deriveBook(file);
  if ('problems' in engine) return `无法生成工作簿：${engine.problems.map((p) => `${p.where}：${p.message}`).join('；')}`;
  // The workbook writer brings ExcelJS, which is large: it is loaded when first used.
  const { writeWorkbook, workbookFileName } = await import('../../../shared/workbook/write');
  const name = workbookFileName(engine);
  const done = await platform.saveFile(name, await writeWorkbook(engine), WORKBOOK_FILES);
  return saved(done, '工作簿', name);
}
