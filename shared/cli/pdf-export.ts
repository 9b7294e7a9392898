/**
 * `npm run cli -- export FILE --pdf OUT.pdf [--footer 页码格式]`: the disclosure document as a PDF, printed by the
 * system Chromium (through playwright-core) from the app's own print view (#/print-file), the same view and the
 * same job-by-job printing as the desktop app's printToPDF (shared/print/assemble.ts).
 * Exit codes: 0 written; 2 nothing written (the book cannot be read, no Chromium, a print error).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { EngineError } from '../engine/build';
import { producePdf, type Progress, type ProducedPdf, type PrintSurface } from '../print/assemble';
import type { PlanInfo } from '../print/plan';
import { PRINT_DRIVER_KEY, PRINT_INPUT_KEY, type PrintDriver, type PrintInput } from '../print/driver';
import { DEFAULT_FOOTER, FOOTER_FORMATS, type FooterFormat } from '../print/footer';
import { PAGE_PDF_OPTIONS } from '../print/page';
import { ValidationError } from '../validation/issues';
import { findChromium, NO_CHROMIUM } from './chromium';
import { openBook } from './commands';
import { rendererBuild } from './renderer-build';
import { type CommandResult, option } from './workbook-commands';

export interface PdfOptions {
  readonly footer?: FooterFormat;
  /** The cover's date (today by default). */
  readonly date?: Date;
  /** Job size limit in cells (shared/print/plan.ts); tests make it small to print a small book in many jobs. */
  readonly jobCells?: number;
  /** Browser pages printing jobs side by side, for a document of several jobs (DEFAULT_PAGES). */
  readonly pages?: number;
  readonly onProgress?: (p: Progress) => void;
}

/** The PDF, and what producing it cost the browser (for the benchmark: CPU time is what a busy machine distorts least). */
export interface PdfResult extends ProducedPdf, BrowserUse {}

/** Problems that stop the export before anything is written; the message is for the officer. */
export class PdfExportError extends Error {}

/** Two pages print about 1.5 times as fast as one on a two-core machine; each holds the book in its memory. */
export const DEFAULT_PAGES = 2;

// A made-up origin the page is served under (requests to it never leave the browser: see serve()).
const ORIGIN = 'http://budget-print.invalid';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** Answers the page's requests to ORIGIN from the renderer build folder, and nothing else. */
async function serve(page: Page, dir: string): Promise<void> {
  const files = new Set(readdirSync(dir, { recursive: true, encoding: 'utf8' }));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.slice(1)) || 'index.html';
    if (!files.has(name.split('/').join(path.sep))) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({
      status: 200,
      contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      body: readFileSync(path.join(dir, name)),
    });
  });
}

/** What the browser's processes used: the renderers' peak resident size (Linux only) and their CPU time. */
interface BrowserUse {
  readonly peakRendererBytes: number | undefined;
  readonly browserCpuSeconds: number | undefined;
}

async function browserUse(browser: Browser): Promise<BrowserUse> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    const peaks = processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1] ?? 0) * 1024);
    return {
      peakRendererBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
      browserCpuSeconds: processInfo.reduce((n, p) => n + p.cpuTime, 0),
    };
  } catch {
    return { peakRendererBytes: undefined, browserCpuSeconds: undefined };
  }
}

