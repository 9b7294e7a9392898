import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCode } from './codes';
import type { BudgetDb } from './database';
import { readBookFile } from './bookfile';
import { setField } from './edits';
import { addGuizhou, freshDb, rowCounts } from './testing';

let db: BudgetDb;
let bookId: string;

beforeEach(async () => {
  db = freshDb();
  bookId = await addGuizhou(db);
});

describe('adding a code to a book’s catalogue', () => {
  it('adds the code with its name; a line can then use it', async () => {
    expect(await addCode(db, bookId, 'functional', ' 2101599 ', ' 其他医疗保障管理事务支出 ')).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.extraCodes).toEqual({ functional: [{ code: '2101599', name: '其他医疗保障管理事务支出' }] });
    expect(await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'func' }, '2101599')).toEqual({ ok: true });
  });

  it('refuses a code already there, a code with letters, an empty name and an unknown catalogue, writing nothing', async () => {
    const before = await rowCounts(db);
    const updated = (await db.books.get(bookId))!.updatedAt;
    expect(await addCode(db, bookId, 'functional', '2101501', '行政运行')).toEqual({
      ok: false,
      problems: [{ where: '支出功能分类科目（2024年）的编码', message: '编码“2101501”已在目录中：行政运行' }],
    });
    expect(await addCode(db, bookId, 'functional', '21015x', '某某')).toMatchObject({ ok: false, problems: [{ message: '“21015x”不是编码，编码只能由数字组成' }] });
    expect(await addCode(db, bookId, 'deptEconomic', '30299', ' ')).toMatchObject({ ok: false, problems: [{ message: '科目名称不能为空' }] });
    expect(await addCode(db, bookId, 'nope', '1', '某某')).toMatchObject({ ok: false, problems: [{ message: '模板中没有目录“nope”' }] });
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.books.get(bookId))!.updatedAt).toBe(updated);
  });
});
