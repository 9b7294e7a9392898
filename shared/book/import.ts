/**
 * Taking in a book file from outside (another machine, a USB stick, a backup): the JSON is read, its checksum
 * verified over the file as written, an older format version migrated, and the whole book validated against its
 * template. Every problem found is reported together, each with its place, so the officer sees all of them at once.
 */
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { checksumProblem } from './checksum';
import { type LoadedBook, loadBook } from './load';
import { migrateBookFile } from './migrate';
import { parseJsonText } from './read';

export interface ReadBook {
  readonly book: LoadedBook;
  /** The format version the file was written in, when it was migrated from an older one. */
  readonly migratedFrom?: number;
}

/** Throws ValidationError with every problem of the file, or returns the validated book. */
export async function readBookFileText(
  text: string,
  findTemplate: (id: string, version: number) => Template | undefined,
): Promise<ReadBook> {
  const raw = parseJsonText(text, '数据包');
  const damaged = await checksumProblem(raw);
  const { raw: current, from } = migrateBookFile(raw);
  let book: LoadedBook;
  try {
    book = loadBook(current, findTemplate);
  } catch (e) {
    if (e instanceof ValidationError && damaged) throw new ValidationError(e.subject, [damaged, ...e.problems]);
    throw e;
  }
  if (damaged) throw new ValidationError('数据包', [damaged]);
  return from === undefined ? { book } : { book, migratedFrom: from };
}
