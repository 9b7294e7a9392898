// The officer of 261001 types the unit's income in 表2 with the keyboard only, watches the totals and the balance
// check (I-7 收入总计 = 支出总计) follow, undoes and redoes, and finds everything again after a reload.
//
// Hand arithmetic (万元, published 表2 row 261001): 一般公共预算拨款 (栏次 4) 10,931.32, 上年结转 一般公共预算拨款
// (栏次 16) 1,725.02, 收入总计 12,656.34 = 支出总计 of the unit. Department totals: 收入总计 47,881.17.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedGuizhou } from '../support/books';
import type { Running } from './harness';
import { cell, chooseUnit, clickCell, editor, failedCheck, grid, GUIZHOU_BOOK, hardCount, readTable, rowIndex, saveState, startWithBook } from './officer';

const T2 = publishedGuizhou().tables.find((t) => t.id === '表2')!;
/** The grid column of a 栏次 (the first column, 部门名称, has none). */
const colNo = (no: string) => 1 + T2.columnNumbers!.findIndex((c) => c === no || c.startsWith(`${no}=`));
const GPB = colNo('4');
const CARRY_GPB = colNo('16');
const TOTAL = colNo('1');
const GFB = colNo('5');

describe('typing a unit’s income with the keyboard', () => {
  let running: Running;
  let page: Page;
  let unitRow: number;
  const text = (row: number, col: number) => cell(page, row, col).textContent();
  const saved = () => expect.poll(() => saveState(page).textContent()).toBe('已保存');

  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK, { unit: '261001', table: 2 }));
    unitRow = rowIndex(await readTable(page), '261001贵州省医疗保障局本级');
  });
  afterAll(() => running?.close());

  it('moves with the arrows and sums a Shift-selection in the status bar', async () => {
    await clickCell(page, 0, 0);
    for (let i = 0; i < unitRow; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < GPB; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => cell(page, unitRow, GPB).getAttribute('aria-selected')).toBe('true');
    for (let c = GPB; c < CARRY_GPB; c++) await page.keyboard.press('Shift+ArrowRight');
    // 栏次 4…16 of the unit row: 10,931.32 + three times 1,725.02 (栏次 14, 15, 16) and zeros = 16,106.38.
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`已选 ${CARRY_GPB - GPB + 1} 个金额，合计 16,106.38`);
  });

  it('Delete clears the entered cells of the selection; the totals drop and I-7 fails', async () => {
    await page.keyboard.press('Delete');
    await saved();
    await expect.poll(() => text(unitRow, GPB)).toBe('0.00');
    await expect.poll(() => text(unitRow, CARRY_GPB)).toBe('0.00');
    expect(await text(0, TOTAL)).toBe('0.00');
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(1);
    expect(await hardCount(page).textContent()).not.toBe('强制 0');
  });

  it('表1 shows the cleared income (Ctrl+PageUp), 表2 comes back with Ctrl+PageDown', async () => {
    await page.keyboard.press('Control+PageUp');
    await grid(page).and(page.getByRole('grid', { name: /^表1 / })).waitFor();
    const t1 = await readTable(page);
    expect(t1[rowIndex(t1, '一、本年收入', 1)]![1]).toBe('0.00');
    const totals = t1[rowIndex(t1, '收入总计', 1)]!;
    expect([totals[1], totals[2], totals[3]]).toEqual(['0.00', '支出总计', '12,656.34']);
    await page.keyboard.press('Control+PageDown');
    await page.getByRole('grid', { name: /^表2 / }).waitFor();
  });

  it('types 1,725.02 with Enter and 10,931.30 with Tab; Esc cancels a half-typed figure', async () => {
    await clickCell(page, 0, 0);
    for (let i = 0; i < unitRow; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let c = T2.columnNumbers!.length; c > CARRY_GPB; c--) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('1,725.02');
    await page.keyboard.press('Enter');
    await saved();
    await expect.poll(() => text(unitRow, CARRY_GPB)).toBe('1,725.02');
    await expect.poll(() => text(0, TOTAL)).toBe('1,725.02');

    await page.keyboard.press('Home');
    for (let c = 0; c < GPB; c++) await page.keyboard.press('Tab');
    await page.keyboard.type('10,931.3');
    await expect(editor(page).inputValue()).resolves.toBe('10,931.3');
    await page.keyboard.press('Escape');
    expect(await text(unitRow, GPB)).toBe('0.00');

    await page.keyboard.type('10,931.30');
    await page.keyboard.press('Tab');
    await saved();
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.30');
    // 10,931.30 + 1,725.02 = 12,656.32: 0.02 short of the unit's expenditure, so I-7 still fails.
    await expect.poll(() => text(0, TOTAL)).toBe('12,656.32');
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(1);
  });

  it('F2 edits the figure in place; balanced, I-7 clears and no 强制 check fails', async () => {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('F2');
    await expect(editor(page).inputValue()).resolves.toBe('10931.30');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await saved();
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.32');
    await expect.poll(() => text(0, TOTAL)).toBe('12,656.34');
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(0);
    await expect.poll(() => hardCount(page).textContent()).toBe('强制 0');
  });

  it('an invalid amount (12a) shows a Chinese message at the cell and changes nothing', async () => {
    await clickCell(page, unitRow, GFB);
    await page.keyboard.type('12a');
    await page.keyboard.press('Enter');
    const alert = grid(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('“12a”不是有效金额');
    await saved();
    expect(await text(unitRow, GFB)).toBe('0.00');
    expect(await text(0, TOTAL)).toBe('12,656.34');
    await page.keyboard.press('Escape');
    await expect.poll(() => alert.count()).toBe(0);
    expect(await text(unitRow, GFB)).toBe('0.00');
    expect(await hardCount(page).textContent()).toBe('强制 0');
  });

  it('Ctrl+Z undoes the F2 edit (I-7 fails again), Ctrl+Y redoes it', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.30');
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(1);
    await page.keyboard.press('Control+y');
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.32');
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(0);
  });

  it('after a reload the figures, the balance and the undo history are all there', async () => {
    await page.reload();
    await page.getByRole('grid', { name: /^表2 / }).waitFor();
    // The department view after a reload: the unit's row as typed, the department's published totals.
    const t2 = await readTable(page);
    const row = t2[rowIndex(t2, '261001贵州省医疗保障局本级')]!;
    expect([row[GPB], row[CARRY_GPB], row[TOTAL]]).toEqual(['10,931.32', '1,725.02', '12,656.34']);
    expect(t2[0]![TOTAL]).toBe('47,881.17');
    await expect.poll(() => hardCount(page).textContent()).toBe('强制 0');

    await chooseUnit(page, '261001');
    await clickCell(page, 0, 0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.30');
    await page.keyboard.press('Control+y');
    await expect.poll(() => text(unitRow, GPB)).toBe('10,931.32');
    await saved();
  });
});

describe('typing a column of figures without waiting for each save', () => {
  let running: Running;
  let page: Page;
  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK, { unit: '261001', table: 10 }));
  });
  afterAll(() => running?.close());

  it('every figure lands in its own cell, and 已保存 shows only when all are saved', async () => {
    const T10 = publishedGuizhou().tables.find((t) => t.id === '表10')!;
    const GPB10 = 8; // 一般公共预算 of 财政拨款
    expect(T10.headerRows[1]![GPB10]).toBe('一般公共预算');
    const table = await readTable(page);
    // The first lines of 261001's 人员类项目支出: 2080505/30108, 2080506/30109, 2101101/30110, 2101103/30111.
    const first = rowIndex(table, '2080505', 3);
    expect(table.slice(first, first + 4).map((r) => r[2])).toEqual(['2080505', '2080506', '2101101', '2101103']);
    await clickCell(page, first, GPB10);
    await page.keyboard.type('100\n200\n300\n400\n');
    await expect.poll(() => saveState(page).textContent()).toBe('已保存');
    const lines = (await readTable(page)).slice(first, first + 4).map((r) => r[GPB10]);
    expect(lines).toEqual(['100.00', '200.00', '300.00', '400.00']);
  });
});
