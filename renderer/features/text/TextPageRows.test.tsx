// @vitest-environment happy-dom
/**
 * The 决算 book's 第三部分 in the editor: each 项 of 公开05表 has its own paragraph, and the officer types the 项's
 * 年初预算数 and the reason for a difference in fields the page offers next to it; the typed figures and counts of
 * 九(二), 十(二), 十(三) and 十一 are offered beside their paragraphs, a count with a decimal refused.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import finalBook from '../../../examples/guizhou-health-office-2023-final.budget.json';
import { type BudgetDb, importBook, readBookFile } from '../../db';
import { freshDb } from '../testing/books';
import { renderUi, SLOW } from '../testing/render';
import { BookSession } from '../workspace/session';
import { TextPage } from './TextPage';

let db: BudgetDb;
let bookId: string;
let session: BookSession;

beforeEach(async () => {
  db = freshDb();
  const outcome = await importBook(db, JSON.stringify(finalBook));
  if (outcome.kind !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  bookId = outcome.bookId;
  session = (await BookSession.open(db, bookId))!;
});

afterEach(() => {
  cleanup();
  session.close();
});

function Live() {
  useSyncExternalStore(session.subscribe, session.getVersion);
  return <TextPage session={session} partId="part3" onJump={() => {}} />;
}

const stored = async (key: string) => (await readBookFile(db, bookId))!.text?.[key];
const paragraph = (id: string) => document.querySelector(`[data-paragraph="${id}"]`)!.textContent;

describe('the per-项 fields of the 决算 text', () => {
  it('shows a 项’s typed 年初预算数 as an editable field, and a 项 without one as waiting for it', () => {
    renderUi(<Live />);
    expect((screen.getByRole('textbox', { name: '行政单位医疗（2101101）年初预算数' }) as HTMLTextAreaElement).value).toBe('5186.82');
    expect((screen.getByRole('textbox', { name: '行政运行（2101501）年初预算数' }) as HTMLTextAreaElement).value).toBe('');
    expect(paragraph('part3.general.items.2101501')).toContain('年初预算为【待填写：行政运行（2101501）年初预算数】万元');
  });

  it('refuses an amount it cannot read, then saves one: the rate and the wording follow, and the reason is asked for', async () => {
    renderUi(<Live />);
    const initial = screen.getByRole('textbox', { name: '行政运行（2101501）年初预算数' });
    fireEvent.change(initial, { target: { value: '49a' } });
    fireEvent.blur(initial);
    expect(await screen.findByText('“行政运行（2101501）年初预算数”应为最多两位小数的非负金额，例如 5,186.82，而不是“49a”')).toBeTruthy();
    expect(await stored('initial.2101501')).toBeUndefined();

    fireEvent.change(initial, { target: { value: '499.06' } });
    await act(async () => fireEvent.blur(initial));
    await waitFor(async () => expect(await stored('initial.2101501')).toBe('499.06'), SLOW);
    // 490.63 / 499.06 = 98.3108…% → 98.31%.
    await waitFor(
      () =>
        expect(paragraph('part3.general.items.2101501')).toBe(
          '8.卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。年初预算为499.06万元，支出决算为490.63万元，完成年初预算的98.31%。决算数小于预算数的主要原因是：【待填写：行政运行（2101501）决算数与年初预算数差异的主要原因】。',
        ),
      SLOW,
    );

    const reason = screen.getByRole('textbox', { name: '行政运行（2101501）决算数与年初预算数差异的主要原因' });
    fireEvent.change(reason, { target: { value: '厉行节约，压减日常公用经费' } });
    await act(async () => fireEvent.blur(reason));
    await waitFor(async () => expect(await stored('reason.initial.2101501')).toBe('厉行节约，压减日常公用经费'), SLOW);
    await waitFor(() => expect(paragraph('part3.general.items.2101501')).toMatch(/决算数小于预算数的主要原因是：厉行节约，压减日常公用经费。$/), SLOW);
  });
});

const box = (name: string) => screen.getByRole('textbox', { name }) as HTMLTextAreaElement;

describe('the typed values of 九 to 十一 in the 决算 text', () => {
  it('shows the 政府采购 figures the book holds and the fields still empty', () => {
    renderUi(<Live />);
    expect(box('政府采购支出总额').value).toBe('6.44');
    expect(box('自评覆盖率（%）').value).toBe('100.00');
    expect(box('授予小微企业合同金额').value).toBe('');
    for (const name of ['2022年度公务接待费决算数', '国内公务接待批次', '车辆总数（辆）', '单价100万元（含）以上设备（不含车辆）（台（套））', '重点项目绩效评价结果说明（开展了重点项目绩效评价时填写）']) {
      expect(box(name).value, name).toBe('');
    }
    expect(paragraph('part3.fund.none')).toBe('本单位2023年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故无数据情况说明。');
  });

  it('refuses a vehicle count with a decimal, then saves a whole one into the sentence', async () => {
    renderUi(<Live />);
    const vehicles = box('车辆总数（辆）');
    fireEvent.change(vehicles, { target: { value: '2.5' } });
    fireEvent.blur(vehicles);
    expect(await screen.findByText('“车辆总数（辆）”应为不带小数的非负整数，例如 4，而不是“2.5”')).toBeTruthy();
    expect(await stored('assets.vehicles')).toBeUndefined();

    fireEvent.change(vehicles, { target: { value: '3' } });
    await act(async () => fireEvent.blur(vehicles));
    await waitFor(async () => expect(await stored('assets.vehicles')).toBe('3'), SLOW);
    await waitFor(() => expect(paragraph('part3.other.assets')).toMatch(/^（三）截至2023年12月31日，共有车辆3辆，其中：/), SLOW);
  });
});
