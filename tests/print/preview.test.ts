/**
 * The print preview in the app (#/book/<id>/print), driven in the system Chromium: in the desktop app its 导出 PDF…
 * prints the document job by job through the bridge's printToPdf and saves the joined PDF; in the browser its
 * 打印… renders the whole document for the print dialog, numbered by the browser. The desktop bridge is played by
 * the test: its printToPdf is Chromium's own print of the page (what Electron's printToPDF does).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_PDF_OPTIONS } from '../../shared/print/page';
import { type App, launchBrowser, newPage, serveApp } from '../e2e/harness';
import { GUIZHOU_BOOK, openHome } from '../e2e/officer';
import { pageTexts, squash } from './poppler';
import { expectPublishedFigures, expectTocMatchesHeadings, readToc } from './published';

let app: App;
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'budget-preview-'));

beforeAll(async () => {
  app = await serveApp();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports the Guizhou book and opens its print preview (the desktop bridge's openFile hands the file over itself). */
async function openPreview(page: Page, desktop: boolean): Promise<void> {
  await openHome(page, app.url);
  const importButton = page.getByRole('button', { name: '导入数据包…' });
  if (desktop) await importButton.click();
  else {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), importButton.click()]);
    await chooser.setFiles(GUIZHOU_BOOK);
  }
  await page.waitForURL(/#\/book\/[^/]+\//, { timeout: 60_000 });
  const bookId = /#\/book\/([^/]+)\//.exec(page.url())![1]!;
  await page.goto(`${app.url}#/book/${bookId}/print`);
  await page.getByText('打印预览：贵州省医疗保障局2024年部门预算公开信息').waitFor();
}

describe('the print preview', () => {
  it('in the desktop app, exports the document as a PDF printed job by job, with progress, and saves it', async () => {
    const page = await newPage(browser);
    const saved: { name: string; bytes: Buffer }[] = [];
    await page.exposeFunction('__testPrintToPdf', async () => (await page.pdf(PAGE_PDF_OPTIONS)).toString('base64'));
    await page.exposeFunction('__testOpenFile', () => readFileSync(GUIZHOU_BOOK).toString('base64'));
    await page.exposeFunction('__testSaveFile', (name: string, base64: string) => void saved.push({ name, bytes: Buffer.from(base64, 'base64') }));
    await page.addInitScript(() => {
      const g = globalThis as unknown as Record<string, (...args: unknown[]) => Promise<string>>;
      const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
      Object.assign(globalThis, {
        budgetDesktop: {
          kind: 'desktop',
          saveFile: async (name: string, bytes: Uint8Array) => (await g.__testSaveFile!(name, toBase64(bytes)), true),
          openFile: async () => ({ name: 'guizhou-2024.budget.json', bytes: Uint8Array.from(atob(await g.__testOpenFile!()), (c) => c.charCodeAt(0)) }),
          appVersion: async () => 'test',
          printToPdf: async () => Uint8Array.from(atob(await g.__testPrintToPdf!()), (c) => c.charCodeAt(0)),
          onCommand: () => () => undefined,
        },
      });
    });
    await openPreview(page, true);
    await page.getByRole('button', { name: '导出 PDF…' }).click();
    await page.getByRole('progressbar', { name: '排版进度', includeHidden: true }).waitFor({ state: 'attached' });
    await page.getByRole('status').getByText(/^(已保存 PDF|生成 PDF 失败)/).waitFor({ timeout: 240_000 });
    expect(await page.getByRole('status').last().textContent()).toMatch(/^已保存 PDF，共 \d+ 页。$/);
    expect(saved.map((s) => s.name)).toEqual(['贵州省医疗保障局2024年部门预算公开信息.pdf']);

    const file = path.join(dir, 'desktop.pdf');
    writeFileSync(file, saved[0]!.bytes);
    const pages = pageTexts(file);
    expectPublishedFigures(pages);
    expectTocMatchesHeadings(pages, readToc(pages[1]!));
    expect(squash(pages.at(-1)!)).toContain(`第${pages.length}页/共${pages.length}页`);
    // The preview's 目录 now shows the numbers of the saved PDF.
    await page.getByRole('button', { name: '封面和目录' }).click();
    await expect.poll(() => page.locator('li', { hasText: '第五部分：附件' }).textContent()).toContain(String(pages.length));
    await page.close();
  }, 360_000);

  it('in the browser, renders the whole document for the print dialog, numbered by the browser', async () => {
    const page = await newPage(browser);
    // The dialog itself is the browser's: here print() only notes the call; the test prints the page as the dialog would.
    await page.addInitScript(() => Object.assign(globalThis, { print: () => Object.assign(globalThis, { __testPrinted: true }) }));
    await openPreview(page, false);
    await page.getByRole('button', { name: '打印…' }).click();
    await page.waitForFunction(() => (globalThis as unknown as { __testPrinted?: boolean }).__testPrinted === true);
    const file = path.join(dir, 'browser.pdf');
    writeFileSync(file, await page.pdf(PAGE_PDF_OPTIONS));
    const pages = pageTexts(file);
    expectPublishedFigures(pages);
    // The preview screen itself is not printed; the pages are numbered from the cover on, the cover without a number.
    expect(squash(pages.join(''))).not.toContain('打印预览');
    expect(squash(pages[0]!)).not.toContain('第1页');
    expect(squash(pages.at(-1)!)).toContain(`第${pages.length}页/共${pages.length}页`);
    // Printing over, the whole document goes.
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await expect.poll(() => page.getByText('2024年项目支出绩效目标表').count()).toBe(0);
    await page.close();
  }, 240_000);
});
