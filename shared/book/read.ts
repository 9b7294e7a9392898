/**
 * Reading a book file's text: JSON syntax errors become a Chinese message with line and column, then the book is
 * validated against its template (see load.ts).
 */
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { type LoadedBook, loadBook } from './load';

export function parseJsonText(text: string, subject: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    if (at) {
      const offset = Number(at[1]);
      const before = text.slice(0, offset).split('\n');
      const where = `第 ${before.length} 行第 ${before[before.length - 1]!.length + 1} 列`;
      throw new ValidationError(subject, [{ where, message: '不是有效的 JSON（括号、引号或逗号有误）' }]);
    }
    throw new ValidationError(subject, [
      { where: '文件末尾', message: /end of JSON/i.test(message) ? '文件不完整，可能在复制或保存时被截断' : '不是有效的 JSON' },
    ]);
  }
}

export function readBookText(text: string, findTemplate: (id: string, version: number) => Template | undefined): LoadedBook {
  return loadBook(parseJsonText(text, '数据包'), findTemplate);
}
