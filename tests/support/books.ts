/** Test helpers: the reference book and fixture from the project's own files, and edited copies of a book. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBook, type LoadedBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { Engine } from '../../shared/engine/engine';
import { parseStoredAmount } from '../../shared/money/money';
import { findTemplate } from '../../shared/template/registry';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface PublishedTable {
  id: string;
  title: string;
  headerRows: string[][];
  columnNumbers: string[] | null;
  rows: (string | number)[][];
  notes: string[];
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(root + path, 'utf8')) as T;
}

export function guizhouBook(): BookFile {
  return readJson<BookFile>('examples/guizhou-2024.budget.json');
}

export function publishedGuizhou(): { tables: PublishedTable[] } {
  return readJson('tests/fixtures/guizhou-2024-published.json');
}

export function load(file: BookFile): LoadedBook {
  return loadBook(structuredClone(file), findTemplate);
}

export function run(file: BookFile): Engine {
  return Engine.run(load(file));
}

/** A copy of the book with one record's field set to `value` (a decimal string in 万元). */
export function withField(file: BookFile, dataset: string, id: string, field: string, value: string): BookFile {
  const copy = structuredClone(file);
  const record = copy.data[dataset]?.find((r) => r.id === id);
  if (!record) throw new Error(`no record ${dataset}/${id}`);
  record[field] = value;
  return copy;
}

/** The record of `dataset` whose fields match all of `match`. */
export function findRecord(file: BookFile, dataset: string, match: Record<string, string>): Record<string, string> & { id: string } {
  const r = file.data[dataset]?.find((rec) => Object.entries(match).every(([k, v]) => rec[k] === v));
  if (!r) throw new Error(`no ${dataset} record matching ${JSON.stringify(match)}`);
  return r;
}

/** A repeatable pseudo-random sequence in [0, 1), for tests that edit many figures. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Makes `count` random amount edits (−3,000.00 … 7,000.00) to random records of the datasets of `fields`, both to a
 * running engine, incrementally, and to a book file, so that the engine can be compared with a full recompute.
 */
export function editAmountsAtRandom(engine: Engine, file: BookFile, fields: Record<string, string[]>, random: () => number, count: number): void {
  const datasets = Object.keys(fields);
  for (let i = 0; i < count; i++) {
    const ds = datasets[Math.floor(random() * datasets.length)]!;
    const records = file.data[ds]!;
    const record = records[Math.floor(random() * records.length)]!;
    const names = fields[ds]!;
    const field = names[Math.floor(random() * names.length)]!;
    const value = (Math.round((random() - 0.3) * 1_000_000) / 100).toFixed(2);
    record[field] = value;
    const parsed = parseStoredAmount(value, engine.book.template.money);
    if (!parsed.ok) throw new Error(value);
    engine.setAmount(ds, record.id, field, parsed.value);
  }
}
