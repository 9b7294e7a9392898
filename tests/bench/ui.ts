/**
 * UI benchmark in the system Chromium, against the built renderer (tests/e2e/harness), for the Guizhou book and the
 * generated N× book (generate.ts):
 *
 * - import: the 数据包 chosen in 导入数据包… until the book's first table shows (validation + writing the book);
 * - open: a fresh page load of the book's workspace until its grid shows rows (app start, reading the book from
 *   IndexedDB, the engine over the whole department, the first render), read in the page as performance.now() at the
 *   DOM mutation that adds the first grid cell;
 * - heap: the page's JS heap (CDP Performance.getMetrics) after opening, after a garbage collection;
 * - keystroke: in one unit's 表2 a digit and Enter in its 一般公共预算拨款 cell, from the Enter keydown's timestamp until
 *   the 合计 收入总计 cell and the checks panel (I-7 收入总计 = 支出总计) both show the new figures (a MutationObserver
 *   in the page), and until the next animation frame after that; median, p95 and max over the keystrokes;
 * - paste: 1,000 whole 表10 lines (Excel's tab-separated text in the printed layout) pasted on the unit's 人员类项目支出
 *   row, until the status bar says they were added and 已保存;
 * - checks: the N× book with every performance indicator failing S-7 (thousands of 提示): a fresh page load of its
 *   workspace until the checks panel shows its first failure, how many failures the panel holds in the DOM then,
 *   and End in the panel until its last failure is selected.
 *
 * main.ts calls uiBenchmark and prints uiLines; the targets for the 100× book are those of issue 9.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serializeBook } from '../../shared/book/export';
import type { BookFile } from '../../shared/book/schema';
import { generateBook, scaleOptions } from './generate';
import { newPage, ROOT, startApp, tempDir } from '../e2e/harness';
import { chooseUnit, clickCell, grid, importBook, openHome, openTable, pasteText, readTable, rowIndex } from '../e2e/officer';

export const UI_TARGETS = { openMs: 2000, keystrokeP95Ms: 50, pasteLinesMs: 1000, heapMB: 500 };

/** The checks panel over a book with thousands of failed checks. */
export interface ChecksFigures {
  /** Failed checks the panel counts (强制 + 提示). */
  readonly failures: number;
  /** Page load until the panel shows its first failure (median). */
  readonly openMs: number;
  /** Failures in the DOM once shown: only those in view. */
  readonly rendered: number;
  /** End in the panel until the last failure is selected. */
  readonly endMs: number;
}

/** Lines pasted at once. */
const PASTED_LINES = 1000;

