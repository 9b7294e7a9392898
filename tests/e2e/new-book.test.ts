// The officer creates the 2024 book of 贵州省医疗保障局 with its unit 261001 (新建账套…), types the unit's income in
// 表2, pastes the unit's 基本支出 lines into 表10 from Excel, watches I-7 (收入总计 = 支出总计) fail and clear, undoes
// and redoes, and finds everything after a reload. The figures typed and pasted are 261001's published ones, so the
// unit's rows must come out exactly as published.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedGuizhou, type PublishedTable } from '../support/books';
import { newPage, type Running, startApp } from './harness';
import { chooseUnit, clickCell, failedCheck, grid, openHome, openTable, pasteText, readTable, saveState } from './officer';

const UNIT = '261001贵州省医疗保障局本级';
const tables = publishedGuizhou().tables;
const T2 = tables.find((t) => t.id === '表2')!;
const T10 = tables.find((t) => t.id === '表10')!;
const GPB = 4; // 表2 栏次 4 一般公共预算拨款
const CARRY_GPB = 16; // 表2 栏次 16 上年结转结余 一般公共预算拨款

/** A published row as the grid prints it. */
const printed = (row: readonly (string | number)[]) =>
  row.map((v) => (typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v));

/** The unit's rows of a published table: from its row to the next unit's. */
function unitBlock(table: PublishedTable): (string | number)[][] {
  const start = table.rows.findIndex((r) => r[0] === UNIT);
  const end = table.rows.findIndex((r, i) => i > start && /^\d{6}/.test(String(r[0])));
  return table.rows.slice(start, end < 0 ? undefined : end);
}

/**
 * The unit's 表10 lines as the officer's own Excel sheet has them: the printed columns with amounts, one line per row,
 * the 功能科目 written on every line (the published table prints it only on the first line of a run).
 */
function linesAsTsv(): { text: string; count: number } {
  const lines: string[][] = [];
  let func = ['', ''];
  for (const row of unitBlock(T10)) {
    if (row[4] === '') continue; // the unit row and the category subtotals
    if (row[2] !== '') func = [String(row[2]), String(row[3])];
    lines.push(['', '', func[0]!, func[1]!, ...row.slice(4).map((v) => (typeof v === 'number' ? v.toFixed(2) : String(v)))]);
  }
  return { text: `${lines.map((l) => l.join('\t')).join('\r\n')}\r\n`, count: lines.length };
}

describe('a new book, typed and pasted by the officer', () => {
  let running: Running;
  let page: Page;
  const saved = () => expect.poll(() => saveState(page).textContent()).toBe('已保存');
  const unitRows = async () => {
    const shown = await readTable(page);
    return shown.slice(shown.findIndex((r) => r[0] === UNIT));
  };

  beforeAll(async () => {
    running = await startApp();
    page = await newPage(running.browser);
    await openHome(page, running.url);
  });
  afterAll(() => running?.close());

  it('新建账套 with the department and its unit opens the empty book', async () => {
    await page.getByRole('button', { name: '新建账套…' }).click();
    await page.getByLabel('预算年度').fill('2024');
    await page.getByLabel('部门编码').fill('261');
    await page.getByLabel('部门名称').fill('贵州省医疗保障局');
    await page.getByLabel('第 1 个单位的编码').fill('261001');
    await page.getByLabel('第 1 个单位的名称').fill('贵州省医疗保障局本级');
    await page.getByRole('button', { name: '创建' }).click();
    await grid(page).waitFor();
    await chooseUnit(page, '261001');
    await openTable(page, 2);
    expect((await readTable(page)).map((r) => r[0])).toEqual(['合计', '261贵州省医疗保障局']);
  });

  it('Ctrl+Enter adds the unit’s income line; its figures typed give the published row; I-7 fails', async () => {
    await clickCell(page, 1, 0);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => grid(page).locator(`[data-cell="2,${GPB}"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.type('10,931.32');
    await page.keyboard.press('Tab');
    for (let c = GPB + 1; c < CARRY_GPB; c++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1,725.02');
    await page.keyboard.press('Enter');
    await saved();
    await expect.poll(async () => (await unitRows())[0]).toEqual(printed(unitBlock(T2)[0]!));
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(1);
  });

  it('the unit’s 表10 lines pasted from Excel come out as published; Ctrl+Z and Ctrl+Y take them back and forth', async () => {
    await openTable(page, 10);
    await clickCell(page, 1, 0);
    const { text, count } = linesAsTsv();
    await pasteText(page, text);
    await saved();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`已新增 ${count} 行`);
    const published = unitBlock(T10).map(printed);
    await expect.poll(unitRows).toEqual(published);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await readTable(page)).length).toBe(2);
    await page.keyboard.press('Control+y');
    await expect.poll(unitRows).toEqual(published);
  });

  it('income equal to the expenditure clears I-7; a reload finds everything', async () => {
    // 表10's 1,431.99 is all the unit spends so far: 上年结转 cleared, 一般公共预算拨款 1,431.99 balance it.
    await openTable(page, 2);
    await clickCell(page, 2, CARRY_GPB);
    await page.keyboard.press('Delete');
    await saved();
    await clickCell(page, 2, GPB);
    await page.keyboard.type('1431.99');
    await page.keyboard.press('Enter');
    await saved();
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(0);

    await page.reload();
    await chooseUnit(page, '261001');
    await openTable(page, 2);
    const row = (await unitRows())[0]!;
    expect([row[1], row[GPB], row[CARRY_GPB]]).toEqual(['1,431.99', '1,431.99', '0.00']);
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(0);
    await openTable(page, 10);
    expect(await unitRows()).toEqual(unitBlock(T10).map(printed));
  });
});
