// The officer types Chinese through an input method (拼音) into 表14's 三级指标 cells: what is being composed is
// never committed, Enter that picks a candidate neither saves nor moves, and exactly the composed text is saved.
// The composition is driven through Chromium's own IME path (CDP Input.imeSetComposition / Input.insertText), which
// fires compositionstart, compositionupdate, input (isComposing) and compositionend as a real input method does.
import './patience';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedGuizhou } from '../support/books';
import type { Running } from './harness';
import { cell, clickCell, editor, GUIZHOU_BOOK, saveState, startWithBook } from './officer';

const T14 = publishedGuizhou().tables.find((t) => t.id === '表14')!;
const NAME = T14.headerRows[0]!.indexOf('三级指标');

describe('Chinese input method composition in a text cell', () => {
  let running: Running;
  let page: Page;
  let ime: CDPSession;
  /** The input method shows `text` as the composition (the underlined, not yet chosen text). */
  const compose = (text: string) => ime.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  /** The officer picks the candidate: the composition ends with `text`. */
  const choose = (text: string) => ime.send('Input.insertText', { text });
  const selected = (row: number) => cell(page, row, NAME).getAttribute('aria-selected');

  beforeAll(async () => {
    ({ running, page } = await startWithBook(GUIZHOU_BOOK, { unit: '261001', table: 14 }));
    ime = await page.context().newCDPSession(page);
  });
  afterAll(() => running?.close());

  it('composing on a selected cell replaces it; Enter and arrows while composing change nothing', async () => {
    expect(await cell(page, 2, NAME).textContent()).toBe(T14.rows[2]![NAME]);
    await clickCell(page, 2, NAME);
    for (const text of ['x', 'xi', 'xing', 'xingzheng', '行政', '行政yun', '行政运行']) await compose(text);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    expect(await editor(page).inputValue()).toBe('行政运行');
    expect(await selected(2)).toBe('true');
    expect(await cell(page, 2, NAME).textContent()).toBe(T14.rows[2]![NAME]);
    expect(await saveState(page).textContent()).toBe('已保存');
    expect(await page.getByRole('button', { name: '撤销' }).isDisabled()).toBe(true);

    await choose('行政运行');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 2, NAME).textContent()).toBe('行政运行');
    await expect.poll(() => saveState(page).textContent()).toBe('已保存');
    expect(await selected(3)).toBe('true');
  });

  it('the saved text is exactly the composed one (F2 shows it as stored)', async () => {
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F2');
    expect(await editor(page).inputValue()).toBe('行政运行');
    await page.keyboard.press('Escape');
  });

  it('composing after F2 inserts at the caret; Esc after the composition leaves the cell as it was', async () => {
    await clickCell(page, 3, NAME);
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    for (const text of ['p', 'pingjun', '平均']) await compose(text);
    await choose('平均');
    expect(await editor(page).inputValue()).toBe(`${T14.rows[3]![NAME]}平均`);
    await page.keyboard.press('Escape');
    expect(await cell(page, 3, NAME).textContent()).toBe(T14.rows[3]![NAME]);

    await page.keyboard.press('F2');
    await page.keyboard.press('Home');
    for (const text of ['q', 'quan', '全']) await compose(text);
    await choose('全');
    await page.keyboard.press('Tab');
    await expect.poll(() => cell(page, 3, NAME).textContent()).toBe(`全${T14.rows[3]![NAME]}`);
    expect(await cell(page, 3, NAME + 1).getAttribute('aria-selected')).toBe('true');
  });
});
