/**
 * Storage's message for a figure with more decimals than kept names the unit of the field's column: 元 for the
 * 自评表's funds of the 决算 book (a form in 元 inside a 万元 document), 万元 for its 公开表 figures.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { readJson } from '../../tests/support/books';
import { readBookFile } from './bookfile';
import type { BudgetDb } from './database';
import { pasteBlock, setField } from './edits';
import type { Outcome } from './outcome';
import { addGuizhou, freshDb } from './testing';

let db: BudgetDb;
let bookId: string;

beforeEach(async () => {
  db = freshDb();
  bookId = await addGuizhou(db, readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json'));
});

/** The problems of a refused edit, after checking it wrote nothing. */
async function refused(edit: () => Promise<Outcome<object>>): Promise<{ where: string; message: string }[]> {
  const before = await readBookFile(db, bookId);
  const outcome = await edit();
  expect(await readBookFile(db, bookId)).toEqual(before);
  if (outcome.ok) throw new Error('the edit was not refused');
  return outcome.problems.map(({ where, message }) => ({ where, message }));
}

describe('a figure with too many decimals', () => {
  it('is refused naming 元 in a 元 column', async () => {
    expect(await refused(() => setField(db, bookId, { dataset: 'evalFunds', id: 'f01', field: 'initial' }, '251624000.005'))).toEqual([
      { where: '自评资金来源“p1 本级安排”的“年初预算数（元）”', message: '“251624000.005”超过 2 位小数（单位：元），请核对后输入' },
    ]);
  });

  it('is refused naming 元 in a new line of a 元 column', async () => {
    expect(await refused(() => pasteBlock(db, bookId, { dataset: 'evalFunds', cells: [], newRows: [{ project: 'p1', source: '其他', exec: '0.001' }] }))).toEqual([
      { where: '自评资金来源新增的第 1 行的“全年执行数（B）（元）”', message: '“0.001”超过 2 位小数（单位：元），请核对后输入' },
    ]);
  });

  it('is refused naming 万元 in a column of the document’s unit', async () => {
    expect((await refused(() => setField(db, bookId, { dataset: 'income', id: 'in05', field: 'other' }, '57.935')))[0]!.message).toBe(
      '“57.935”超过 2 位小数（单位：万元），请核对后输入',
    );
  });
});
