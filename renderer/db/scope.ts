/**
 * What validating an edit of a book needs to know: the book, its template, its catalogues (the template's plus the
 * book's own codes) and its units. Read inside the edit's transaction, so the check and the write see one state.
 */
import { Codes } from '../../shared/book/codes';
import type { Template } from '../../shared/template/schema';
import { findTemplate } from '../../shared/template/registry';
import type { BookRow, BudgetDb, UnitRow } from './database';
import type { EditProblem } from './outcome';

export interface BookScope {
  readonly book: BookRow;
  readonly template: Template;
  readonly codes: Codes;
  readonly units: ReadonlyMap<string, UnitRow>;
}

/** Codes objects index whole catalogues, so they are kept per template and set of added codes. */
const codesCache = new Map<string, Codes>();

function codesFor(template: Template, extra: BookRow['extraCodes']): Codes {
  const key = `${template.id}@${template.version}|${JSON.stringify(extra)}`;
  let codes = codesCache.get(key);
  if (!codes) {
    if (codesCache.size >= 16) codesCache.clear();
    codes = new Codes(template, extra);
    codesCache.set(key, codes);
  }
  return codes;
}

export const BOOK_GONE: EditProblem = { where: '账套', message: '找不到该账套，它可能已在其他窗口被删除' };

/** The scope of a book that exists and is not deleted, or the problem saying why there is none. */
export async function bookScope(db: BudgetDb, bookId: string): Promise<BookScope | EditProblem> {
  const book = await db.books.get(bookId);
  if (!book || book.deletedAt) return BOOK_GONE;
  const template = findTemplate(book.template.id, book.template.version);
  if (!template) {
    return { where: '账套', message: `找不到模板“${book.template.id}”第 ${book.template.version} 版，请使用包含该模板的程序版本` };
  }
  const units = await db.units.where('bookId').equals(bookId).toArray();
  return { book, template, codes: codesFor(template, book.extraCodes), units: new Map(units.map((u) => [u.code, u])) };
}

export function isProblem<T extends object>(value: T | EditProblem): value is EditProblem {
  return 'message' in value && 'where' in value;
}
