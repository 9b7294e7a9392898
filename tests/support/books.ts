/** Test helpers: the reference book and fixture from the project's own files, and edited copies of a book. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBook, type LoadedBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { Engine } from '../../shared/engine/engine';
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
