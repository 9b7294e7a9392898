// The officer of 261001 copies 表10 lines to Excel and pastes figures back from it (tab-separated text): through a
// paste event and through the real clipboard; a block is one step for undo; a block with a bad figure changes nothing;
// whole lines pasted on a category become new lines, again one step.
//
// Hand arithmetic (万元, published 表10): 261001's first 人员类 lines 2080505/30108, 2080506/30109, 2101101/30110 have
// 一般公共预算 123.53, 23.41, 52.90 (199.84); 人员类项目支出 1,264.55; 261001 1,431.99; 合计 2,038.85.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedGuizhou } from '../support/books';
import type { Running } from './harness';
import { cell, clickCell, failedCheck, grid, GUIZHOU_BOOK, hardCount, pasteText, readTable, rowIndex, saveState, startWithBook } from './officer';

const T10 = publishedGuizhou().tables.find((t) => t.id === '表10')!;
const TOTAL = 6; // 本年支出合计
const GPB = 8; // 财政拨款 一般公共预算
const GFB = 9; // 财政拨款 政府性基金预算

describe('pasting 表10 lines from Excel', () => {
  let running: Running;
  let page: Page;
  let first: number;
  let subtotal: number;
  let unitRow: number;
  const column = async (col: number, rows: number[]) => {
    const t = await readTable(page);
    return rows.map((r) => t[r]![col]);
  };
  const saved = () => expect.poll(() => saveState(page).textContent()).toBe('已保存');

  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK, { unit: '261001', table: 10 }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(running.url).origin });
    const t = await readTable(page);
    first = rowIndex(t, '2080505', 3);
    subtotal = rowIndex(t, '人员类项目支出');
    unitRow = rowIndex(t, '261001贵州省医疗保障局本级');
  });
  afterAll(() => running?.close());

  it('Ctrl+C copies a block of lines as tab-separated text, as printed', async () => {
    await clickCell(page, first, 2);
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowDown');
    for (let c = 2; c < GPB; c++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+c');
    const published = T10.rows.slice(first, first + 3).map((r) => r.slice(2, GPB + 1).map((v) => (typeof v === 'number' ? v.toFixed(2) : v)).join('\t'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${published.join('\r\n')}\r\n`);
  });

  it('a pasted block of amounts updates the lines, the subtotals and the checks', async () => {
    await clickCell(page, first, GPB);
    await pasteText(page, '200.00\t5\r\n30\t0\r\n1,000.50\t0\r\n');
    await saved();
    await expect.poll(() => column(GPB, [first, first + 1, first + 2])).toEqual(['200.00', '30.00', '1,000.50']);
    expect(await column(GFB, [first, first + 1, first + 2])).toEqual(['5.00', '0.00', '0.00']);
    // 1,264.55 − 199.84 + 1,230.50 + 5.00 = 2,300.21; 1,431.99 + 1,035.66 = 2,467.65 (in the unit's view, 合计 too).
    expect(await column(TOTAL, [first, subtotal, unitRow, 0])).toEqual(['205.00', '2,300.21', '2,467.65', '2,467.65']);
    // The unit now spends more than it receives.
    await expect.poll(() => failedCheck(page, 'I-7').count()).toBe(1);
  });

  it('Ctrl+Z takes the whole block back in one step', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(() => column(GPB, [first, first + 1, first + 2])).toEqual(['123.53', '23.41', '52.90']);
    expect(await column(GFB, [first])).toEqual(['0.00']);
    expect(await column(TOTAL, [subtotal, unitRow, 0])).toEqual(['1,264.55', '1,431.99', '1,431.99']);
    await expect.poll(() => hardCount(page).textContent()).toBe('强制 0');
  });

  it('a block with a bad figure changes nothing and says which cell', async () => {
    await clickCell(page, first, GPB);
    await pasteText(page, '1\r\n2x\r\n3\r\n');
    const alert = grid(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('“2x”不是有效金额');
    // Right under the bad figure's cell (the second line).
    const [box, bad] = await Promise.all([alert.boundingBox(), cell(page, first + 1, GPB).boundingBox()]);
    expect(Math.round(box!.x)).toBe(Math.round(bad!.x));
    expect(box!.y - (bad!.y + bad!.height)).toBeGreaterThanOrEqual(0);
    expect(box!.y - (bad!.y + bad!.height)).toBeLessThan(8);
    await saved();
    expect(await column(GPB, [first, first + 1, first + 2])).toEqual(['123.53', '23.41', '52.90']);
  });

  it('Ctrl+V pastes what Excel put on the system clipboard', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('100\r\n200\r\n'));
    await clickCell(page, first + 1, GPB);
    await page.keyboard.press('Control+v');
    await saved();
    await expect.poll(() => column(GPB, [first, first + 1, first + 2])).toEqual(['123.53', '100.00', '200.00']);
    // 1,264.55 − 23.41 − 52.90 + 300.00 = 1,488.24.
    expect(await column(TOTAL, [subtotal])).toEqual(['1,488.24']);
  });

  it('whole lines in the printed layout, pasted on a category, become new lines; Ctrl+Z takes them all back', async () => {
    // 表10's 18 columns as Excel copies them: 部门名称, 项目名称, 功能 code and name, 经济 code and name, amounts.
    const line = (func: string, econ: string, amount: string) => ['', '', func, '', econ, '', amount, amount, amount, ...Array(9).fill('0')].join('\t');
    await clickCell(page, subtotal, 1);
    await pasteText(page, `${[line('2101501', '30106', '10.00'), line('2101501', '30114', '20.00'), line('2080505', '30108', '5.00')].join('\r\n')}\r\n`);
    await saved();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已新增 3 行');
    const after = await readTable(page);
    const econ = (code: string) => after.find((r, i) => i > subtotal && r[4] === code)?.[TOTAL];
    // New lines 30106 and 30114; 2080505/30108 already had a line: 123.53 + 5.00 = 128.53.
    // 人员类项目支出: 1,488.24 (after the Ctrl+V above) + 10.00 + 20.00 + 5.00 = 1,523.24.
    expect([econ('30106'), econ('30114'), econ('30108'), after[subtotal]![TOTAL]]).toEqual(['10.00', '20.00', '128.53', '1,523.24']);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await readTable(page))[subtotal]![TOTAL]).toBe('1,488.24');
    const undone = await readTable(page);
    expect(undone.some((r) => r[4] === '30106' || r[4] === '30114')).toBe(false);
    expect(undone[first]![TOTAL]).toBe('123.53');
  });
});
