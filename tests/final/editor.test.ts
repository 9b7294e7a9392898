// The 决算 book in the editor, in Chromium: the officer imports the reference 数据包, finds the 公开表 and the 自评表
// with the published figures, and types an income figure of 公开02表, whose 合计 follows.
//
// Hand arithmetic (万元, published 公开02表): 2101101 行政单位医疗 其他收入 (栏次 7) 57.93, 本年收入合计 of the row
// 4,467.44 = 4,409.51 + 57.93; 合计 其他收入 57.93. Typing 60.00 there: the row 4,469.51, 合计 栏次 7 60.00, 栏次 1 12,368.79.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, ROOT, type Running, startApp } from '../e2e/harness';
import { cell, clickCell, grid, importBook, openHome, readTable, rowIndex, saveState } from '../e2e/officer';

const FINAL_BOOK = `${ROOT}examples/guizhou-health-office-2023-final.budget.json`;

async function openCaption(page: Page, caption: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${caption} `) }).click();
  await page.getByRole('grid', { name: new RegExp(`^${caption} `) }).waitFor();
}

describe('the 决算 book in the editor', () => {
  let running: Running;
  let page: Page;

  beforeAll(async () => {
    running = await startApp();
    page = await newPage(running.browser);
    await openHome(page, running.url);
    await importBook(page, FINAL_BOOK);
  }, 120_000);
  afterAll(() => running?.close());

  it('lists the nine 公开表 and the three 自评表 and shows 公开01表 as published, 行次 included', async () => {
    for (const caption of ['公开01表', '公开09表', '自评表-资金', '自评表-概况']) {
      await expect.poll(() => page.getByRole('link', { name: new RegExp(`^${caption} `) }).count()).toBe(1);
    }
    await openCaption(page, '公开01表');
    const t01 = await readTable(page);
    expect(t01[rowIndex(t01, '本年收入合计', 1)]).toEqual(['本年收入合计', '27', '12,366.72', '本年支出合计', '58', '14,250.23']);
    expect(t01[rowIndex(t01, '总计', 1)]).toEqual(['总计', '31', '17,912.75', '总计', '62', '17,912.75']);
  });

  // The outline of 《…2023年度部门决算》 (final-accounts.md §5.1): the 公开表 under 第二部分, the 自评表 under 第五部分 附件.
  it('lists its pages under the 决算 document’s own part titles, in the printed order', async () => {
    const nav = page.getByRole('navigation');
    await nav.getByText('第五部分 附件').waitFor();
    const lines = (await nav.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.filter((l) => /^第.部分/.test(l))).toEqual([
      '第一部分 贵州省卫生项目管理办公室概况',
      '第二部分 2023年度部门决算表',
      '第三部分 2023年度部门决算情况说明',
      '第四部分　名词解释',
      '第五部分 附件',
    ]);
    const at = (line: string) => lines.indexOf(line);
    expect(at('公开01表 收入支出决算总表')).toBe(at('第二部分 2023年度部门决算表') + 1);
    expect(at('公开09表 财政拨款“三公”经费支出决算表')).toBeLessThan(at('第三部分 2023年度部门决算情况说明'));
    expect(at('自评表-资金 项目支出绩效目标自评表（资金）')).toBe(at('第五部分 附件') + 1);
    await nav.getByRole('link', { name: '第一部分 贵州省卫生项目管理办公室概况' }).click();
    await page.getByRole('heading', { name: '第一部分 贵州省卫生项目管理办公室概况' }).waitFor();
  });

  it('types 其他收入 of 2101101 in 公开02表; the row and the 合计 follow', async () => {
    await openCaption(page, '公开02表');
    const t02 = await readTable(page);
    const row = rowIndex(t02, '2101101');
    expect(t02[row]!.slice(2)).toEqual(['4,467.44', '4,409.51', '0.00', '0.00', '0.00', '0.00', '57.93']);
    await clickCell(page, row, 8);
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await expect.poll(() => saveState(page).textContent()).toBe('已保存');
    await expect.poll(() => cell(page, row, 2).textContent()).toBe('4,469.51');
    const total = rowIndex(await readTable(page), '合计');
    expect(await cell(page, total, 8).textContent()).toBe('60.00');
    expect(await cell(page, total, 2).textContent()).toBe('12,368.79');
    expect(await grid(page).getAttribute('aria-rowcount')).toBe(String(t02.length));
  });
});
