// The officer goes through the checks panel with the keyboard: the reference book fails six 提示 (S-1 twice: two
// projects without performance targets; S-7 four times: 定性 indicators with a 计量单位), listed under 表间审核.
// ↓ selects the first, End the last, Enter goes to the cells of the selected one: the failing record's own row.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from './harness';
import { GUIZHOU_BOOK, grid, readTable, startWithBook } from './officer';

describe('the checks panel by keyboard', () => {
  let running: Running;
  let page: Page;
  const list = () => page.locator('aside').getByRole('listbox');
  const selected = () => list().locator('[role=option][aria-selected=true]');

  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK));
  });
  afterAll(() => running?.close());

  it('↓ selects the first failure and ↓ the next; End the last', async () => {
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selected().textContent()).toContain('LOCAL-0001');
    expect(await list().getAttribute('aria-activedescendant')).toBe(await selected().getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selected().textContent()).toContain('LOCAL-0002');
    await page.keyboard.press('End');
    await expect.poll(() => selected().textContent()).toMatch(/^S-7定性指标不应填写计量单位/);
    expect(await list().locator('[role=option]').count()).toBe(6);
  });

  it('Enter on an S-7 failure selects the indicator’s own row of 表14, on its 计量单位', async () => {
    // The last failure is 事业单位医疗's indicator 维护社会稳定 (行政单位医疗 has one of the same name).
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: /^表14 / }).waitFor();
    const active = grid(page).locator('[role=gridcell][aria-selected=true]');
    await expect.poll(() => active.count()).toBe(1);
    const at = (await active.getAttribute('data-cell'))!;
    const table = await readTable(page);
    const header = ['部门编码', '部门名称', '项目代码', '项目名称', '项目年度绩效目标', '一级指标', '二级指标', '三级指标', '指标符号', '指标值', '计量单位'];
    const project = table.findIndex((r) => r[header.indexOf('项目名称')] === '事业单位医疗');
    const row = table.findIndex((r, i) => i >= project && r[header.indexOf('三级指标')] === '维护社会稳定');
    expect(project).toBeGreaterThan(0);
    expect(at).toBe(`${row},${header.indexOf('计量单位')}`);
  });

  it('Enter on an S-1 failure (a project without a target) selects the project’s row of 表11, where its name is typed', async () => {
    await list().focus();
    await page.keyboard.press('Home');
    await expect.poll(() => selected().textContent()).toContain('LOCAL-0001');
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: /^表11 / }).waitFor();
    const active = grid(page).locator('[role=gridcell][aria-selected=true]');
    await expect.poll(() => active.textContent()).toBe('省级政务信息系统运维经费');
    // 项目名称 is the second column of 表11.
    expect((await active.getAttribute('data-cell'))!.split(',')[1]).toBe('1');
  });
});
