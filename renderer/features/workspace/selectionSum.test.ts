/**
 * The status bar's sum of a selection, in the 决算 book: 公开01表 in the document's 万元, the 自评表's funds in 元.
 * Published figures: 公开01表 本年收入合计 12,366.72 and 本年支出合计 14,250.23 (万元); 自评表 p1 本级安排 年初预算数
 * 251,624,000, 全年预算数 251,624,000, 全年执行数 188,730,000 (元).
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../../shared/book/schema';
import { type TableView, tableView } from '../../../shared/engine/view';
import { readJson, run } from '../../../tests/support/books';
import type { Rect } from '../grid/selection';
import { selectionSumText } from './selectionSum';

const engine = run(readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json'));
const view = (id: string) => tableView(engine, engine.model.tableById.get(id)!);
const rowOf = (v: TableView, id: string) => v.rows.findIndex((r) => r.id === id);
const colOf = (v: TableView, key: string) => v.columns.findIndex((c) => c.key === key);
const line = (row: number, left: number, right: number): Rect => ({ top: row, bottom: row, left, right });

describe('the sum of the selected cells', () => {
  it('names the document’s unit for cells of a 万元 table (text cells between them are not counted)', () => {
    const t01 = view('G01');
    const row = t01.rows.findIndex((r) => r.cells[0]!.kind === 'text' && r.cells[0]!.text === '本年收入合计');
    // 本年收入合计 | 27 | 12,366.72 | 本年支出合计 | 58 | 14,250.23: 12,366.72 + 14,250.23 = 26,616.95.
    expect(selectionSumText(t01, line(row, 0, 5))).toBe('已选 2 个金额，合计 26,616.95 万元');
  });

  it('names 元 for cells of a 元 column and adds them as the form counts them', () => {
    const funds = view('EvalFunds');
    // 251,624,000 + 251,624,000 + 188,730,000 = 691,978,000 元.
    expect(selectionSumText(funds, line(rowOf(funds, 'p1/local'), colOf(funds, 'initial'), colOf(funds, 'exec')))).toBe(
      '已选 3 个金额，合计 691,978,000.00 元',
    );
  });

  it('sums a selection mixing 元 and 万元 cells per unit and says so, never into one figure', () => {
    const funds = view('EvalFunds');
    // The same cells with 年初预算数 declared in 万元: 251,624,000 万元 alone, 251,624,000 + 188,730,000 元.
    const mixed = { ...funds, formats: funds.formats.map((f, i) => (i === colOf(funds, 'initial') ? { ...f, unit: '万元' as const } : f)) };
    expect(selectionSumText(mixed, line(rowOf(funds, 'p1/local'), colOf(funds, 'initial'), colOf(funds, 'exec')))).toBe(
      '已选 3 个金额，单位不同，分别合计：251,624,000.00 万元（1 个）；440,354,000.00 元（2 个）',
    );
  });

  it('says nothing for a single amount', () => {
    const funds = view('EvalFunds');
    expect(selectionSumText(funds, line(rowOf(funds, 'p1/local'), 0, colOf(funds, 'initial')))).toBeUndefined();
  });
});
