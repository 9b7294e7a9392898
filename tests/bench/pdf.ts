/**
 * PDF benchmark: the disclosure document printed as the command line prints it (system Chromium, jobs printed on
 * DEFAULT_PAGES pages side by side, joined with pdf-lib): time, pages, size and the renderer's peak memory.
 *
 * npm run bench reports it for the Guizhou book and the generated N× book (main.ts calls pdfBenchmark);
 * measurePdf(name, text) measures any book file's text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printBookPdf } from '../../shared/cli/pdf-export';
import { generateBook, scaleOptions } from './generate';

export interface PdfFigures {
  readonly book: string;
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
  /** Peak resident memory of a Chromium renderer process, in MiB (undefined where /proc is missing). */
  readonly rendererPeakMiB: number | undefined;
  /** CPU time of Chromium's processes and of this process during the print: less distorted by a busy machine. */
  readonly cpuSeconds: number | undefined;
}

/** One print of the book file's text (the renderer build is made first, so its time is not counted). */
export async function measurePdf(name: string, bookText: string): Promise<PdfFigures> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await printBookPdf(bookText);
  const own = process.cpuUsage(cpu);
  return {
    book: name,
    pages: result.pages,
    bytes: result.bytes.length,
    ms: Math.round(performance.now() - started),
    rendererPeakMiB: result.peakRendererBytes === undefined ? undefined : Math.round(result.peakRendererBytes / 2 ** 20),
    cpuSeconds: result.browserCpuSeconds === undefined ? undefined : result.browserCpuSeconds + (own.user + own.system) / 1e6,
  };
}

/** Both books: the Guizhou reference (the better of `runs`, after a warm-up that builds the renderer) and the N× book. */
export async function pdfBenchmark(scale: number, seed: number, runs: number): Promise<PdfFigures[]> {
  const guizhou = readFileSync(fileURLToPath(new URL('../../examples/guizhou-2024.budget.json', import.meta.url)), 'utf8');
  await measurePdf('warm-up', guizhou);
  const reference: PdfFigures[] = [];
  for (let i = 0; i < runs; i++) reference.push(await measurePdf('Guizhou 2024 (reference)', guizhou));
  const best = reference.reduce((a, b) => (b.ms < a.ms ? b : a));
  const big = await measurePdf(`generated ${scale}× (seed ${seed})`, JSON.stringify(generateBook(scaleOptions(scale, seed))));
  return [best, big];
}

/** The figures as lines for the benchmark's text report. */
export function pdfLines(figures: readonly PdfFigures[]): string[] {
  return [
    'Disclosure PDF (system Chromium, printed in jobs and joined; time includes starting Chromium):',
    ...figures.map(
      (f) =>
        `  ${f.book}: ${f.pages} pages, ${(f.bytes / 2 ** 20).toFixed(1)} MiB, ${(f.ms / 1000).toFixed(1)} s` +
        (f.cpuSeconds === undefined ? '' : ` (CPU ${f.cpuSeconds.toFixed(1)} s)`) +
        (f.rendererPeakMiB === undefined ? '' : `, renderer peak ${f.rendererPeakMiB} MiB`),
    ),
  ];
}
