// Screenshots of every table page and of the checks panel for the Guizhou book, saved under test-results/screenshots
// to be looked at; and what can be checked without eyes: every header and 栏次 label fits its cell, amounts are
// right-aligned in tabular figures, and the app's own words (outside the book's data) are Chinese.
import './patience';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PublishedTable, publishedGuizhou } from '../support/books';
import { ROOT, type Running } from './harness';
import { grid, GUIZHOU_BOOK, openTable, startWithBook } from './officer';

const SHOTS = `${ROOT}test-results/screenshots`;
const BOOK_TEXT = readFileSync(GUIZHOU_BOOK, 'utf8');

/** Header and 栏次 cells whose label does not fit (clipped or cut off). */
function overflowingLabels(page: Page): Promise<string[]> {
  return grid(page).evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('[role=grid] > div:first-child > div')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
      .map((c) => c.textContent ?? ''),
  );
}

/** The shown amount cells (numbers in the published table) that are not right-aligned in tabular figures. */
function misalignedAmounts(page: Page, table: PublishedTable): Promise<string[]> {
  const amounts = table.rows.flatMap((row, r) => row.flatMap((v, c) => (typeof v === 'number' ? [`${r},${c}`] : [])));
  return grid(page).evaluate((el, places) => {
    const wanted = new Set(places);
    return [...el.querySelectorAll<HTMLElement>('[role=gridcell]')]
      .filter((c) => wanted.has(c.getAttribute('data-cell')!))
      .filter((c) => {
        const style = getComputedStyle(c);
        return style.textAlign !== 'right' || !style.fontVariantNumeric.includes('tabular-nums');
      })
      .map((c) => `${c.getAttribute('data-cell')} ${c.textContent}`);
  }, amounts);
}

/** Latin words on the page that are not the book's own (codes and names in its data): the app's words in English. */
async function englishWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement!.checkVisibility()) found.push(...(node.textContent!.match(/[A-Za-z]{2,}/g) ?? []));
    }
    return found;
  });
  return words.filter((w) => !BOOK_TEXT.includes(w));
}

describe('what the officer sees of the Guizhou book', () => {
  let running: Running;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ running, page } = await startWithBook(GUIZHOU_BOOK));
  });
  afterAll(() => running?.close());

  it('every table page: labels fit, amounts aligned, no English; screenshots saved', async () => {
    for (const [i, table] of publishedGuizhou().tables.entries()) {
      await openTable(page, i + 1);
      await page.screenshot({ path: `${SHOTS}/T${i + 1}.png` });
      expect(await overflowingLabels(page), `${table.id} labels`).toEqual([]);
      expect(await misalignedAmounts(page, table), `${table.id} amounts`).toEqual([]);
      expect(await englishWords(page), `${table.id} words`).toEqual([]);
    }
  });

  it('the checks panel', async () => {
    await page.locator('aside').screenshot({ path: `${SHOTS}/checks.png` });
    expect(await page.locator('aside').textContent()).toMatch(/^审核强制 0提示 \d+/);
  });
});
