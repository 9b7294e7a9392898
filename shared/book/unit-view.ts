/**
 * One budget unit's part of a department book: the unit and the records that belong to it (through its unit field
 * or the record it refers to). The editor shows and edits a unit through this view; records of no unit (上年“三公”,
 * transfers and their 绩效目标) are edited in the department view.
 */
import type { LoadedBook } from './load';
import { recordUnit } from './merge-unit';
import type { BookFile } from './schema';

export function unitView(book: LoadedBook, unit: string): BookFile {
  const file = book.file;
  const keep = new Map<string, Set<string>>();
  for (const [dataset, records] of book.records) {
    keep.set(dataset, new Set(records.filter((r) => recordUnit(book, r) === unit).map((r) => r.id)));
  }
  const data: BookFile['data'] = {};
  for (const [dataset, records] of Object.entries(file.data)) {
    data[dataset] = records.filter((r) => keep.get(dataset)?.has(r.id));
  }
  const { manual: _manual, ...rest } = file;
  return { ...rest, units: file.units.filter((u) => u.code === unit), data };
}
