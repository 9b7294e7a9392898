/**
 * What an officer does in the app, as Playwright steps over the page: import a 数据包, choose a unit, open a table,
 * move around the grid, read what it shows, and read the status bar and the checks panel. The tests read as a
 * sequence of these.
 */
import type { Locator, Page } from 'playwright-core';
import { newPage, ROOT, type Running, startApp } from './harness';

export const GUIZHOU_BOOK = `${ROOT}examples/guizhou-2024.budget.json`;

/** Opens the app's home page and waits for the book list. */
export async function openHome(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '导入数据包…' }).waitFor();
}

/** 导入数据包…, picks the file in the file chooser, and waits for the book's first table. */
export async function importBook(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入数据包…' }).click()]);
  await chooser.setFiles(file);
  await grid(page).waitFor();
}

/**
 * The app served, a browser, and a page in which the officer has imported `file`, then chosen `unit` and opened
 * 表`table` when given: what most browser tests start from.
 */
export async function startWithBook(file: string, place: { unit?: string; table?: number } = {}): Promise<{ running: Running; page: Page }> {
  const running = await startApp();
  const page = await newPage(running.browser);
  await openHome(page, running.url);
  await importBook(page, file);
  if (place.unit) await chooseUnit(page, place.unit);
  if (place.table) await openTable(page, place.table);
  return { running, page };
}

/** The table's grid (there is one on a table page). */
export function grid(page: Page): Locator {
  return page.getByRole('grid');
}

/** Opens 表N from the navigation, e.g. openTable(page, 2). */
export async function openTable(page: Page, n: number): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^表${n} `) }).click();
  await page.getByRole('grid', { name: new RegExp(`^表${n} `) }).waitFor();
}

/** Chooses the unit whose figures are typed (by its code), or the whole department (''). */
export async function chooseUnit(page: Page, code: string): Promise<void> {
  await page.getByRole('combobox', { name: '单位' }).click();
  await page.getByRole('option', { name: code ? new RegExp(`^${code} `) : /^部门汇总/ }).click();
  await page.waitForFunction(
    (prefix) => document.querySelector<HTMLInputElement>('input[aria-label="单位"]')?.value.startsWith(prefix),
    code ? `${code} ` : '部门汇总',
  );
}

/** A cell of the grid by its row and column in the table view (it must be scrolled into the rendered rows). */
export function cell(page: Page, row: number, col: number): Locator {
  return grid(page).locator(`[data-cell="${row},${col}"]`);
}

/** Clicks a cell (the grid's one input then has the focus; keys go to the grid). */
export async function clickCell(page: Page, row: number, col: number): Promise<void> {
  await cell(page, row, col).click();
}

/** The grid's editor (the input that holds the focus; visible while a cell is edited). */
export function editor(page: Page): Locator {
  return grid(page).locator('input');
}

/** Pastes `text` (as Excel puts it on the clipboard: tab-separated) where the grid's selection is. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await grid(page)
    .locator('input')
    .evaluate((input, data) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', data);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, text);
}

/** Every row of the table as the grid shows it (cell texts), read by scrolling the virtualised grid from top to bottom. */
export async function readTable(page: Page): Promise<string[][]> {
  return grid(page).evaluate(async (el: HTMLElement) => {
    const total = Number(el.getAttribute('aria-rowcount'));
    const rows = new Map<number, string[]>();
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const collect = () => {
      for (const row of el.querySelectorAll('[role=row][aria-rowindex]')) {
        const cells = [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? '');
        rows.set(Number(row.getAttribute('aria-rowindex')) - 1, cells);
      }
    };
    const before = el.scrollTop;
    const step = Math.max(1, el.clientHeight - 120);
    for (let top = 0; ; top += step) {
      el.scrollTop = top;
      // The grid renders the rows for the new position on the next frames.
      for (let i = 0; i < 3; i++) await frame();
      collect();
      if (rows.size >= total || top >= el.scrollHeight) break;
    }
    el.scrollTop = before;
    return Array.from({ length: total }, (_, i) => rows.get(i) ?? []);
  });
}

/** The row index of the first row whose first non-empty cell (of the first `within` cells) is `text`. */
export function rowIndex(table: readonly (readonly string[])[], text: string, within = 2): number {
  const i = table.findIndex((r) => r.slice(0, within).find((c) => c !== '') === text);
  if (i < 0) throw new Error(`no row “${text}” in ${JSON.stringify(table.map((r) => r.slice(0, within)))}`);
  return i;
}

/** The status bar's save state: 已保存 once the last edit is on disk. */
export function saveState(page: Page): Locator {
  return page.getByTestId('save-state');
}

/** The checks panel's count of failed 强制 (hard) checks, e.g. “强制 0”. */
export function hardCount(page: Page): Locator {
  return page.getByText(/^强制 \d+$/);
}

/** A failed check in the checks panel, by its rule id (e.g. I-7). */
export function failedCheck(page: Page, ruleId: string): Locator {
  return page.locator('aside').getByText(ruleId, { exact: true });
}
