/**
 * Whether a book file can be worked on: it loads against its template and the engine derives it (a 手工填报 table
 * whose rows match nothing is refused there). Every whole-book write (create, import, copy, restore, taking in a
 * unit) goes through this first, so the stored book always opens in the editor.
 */
import { type LoadedBook, loadBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { EngineError } from '../../shared/engine/build';
import { Engine } from '../../shared/engine/engine';
import { findTemplate } from '../../shared/template/registry';
import { type Problem, ValidationError } from '../../shared/validation/issues';

/** The engine over the book, or every problem that stops it. */
export function deriveBook(book: BookFile | LoadedBook): Engine | { problems: Problem[] } {
  try {
    return Engine.run('file' in book ? book : loadBook(book, findTemplate));
  } catch (e) {
    if (e instanceof ValidationError) return { problems: e.problems };
    if (e instanceof EngineError) return { problems: [{ where: '数据包', message: e.message }] };
    throw e;
  }
}

