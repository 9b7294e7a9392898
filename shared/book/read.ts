/**
 * Reading a book file's text: JSON syntax errors become a Chinese message with line and column, then the book is
 * validated against its template (see load.ts).
 */
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { type LoadedBook, loadBook } from './load';

export function parseJsonText(text: string, subject: string): unknown {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(clean);
  } catch (e) {
    const offset = errorOffset(clean, e);
    // V8 reports a cut-off file as an error at its very end ("Unterminated string … at position <length>").
    if (offset === undefined || offset >= clean.trimEnd().length) {
      throw new ValidationError(subject, [{ where: '文件末尾', message: '文件不完整，可能在复制或保存时被截断' }]);
    }
    const before = clean.slice(0, offset).split('\n');
    const where = `第 ${before.length} 行第 ${before[before.length - 1]!.length + 1} 列`;
    throw new ValidationError(subject, [{ where, message: '不是有效的 JSON（括号、引号或逗号有误）' }]);
  }
}

/**
 * Where JSON.parse failed in `text`, or undefined when the text just ended too early. V8 gives a position for most
 * errors; for an unexpected token (`[1,]`, an unquoted word) it gives none, so the place is found as the longest
 * prefix that still reads as the start of valid JSON.
 */
function errorOffset(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/end of JSON/i.test(message)) return undefined;
  const incomplete = (prefix: string): boolean => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      const p = /position (\d+)/.exec(m);
      return p ? Number(p[1]) >= prefix.trimEnd().length : /end of JSON/i.test(m);
    }
  };
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (incomplete(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return good;
}

export function readBookText(text: string, findTemplate: (id: string, version: number) => Template | undefined): LoadedBook {
  return loadBook(parseJsonText(text, '数据包'), findTemplate);
}
