/**
 * Whole lines pasted into a 元 table of a 万元 document (the 决算 book's 自评表 funds) are counted in 元, as typing
 * into the grid counts them: `25162.4万元` is 251,624,000.00 元, a figure without a unit is already in 元.
 * The project and source are given directly: the 自评表's rows do not yet give a pasted line its project.
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../../shared/book/schema';
import { tableView } from '../../../shared/engine/view';
import { readJson, run } from '../../../tests/support/books';
import { lineTable } from './lineTable';
import { pastedLines } from './pasteLines';

const engine = run(readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json'));
const funds = lineTable(engine.book.template, 'EvalFunds')!;
const view = tableView(engine, engine.model.tableById.get('EvalFunds')!);

describe('whole lines pasted into the 自评表 funds (元)', () => {
  it('hand on each figure in 元, one naming 万元 converted', () => {
    if (funds.kind !== 'grouped') throw new Error('the 自评表 funds are grouped lines');
    const block = [['财政对职工基本医疗保险基金的补助', '其他：', '25162.4万元', '1,000', '3.5元', '', '', '']];
    expect(pastedLines(funds, engine.book, block, { project: 'p1', source: '其他' }, '', view)).toEqual({
      rows: [{ project: 'p1', source: '其他', initial: '251624000.00', plan: '1000.00', exec: '3.50' }],
      skipped: 0,
      problems: [],
    });
  });
});
