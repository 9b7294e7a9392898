/**
 * Writing a book file (数据包): the fields in the schema's order, indented by one space like the examples, and the
 * checksum of the content last, so the receiving machine can tell an intact file from a damaged or edited one.
 */
import { bookChecksum } from './checksum';
import type { BookFile } from './schema';

export async function serializeBook(file: BookFile): Promise<string> {
  const { checksum: _stale, ...content } = file;
  const ordered: BookFile = {
    format: content.format,
    formatVersion: content.formatVersion,
    template: content.template,
    department: content.department,
    year: content.year,
    units: content.units,
    ...(content.extraCodes ? { extraCodes: content.extraCodes } : {}),
    data: content.data,
    ...(content.manual ? { manual: content.manual } : {}),
    ...(content.text ? { text: content.text } : {}),
  };
  return `${JSON.stringify({ ...ordered, checksum: await bookChecksum(ordered) }, null, 1)}\n`;
}

/** A file name for a book: `贵州省医疗保障局-2024年.budget.json`, without characters Windows refuses. */
export function bookFileName(file: Pick<BookFile, 'department' | 'year'>): string {
  const name = file.department.name.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${name || file.department.code}-${file.year}年.budget.json`;
}
