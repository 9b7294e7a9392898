/** The document's text (部门概况, reasons, 其他重要事项 …) by key: each change of a text is one undoable step. */
import type { BudgetDb } from './database';
import { runStep } from './journal';
import type { Outcome } from './outcome';

/** Sets a text; an empty text removes it. `name` is how 撤销/重做 call it (the field's label; the key by default). */
export function setText(db: BudgetDb, bookId: string, key: string, value: string, name = key): Promise<Outcome> {
  return runStep(db, bookId, async () => {
    if (!key.trim()) return { problems: [{ where: '文字', message: '缺少文字的名称' }] };
    const before = (await db.texts.get([bookId, key]))?.value;
    const after = value === '' ? undefined : value;
    return { label: `修改文字“${name}”`, changes: before === after ? [] : [{ kind: 'text', key, before, after }], result: {} };
  });
}
