// An edit shown as 已保存 is on disk: the officer closes the browser and finds every edit again; and when the browser
// is killed in the middle of a burst of edits, every edit that had been shown as saved is still there.
//
// The edits go into 261001's 表10 一般公共预算 column, one figure per line, starting at line 2080505/30108.
import './patience';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchKillable, launchProfile, serveApp, tempDir } from './harness';
import { cell, chooseUnit, clickCell, GUIZHOU_BOOK, importBook, openHome, openTable, readTable, rowIndex, saveState } from './officer';

const GPB = 8; // 表10 财政拨款 一般公共预算

/** Opens the book's 表10 in 261001's view and returns the row of its first line. */
async function openLines(page: Page, bookUrl: string): Promise<number> {
  await page.goto(bookUrl);
  await chooseUnit(page, '261001');
  await openTable(page, 10);
  return rowIndex(await readTable(page), '2080505', 3);
}

async function column(page: Page, first: number, count: number): Promise<string[]> {
  return (await readTable(page)).slice(first, first + count).map((r) => r[GPB]!);
}

describe('every edit shown as 已保存 survives the browser', () => {
  let app: App;
  const profile = tempDir('budget-e2e-profile-');
  let bookUrl: string;
  let first: number;
  let original: string[];
  const typed = ['101.01', '202.02', '303.03', '404.04'];

  beforeAll(async () => {
    app = await serveApp();
  });
  afterAll(async () => {
    await app?.close();
    profile.remove();
  });

  it('closing and starting the browser again keeps every acknowledged edit', async () => {
    const context = await launchProfile(profile.dir);
    const page = await context.newPage();
    await openHome(page, app.url);
    await importBook(page, GUIZHOU_BOOK);
    bookUrl = page.url();
    first = await openLines(page, bookUrl);
    original = await column(page, first, 16);
    await clickCell(page, first, GPB);
    for (const value of typed) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
      await expect.poll(() => saveState(page).textContent()).toBe('已保存');
    }
    expect(await column(page, first, typed.length)).toEqual(typed);
    await context.close();

    const again = await launchProfile(profile.dir);
    const page2 = await again.newPage();
    expect(await openLines(page2, bookUrl)).toBe(first);
    expect(await column(page2, first, typed.length)).toEqual(typed);
    await again.close();
  });

  it('a browser killed in a burst of edits keeps every edit that had been shown as 已保存', async () => {
    const killable = await launchKillable(profile.dir);
    const page = await killable.context.newPage();
    await openLines(page, bookUrl);
    await clickCell(page, first, GPB);
    const burst = Array.from({ length: 12 }, (_, i) => `${(i + 1) * 11}.${String(i + 10)}`);
    /** How many of the burst's edits were on screen as saved at one moment: the cell shows it and the bar says 已保存. */
    const acknowledged = () =>
      page.evaluate(
        ({ rows, values, col }) => {
          const bar = document.querySelector('[data-testid="save-state"]')?.textContent;
          if (bar !== '已保存') return 0;
          let n = 0;
          while (n < values.length && document.querySelector(`[data-cell="${rows[n]},${col}"]`)?.textContent === values[n]) n++;
          return n;
        },
        { rows: burst.map((_, i) => first + i), values: burst, col: GPB },
      );
    let acked = 0;
    const killAt = 8;
    for (const [i, value] of burst.entries()) {
      // A fast typist (25 ms a key): saves finish between some figures and are still running during others.
      await page.keyboard.type(value, { delay: 25 });
      await page.keyboard.press('Enter');
      if (i === killAt) break;
      if (i === 0) {
        // The first figure is waited for, so at least one edit is certainly acknowledged whatever the machine's speed.
        await expect.poll(acknowledged, { timeout: 15_000 }).toBeGreaterThan(0);
      }
      acked = Math.max(acked, await acknowledged());
    }
    await killable.kill();
    // Some edits were acknowledged before the kill, and the kill came before the last ones could be.
    expect(acked).toBeGreaterThan(0);
    expect(acked).toBeLessThanOrEqual(killAt);

    const again = await launchProfile(profile.dir);
    const page2 = await again.newPage();
    await openLines(page2, bookUrl);
    const after = await column(page2, first, burst.length);
    expect(after.slice(0, acked)).toEqual(burst.slice(0, acked));
    // The rest is either the burst's figure (saved, not yet shown) or what was there before: never anything else.
    const before = [...typed, ...original.slice(typed.length)];
    for (let i = acked; i < burst.length; i++) expect([burst[i], before[i]]).toContain(after[i]);
    expect(await cell(page2, 0, 0).textContent()).toBe('合计');
    await again.close();
  });
});