/** A page showing the print view of the book (#/print-file), and the plan it made. */
async function openPrintView(browser: Browser, dir: string, input: PrintInput): Promise<{ surface: PrintSurface; info: PlanInfo }> {
  const page = await browser.newPage();
  await serve(page, dir);
  await page.addInitScript(([key, value]) => Object.assign(globalThis, { [key]: value }), [PRINT_INPUT_KEY, input] as const);
  await page.goto(`${ORIGIN}/index.html#/print-file`);
  // These run in the page: the driver the print view put on its global object.
  const driver = (key: string) => (globalThis as unknown as Record<string, PrintDriver | undefined>)[key];
  await page.waitForFunction(driver, PRINT_DRIVER_KEY);
  const state = await page.evaluate((key) => {
    const d = (globalThis as unknown as Record<string, PrintDriver>)[key]!;
    return d.ready ? { info: d.info } : { error: d.error };
  }, PRINT_DRIVER_KEY);
  if ('error' in state) throw new PdfExportError(`打印页面无法读取数据包：${state.error}`);
  const surface: PrintSurface = {
    show: (view) =>
      page.evaluate(
        ([key, v]) => (globalThis as unknown as Record<string, Extract<PrintDriver, { ready: true }>>)[key]!.show(v),
        [PRINT_DRIVER_KEY, view] as const,
      ),
    print: async () => new Uint8Array(await page.pdf(PAGE_PDF_OPTIONS)),
  };
  return { surface, info: state.info };
}

/** Prints the book file's text to a PDF. Throws PdfExportError with a message for the officer. */
export async function printBookPdf(bookText: string, options: PdfOptions = {}): Promise<PdfResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new PdfExportError(NO_CHROMIUM);
  const dir = await rendererBuild();
  const browser = await chromium.launch({ executablePath });
  try {
    const input: PrintInput = {
      bookText,
      date: (options.date ?? new Date()).toISOString(),
      ...(options.jobCells ? { jobCells: options.jobCells } : {}),
    };
    const first = await openPrintView(browser, dir, input);
    // More pages only help a document of several jobs; they open while the first prints.
    const more = first.info.jobs.length > 1 ? Math.max(0, (options.pages ?? DEFAULT_PAGES) - 1) : 0;
    const others = Array.from({ length: more }, () => openPrintView(browser, dir, input).then((v) => v.surface));
    const produced = await producePdf(first.info, [first.surface, ...others], {
      footer: options.footer ?? DEFAULT_FOOTER,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...produced, ...(await browserUse(browser)) };
  } finally {
    await browser.close();
  }
}

const USAGE = `用法：
  npm run cli -- export 数据包.budget.json --pdf 公开文件.pdf [--footer "第 {page} 页 / 共 {pages} 页"]
页码格式可选：${FOOTER_FORMATS.map((f) => (f === '' ? '""（不印页码）' : `"${f}"`)).join('、')}
退出码：0 已生成；2 未写入任何文件。`;

export function isPdfCommand(argv: readonly string[]): boolean {
  return argv[0] === 'export' && argv.includes('--pdf');
}

export async function runPdfCommand(argv: readonly string[], progress: (line: string) => void = () => {}): Promise<CommandResult> {
  const [, input] = argv;
  const out = option(argv, '--pdf');
  const footer = option(argv, '--footer') ?? DEFAULT_FOOTER;
  if (!input || !out || input.startsWith('--') || out.startsWith('--')) return { code: 2, stdout: '', stderr: USAGE };
  if (!(FOOTER_FORMATS as readonly string[]).includes(footer)) {
    return { code: 2, stdout: '', stderr: `页码格式“${footer}”不可用。\n${USAGE}` };
  }
  try {
    // Read here first, so a bad file is reported without starting a browser.
    const { engine, text } = await openBook(input);
    const started = Date.now();
    const result = await printBookPdf(text, {
      footer: footer as FooterFormat,
      onProgress: (p) => progress(`${String(Math.round(p.fraction * 100)).padStart(3)}% ${p.step}`),
    });
    writeFileSync(out, result.bytes);
    const hard = engine.summary().强制;
    const warning = hard > 0 ? `注意：数据包有 ${hard} 条强制性审核错误（npm run cli -- check 可查看），请核对后再公开。` : '';
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return { code: 0, stdout: `已生成 ${out}：共 ${result.pages} 页，用时 ${seconds} 秒`, stderr: warning };
  } catch (e) {
    if (e instanceof ValidationError || e instanceof EngineError) return { code: 2, stdout: '', stderr: `无法读取：${e.message}` };
    if (e instanceof PdfExportError) return { code: 2, stdout: '', stderr: e.message };
    throw e;
  }
}
