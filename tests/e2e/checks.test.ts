// The officer goes through the checks panel with the keyboard: the reference book fails six 提示 (S-1 twice: two
// projects without performance targets; S-7 four times: 定性 indicators with a 计量单位), listed under 表间审核.
// ↓ selects the first, End the last, Enter goes to the cells of the selected one.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from './harness';
import { GUIZHOU_BOOK, startWithBook } from './officer';

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

  it('Enter goes to the selected failure’s table, as a click does', async () => {
    // The last failure is an indicator of 表14's.
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: /^表14 / }).waitFor();
  });
});
