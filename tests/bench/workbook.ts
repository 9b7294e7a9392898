/**
 * Workbook benchmark: export (writeWorkbook) and import (readWorkbook) times for a book, median of several runs.
 * Import is measured twice: from our own workbook (its 数据包 sheet read and checked against the tables) and from
 * the same workbook without the 数据包 (entered data recovered from the printed tables).
 *
 * npm run bench reports them (main.ts calls workbookBenchmark); measureWorkbook(name, book) measures any book.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { Engine } from '../../shared/engine/engine';
import { allTemplates, findTemplate } from '../../shared/template/registry';
import { readWorkbook, type WorkbookImport } from '../../shared/workbook/read';
import { writeWorkbook } from '../../shared/workbook/write';
import { withoutPackage } from '../workbook/support';
import { generateBook, scaleOptions } from './generate';

export interface WorkbookFigures {
  readonly book: string;
  readonly sheets: number;
  readonly bytes: number;
  readonly exportMs: number;
  readonly importPackageMs: number;
  readonly importTablesMs: number;
  /** What importing without the 数据包 gave: source and 手工填报 tables, or the number of problems. */
  readonly importTablesOutcome: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await f();
    times.push(performance.now() - t);
  }
  return { ms: Math.round(median(times)), result };
}

function outcome(r: WorkbookImport): string {
  if (!r.ok) return `${r.problems.length} problems (first: ${r.problems[0]!.where} ${r.problems[0]!.message})`;
  return `ok from ${r.source}, ${r.notices.length} notices, 手工填报 [${r.manualTables.join(' ')}]`;
}

/** Export and import timings of one book (the engine run before export is not counted). */
export async function measureWorkbook(name: string, file: BookFile, runs = 3): Promise<WorkbookFigures> {
  const engine = Engine.run(loadBook(structuredClone(file), findTemplate));
  const exported = await timed(runs, () => writeWorkbook(engine));
  const bytes = exported.result;
  const templates = allTemplates();
  const fromPackage = await timed(runs, () => readWorkbook(bytes, templates));
  const plain = await withoutPackage(bytes);
  const fromTables = await timed(runs, () => readWorkbook(plain, templates));
  return {
    book: name,
    sheets: engine.model.tables.length + 1,
    bytes: bytes.length,
    exportMs: exported.ms,
    importPackageMs: fromPackage.ms,
    importTablesMs: fromTables.ms,
    importTablesOutcome: outcome(fromTables.result),
  };
}

/** Both books of the benchmark: the Guizhou reference (median of `runs`) and the generated N× book (one run). */
export async function workbookBenchmark(scale: number, seed: number, runs: number): Promise<WorkbookFigures[]> {
  const guizhou = JSON.parse(readFileSync(fileURLToPath(new URL('../../examples/guizhou-2024.budget.json', import.meta.url)), 'utf8')) as BookFile;
  return [await measureWorkbook('Guizhou 2024 (reference)', guizhou, runs), await measureWorkbook(`generated ${scale}× (seed ${seed})`, generateBook(scaleOptions(scale, seed)), 1)];
}

/** The figures as lines for the benchmark's text report. */
export function workbookLines(figures: readonly WorkbookFigures[]): string[] {
  return [
    'Workbook (.xlsx) export and import:',
    ...figures.map(
      (f) =>
        `  ${f.book}: ${f.sheets} sheets, ${(f.bytes / 1024).toFixed(0)} KiB; export ${f.exportMs} ms; import with 数据包 ${f.importPackageMs} ms; ` +
        `import from the tables ${f.importTablesMs} ms (${f.importTablesOutcome})`,
    ),
  ];
}
