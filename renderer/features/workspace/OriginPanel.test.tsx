// @vitest-environment happy-dom
/**
 * The origin panel of the 决算 book: the entered lines a cell adds up, each with its share as the cell's column
 * prints it and the unit named once — 元 for the 自评表's funds (a form in 元 inside a 万元 document), 万元 for the
 * 公开表. Figures: the published 自评表 p1 本级安排 年初预算数 251,624,000 元 (plus a second 本级安排 line of 1,000 元
 * typed for the test); 公开02表 2101101 财政拨款收入 4,409.51 万元.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import finalBook from '../../../examples/guizhou-health-office-2023-final.budget.json';
import { openBook } from '../testing/books';
import { renderUi } from '../testing/render';
import { OriginPanel } from './OriginPanel';
import type { BookSession } from './session';

let session: BookSession | undefined;

afterEach(() => {
  cleanup();
  session?.close();
});

async function panel(file: unknown, tableId: string, rowId: string, columnKey: string): Promise<string> {
  session = (await openBook(file)).session;
  renderUi(<OriginPanel session={session} tableId={tableId} rowId={rowId} columnKey={columnKey} onJump={() => {}} />);
  return screen.getByText(/条录入数据相加/).parentElement!.textContent!;
}

describe('the origin of a cell adding up entered lines', () => {
  it('shows a 元 column’s shares in 元, as the form prints them', async () => {
    const book = structuredClone(finalBook);
    book.data.evalFunds.push({ id: 'f01b', project: 'p1', source: '本级安排', initial: '1000.00', plan: '', exec: '' });
    const text = await panel(book, 'EvalFunds', 'p1/local', 'initial');
    expect(text).toContain('由 2 条录入数据相加（金额单位：元）：');
    expect(text).toContain('自评资金来源“p1 本级安排” 251624000');
    expect(text).toContain('自评资金来源“p1 本级安排” 1000');
    expect(text).not.toContain('万元');
  });

  it('shows a 万元 column’s shares in 万元', async () => {
    const text = await panel(finalBook, 'G02', '2101101', 'c2');
    expect(text).toContain('由 1 条录入数据相加（金额单位：万元）：');
    expect(text).toMatch(/收入“[^”]*” 4,409\.51$/);
  });
});