export interface LatencyFigures {
  readonly count: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface UiFigures {
  readonly book: string;
  readonly importMs: number;
  readonly open: { readonly medianMs: number; readonly runsMs: readonly number[] };
  /** Keystroke (Enter) to the 合计 cell and the checks panel updated in the DOM. */
  readonly keystroke: LatencyFigures;
  /** The same, until the next animation frame after the update (when it can be painted). */
  readonly keystrokeToFrame: LatencyFigures;
  /** 1,000 lines pasted until added and saved. */
  readonly pasteLinesMs: number;
  readonly heapMB: { readonly used: number; readonly total: number };
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function latency(ms: readonly number[]): LatencyFigures {
  return { count: ms.length, medianMs: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), maxMs: Math.max(...ms) };
}

/**
 * Records, in every page, when the first grid cell and the first failure of the checks panel appear (performance.now(),
 * from the start of navigation).
 */
const SHOWN = `
  for (const [selector, name] of [['[role=grid] [role=gridcell]', '__gridShownAt'], ['aside [role=option]', '__checkShownAt']]) {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        window[name] = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }
`;

async function openOnce(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await grid(page).locator('[role=gridcell]').first().waitFor({ timeout: 120_000 });
  return page.evaluate(() => (window as unknown as { __gridShownAt: number }).__gridShownAt);
}

/**
 * Arms the page for one keystroke: the Enter keydown's timestamp, then the mutation after which both watched elements
 * differ from now, and the next animation frame after it. The promise it leaves in the page resolves with both
 * latencies. Armed (and awaited) before the Enter is sent, so the listener is in place when the key arrives.
 */
function arm({ total, panel }: { total: string; panel: string }): void {
  const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
  const before = { total: text(total), panel: text(panel) };
  const page = window as unknown as { __keystroke: Promise<[number, number]> };
  page.__keystroke = new Promise((resolve) => {
    let enterAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') enterAt = e.timeStamp;
    };
    window.addEventListener('keydown', onKey, { capture: true });
    const observer = new MutationObserver(() => {
      if (!enterAt || text(total) === before.total || text(panel) === before.panel) return;
      const updated = performance.now();
      observer.disconnect();
      window.removeEventListener('keydown', onKey, { capture: true });
      requestAnimationFrame(() => resolve([updated - enterAt, performance.now() - enterAt]));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** One keystroke: a digit typed into the active cell, then Enter; its latencies to the DOM update and the next frame. */
async function keystroke(page: Page, digit: string, watched: { total: string; panel: string }): Promise<[number, number]> {
  await page.keyboard.type(digit);
  await page.evaluate(arm, watched);
  await page.keyboard.press('Enter');
  return page.evaluate(() => (window as unknown as { __keystroke: Promise<[number, number]> }).__keystroke);
}

async function heapMB(page: Page): Promise<{ used: number; total: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) / 1024 / 1024;
  await cdp.detach();
  return { used: metric('JSHeapUsedSize'), total: metric('JSHeapTotalSize') };
}

/** 表2: the unit row's 一般公共预算拨款 (栏次 4), and what depends on it: 合计 收入总计 and the checks panel. */
const GPB = 4;
const WATCHED = { total: '[role=grid] [data-cell="0,1"]', panel: 'aside' };

async function measureBook(page: Page, book: BenchBook, options: { opens: number; keystrokes: number }): Promise<UiFigures> {
  const { name, file, unit } = book;
  const log = (s: string) => process.stderr.write(`bench[ui ${name}]: ${s}\n`);
  log('import');
  const t = performance.now();
  await importBook(page, file);
  const importMs = performance.now() - t;
  const bookUrl = page.url();

  log('open');
  const runsMs: number[] = [];
  for (let i = 0; i < options.opens; i++) runsMs.push(await openOnce(page, bookUrl));
  const heap = await heapMB(page);

  log(`${options.keystrokes} keystrokes`);
  await chooseUnit(page, unit);
  await openTable(page, 2);
  const unitRow = (await readTable(page)).findIndex((r) => r[0]!.startsWith(unit));
  await clickCell(page, unitRow, GPB);
  const dom: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < options.keystrokes; i++) {
    // 1…9 in turn: every keystroke changes the unit's income, so the total and I-7's difference change each time.
    const [d, f] = await keystroke(page, String(1 + (i % 9)), WATCHED);
    dom.push(d);
    frame.push(f);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');

  log(`paste ${PASTED_LINES} lines`);
  const pasteLinesMs = await pasteLines(page, book.lines);
  return {
    book: name,
    importMs,
    open: { medianMs: quantile(runsMs, 0.5), runsMs },
    keystroke: latency(dom),
    keystrokeToFrame: latency(frame),
    pasteLinesMs,
    heapMB: heap,
  };
}

/** 表10's 18 printed columns of a line as Excel copies it: 部门名称, 项目名称, 功能 code and name, 经济 code and name, amounts. */
function printedLine([func, econ]: readonly [string, string]): string {
  return ['', '', func, '', econ, '', '1.00', '1.00', '1.00', ...Array<string>(9).fill('0')].join('\t');
}

/** Pastes PASTED_LINES lines (the codes in turn) on the unit's 人员类项目支出 row of 表10; ms until added and saved. */
async function pasteLines(page: Page, codes: readonly (readonly [string, string])[]): Promise<number> {
  await openTable(page, 10);
  await clickCell(page, rowIndex(await readTable(page), '人员类项目支出'), 1);
  const text = `${Array.from({ length: PASTED_LINES }, (_, i) => printedLine(codes[i % codes.length]!)).join('\r\n')}\r\n`;
  const t = performance.now();
  await pasteText(page, text);
  await page.waitForFunction(
    (added) => {
      const status = document.querySelector('[role=status]')?.textContent ?? '';
      return status.includes(added) && document.querySelector('[data-testid="save-state"]')?.textContent === '已保存';
    },
    `已新增 ${PASTED_LINES} 行`,
    { timeout: 120_000 },
  );
  return performance.now() - t;
}

/** The book with every indicator failing S-7: a 定性 one gets a 计量单位, a 定量 one a value that is no number. */
function withFailingIndicators(book: BookFile): BookFile {
  const indicators = (book.data['indicators'] ?? []).map((r) => (r['symbol'] === '定性' ? { ...r, measure: '项' } : { ...r, value: '待定' }));
  return { ...book, data: { ...book.data, indicators } };
}

/** Imports the book, then opens its workspace `opens` times until the checks panel shows a failure; End to the last. */
async function measureChecks(page: Page, file: string, opens: number): Promise<ChecksFigures> {
  const log = (s: string) => process.stderr.write(`bench[ui checks]: ${s}\n`);
  log('import the book with failing indicators');
  await importBook(page, file);
  const url = page.url();
  const aside = page.locator('aside');
  const runsMs: number[] = [];
  log('open');
  for (let i = 0; i < opens; i++) {
    await page.goto('about:blank');
    await page.goto(url);
    await aside.getByRole('option').first().waitFor({ timeout: 120_000 });
    runsMs.push(await page.evaluate(() => (window as unknown as { __checkShownAt: number }).__checkShownAt));
  }
  const count = async (severity: string) => Number((await aside.getByText(new RegExp(`^${severity} \\d+$`)).textContent())!.split(' ')[1]);
  const failures = (await count('强制')) + (await count('提示'));
  const rendered = await aside.getByRole('option').count();
  log('End');
  const list = aside.getByRole('listbox');
  await list.focus();
  const t = performance.now();
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const options = document.querySelectorAll('aside [role=option]');
    return options[options.length - 1]?.getAttribute('aria-selected') === 'true';
  });
  const endMs = performance.now() - t;
  return { failures, openMs: quantile(runsMs, 0.5), rendered, endMs };
}

interface BenchBook {
  readonly name: string;
  readonly file: string;
  /** The unit whose income is typed and whose lines are pasted. */
  readonly unit: string;
  /** 功能 and 经济 codes of the unit's 人员类 lines, for the pasted lines. */
  readonly lines: readonly (readonly [string, string])[];
}

/** A book to measure: its first unit, and the codes of that unit's 人员类 (经济分类 301) basic lines. */
function benchBook(name: string, file: string, book: BookFile): BenchBook {
  const unit = book.units[0]!.code;
  const lines = (book.data['basic'] ?? [])
    .filter((r) => r['unit'] === unit && r['econ']?.startsWith('301'))
    .map((r) => [r['func']!, r['econ']!] as const);
  return { name, file, unit, lines };
}

export interface UiOptions {
  /** Page loads of the book's workspace. */
  opens?: number;
  /** Keystrokes timed per book (at least 50). */
  keystrokes?: number;
  /** A renderer build to measure (default: the current sources', built when they changed), e.g. to compare two. */
  build?: string;
}

/** Measures the Guizhou book and the generated `scale`× book in one browser (each in its own context). */
export async function uiBenchmark(scale: number, seed: number, options: UiOptions = {}): Promise<{ books: UiFigures[]; checks: ChecksFigures }> {
  const opts = { opens: options.opens ?? 3, keystrokes: Math.max(50, options.keystrokes ?? 60) };
  const scratch = tempDir('budget-bench-ui-');
  const running = await startApp(options.build);
  try {
    const generated = path.join(scratch.dir, `generated-${scale}x.budget.json`);
    const big = generateBook(scaleOptions(scale, seed));
    writeFileSync(generated, await serializeBook(big));
    const guizhou = `${ROOT}examples/guizhou-2024.budget.json`;
    const books = [
      benchBook('Guizhou 2024 (reference)', guizhou, JSON.parse(readFileSync(guizhou, 'utf8')) as BookFile),
      benchBook(`generated ${scale}× (seed ${seed})`, generated, big),
    ];
    const figures: UiFigures[] = [];
    const page = async () => {
      const p = await newPage(running.browser);
      await p.context().addInitScript({ content: SHOWN });
      await openHome(p, running.url);
      return p;
    };
    for (const book of books) {
      const p = await page();
      figures.push(await measureBook(p, book, opts));
      await p.context().close();
    }
    const failing = path.join(scratch.dir, `generated-${scale}x-failing.budget.json`);
    writeFileSync(failing, await serializeBook(withFailingIndicators(big)));
    const p = await page();
    const checks = await measureChecks(p, failing, opts.opens);
    await p.context().close();
    return { books: figures, checks };
  } finally {
    await running.close();
    scratch.remove();
  }
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

/** The figures as lines of text for npm run bench, with the verdicts on the last (the N×) book. */
export function uiLines({ books: figures, checks }: { books: readonly UiFigures[]; checks: ChecksFigures }): string[] {
  const big = figures[figures.length - 1]!;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    'UI in Chromium (built renderer):',
    ...figures.map(
      (f) =>
        `  ${f.book}: import ${f0(f.importMs)} ms; open ${f0(f.open.medianMs)} ms (runs ${f.open.runsMs.map(f0).join(', ')}); ` +
        `keystroke→cell+checks median ${f1(f.keystroke.medianMs)} / p95 ${f1(f.keystroke.p95Ms)} / max ${f1(f.keystroke.maxMs)} ms, ` +
        `→next frame p95 ${f1(f.keystrokeToFrame.p95Ms)} ms (n=${f.keystroke.count}); paste ${PASTED_LINES} lines ${f0(f.pasteLinesMs)} ms; ` +
        `JS heap after opening ${f0(f.heapMB.used)} MiB used of ${f0(f.heapMB.total)} MiB`,
    ),
    `  ${big.book} with every indicator failing S-7: ${checks.failures} failed checks; open until the checks panel shows ` +
      `${f0(checks.openMs)} ms, ${checks.rendered} of them in the DOM; End to the last ${f0(checks.endMs)} ms`,
    `  targets (${big.book}): open < ${UI_TARGETS.openMs} ms: ${met(big.open.medianMs < UI_TARGETS.openMs)}; ` +
      `keystroke p95 < ${UI_TARGETS.keystrokeP95Ms} ms: ${met(big.keystroke.p95Ms < UI_TARGETS.keystrokeP95Ms)}; ` +
      `paste ${PASTED_LINES} lines < ${UI_TARGETS.pasteLinesMs} ms: ${met(big.pasteLinesMs < UI_TARGETS.pasteLinesMs)}; ` +
      `heap < ${UI_TARGETS.heapMB} MB: ${met(big.heapMB.used < UI_TARGETS.heapMB)}`,
  ];
}
