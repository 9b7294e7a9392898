// The officer imports the Guizhou 2024 数据包 and reads every table: each shows the published figures, and no 强制
// check fails.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedGuizhou } from '../support/books';
import type { Running } from './harness';
import { GUIZHOU_BOOK, hardCount, openTable, readTable, startWithBook } from './officer';

/** A published cell as the grid prints it: amounts with thousands separators and two decimals. */
function printed(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v;
}

describe('导入贵州省医疗保障局 2024 数据包', () => {
  let running: Running;
  let page: Page;
  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK));
  });
  afterAll(() => running?.close());

  it('shows all 14 tables with the published figures', async () => {
    const tables = publishedGuizhou().tables;
    expect(tables).toHaveLength(14);
    for (const [i, table] of tables.entries()) {
      await openTable(page, i + 1);
      const shown = await readTable(page);
      expect(shown, `${table.id} ${table.title}`).toEqual(table.rows.map((r) => r.map(printed)));
    }
  });

  it('the checks panel says no 强制 check fails', async () => {
    await expect.poll(() => hardCount(page).textContent()).toBe('强制 0');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('强制性错误 0 条');
  });
});
