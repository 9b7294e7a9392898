/**
 * Codes the officer adds to a catalogue of a book (the book file's `extraCodes`): a 功能 or 经济 code that the
 * national list shipped with the template lacks, with its name. Added codes can be picked and typed like the others.
 */
import type { BudgetDb } from './database';
import { failed, type Outcome } from './outcome';
import { bookScope, isProblem } from './scope';

/** Adds `code` with `name` to the book's catalogue `catalogue`; refused when the code is there already. */
export async function addCode(db: BudgetDb, bookId: string, catalogue: string, code: string, name: string): Promise<Outcome> {
  const entry = { code: code.trim(), name: name.trim() };
  const outcome = await db.transaction('rw', [db.books, db.units], async (): Promise<Outcome> => {
    const scope = await bookScope(db, bookId);
    if (isProblem(scope)) return failed(scope);
    const label = scope.template.catalogues[catalogue]?.label;
    if (!label) return failed({ where: '科目目录', message: `模板中没有目录“${catalogue}”` });
    if (!/^\d+$/.test(entry.code)) return failed({ where: `${label}的编码`, message: `“${entry.code}”不是编码，编码只能由数字组成` });
    if (!entry.name) return failed({ where: `${label}的名称`, message: '科目名称不能为空' });
    if (scope.codes.has(catalogue, entry.code)) {
      return failed({ where: `${label}的编码`, message: `编码“${entry.code}”已在目录中：${scope.codes.name(catalogue, entry.code)}` });
    }
    const extraCodes = { ...scope.book.extraCodes, [catalogue]: [...(scope.book.extraCodes[catalogue] ?? []), entry] };
    await db.books.update(bookId, { extraCodes, updatedAt: new Date().toISOString() });
    return { ok: true };
  });
  if (outcome.ok) db.bookChanged(bookId);
  return outcome;
}
