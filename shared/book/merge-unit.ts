/**
 * Taking in a unit's 数据包: a budget unit prepares its own figures on its own machine and sends a book file with
 * just itself as unit; the department's book takes that unit's records in place of the ones it had for the unit,
 * leaving every other unit and the department's own records (those of no unit) as they are. Which unit a record
 * belongs to comes from the template: its unit field, or the record it refers to (a project line → its project).
 */
import { ValidationError, type Problem } from '../validation/issues';
import type { LoadedBook, LoadedRecord } from './load';
import type { BookFile, EntryRecord, UnitRecord } from './schema';

/** The unit a record belongs to, or '' when it belongs to the department as a whole (上年“三公”, transfers). */
export function recordUnit(book: LoadedBook, record: LoadedRecord, seen = new Set<LoadedRecord>()): string {
  const def = book.template.datasets[record.dataset]!;
  for (const [name, f] of Object.entries(def.fields)) if (f.type === 'unit') return record.fields[name] ?? '';
  seen.add(record);
  for (const [name, f] of Object.entries(def.fields)) {
    const target = f.type === 'ref' ? book.recordById.get(f.dataset)?.get(record.fields[name] ?? '') : undefined;
    if (target && !seen.has(target)) {
      const unit = recordUnit(book, target, seen);
      if (unit) return unit;
    }
  }
  return '';
}

function idsOfUnit(book: LoadedBook, unit: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [dataset, records] of book.records) {
    out.set(dataset, new Set(records.filter((r) => recordUnit(book, r) === unit).map((r) => r.id)));
  }
  return out;
}

export interface UnitTakeIn {
  readonly unit: UnitRecord;
  /** The department's book did not list the unit yet: it is added to its units. */
  readonly newUnit: boolean;
  readonly removed: readonly { readonly dataset: string; readonly id: string }[];
  /** The unit's records as they go into the department's book (ids that were taken already get a suffix). */
  readonly added: readonly { readonly dataset: string; readonly record: EntryRecord }[];
  /** Records of the unit's file that belong to no unit (its copy of department-wide data): left out. */
  readonly ignored: number;
  /** The department's book with the unit's records in place of the ones it had. */
  readonly file: BookFile;
}

/** Throws ValidationError when the unit's file cannot be taken in (several units, another template or year). */
export function takeInUnit(department: LoadedBook, unitBook: LoadedBook): UnitTakeIn {
  const problems: Problem[] = [];
  const dept = department.file;
  const from = unitBook.file;
  if (from.units.length !== 1) problems.push({ where: 'units', message: `单位数据包应只含一个预算单位，此文件有 ${from.units.length} 个` });
  if (from.template.id !== dept.template.id || from.template.version !== dept.template.version) {
    problems.push({
      where: 'template',
      message: `模板不同：本账套为“${dept.template.id}”第 ${dept.template.version} 版，数据包为“${from.template.id}”第 ${from.template.version} 版`,
    });
  }
  if (from.year !== dept.year) problems.push({ where: 'year', message: `年度不同：本账套为 ${dept.year} 年，数据包为 ${from.year} 年` });
  if (problems.length > 0) throw new ValidationError('单位数据包', problems);

  const unit = from.units[0]!;
  const removedIds = idsOfUnit(department, unit.code);
  const takenIds = idsOfUnit(unitBook, unit.code);

  // Ids of the unit's records that the department's remaining records already use get a suffix; references among
  // the unit's records follow the new ids.
  const renamed = new Map<string, Map<string, string>>();
  for (const [dataset, ids] of takenIds) {
    const used = new Set((dept.data[dataset] ?? []).map((r) => r.id).filter((id) => !removedIds.get(dataset)?.has(id)));
    const map = new Map<string, string>();
    for (const id of ids) {
      let next = id;
      for (let n = 1; used.has(next); n++) next = n === 1 ? `${id}-${unit.code}` : `${id}-${unit.code}-${n}`;
      used.add(next);
      if (next !== id) map.set(id, next);
    }
    renamed.set(dataset, map);
  }
  const added: { dataset: string; record: EntryRecord }[] = [];
  let ignored = 0;
  for (const [dataset, records] of Object.entries(from.data)) {
    const fields = department.template.datasets[dataset]?.fields ?? {};
    for (const r of records) {
      if (!takenIds.get(dataset)?.has(r.id)) {
        ignored++;
        continue;
      }
      const record: EntryRecord = { ...r, id: renamed.get(dataset)?.get(r.id) ?? r.id };
      for (const [name, f] of Object.entries(fields)) {
        const target = f.type === 'ref' && record[name] ? renamed.get(f.dataset)?.get(record[name]) : undefined;
        if (target) record[name] = target;
      }
      added.push({ dataset, record });
    }
  }

  const newUnit = !department.unitByCode.has(unit.code);
  const removed = [...removedIds].flatMap(([dataset, ids]) => [...ids].map((id) => ({ dataset, id })));
  // The unit's records go where its old ones began (tables such as 表12 list records in their order), else last.
  const data: BookFile['data'] = {};
  for (const [dataset, records] of Object.entries(dept.data)) {
    const incoming = added.filter((a) => a.dataset === dataset).map((a) => a.record);
    const gone = removedIds.get(dataset) ?? new Set<string>();
    const at = records.findIndex((r) => gone.has(r.id));
    const kept = records.filter((r) => !gone.has(r.id));
    const insertAt = at < 0 ? kept.length : at;
    data[dataset] = [...kept.slice(0, insertAt), ...incoming, ...kept.slice(insertAt)];
  }
  for (const { dataset, record } of added) if (!dept.data[dataset]) (data[dataset] ??= []).push(record);
  const { checksum: _stale, ...rest } = dept;
  const file: BookFile = { ...rest, units: newUnit ? [...dept.units, unit] : dept.units, data, ...mergedCodes(dept, from) };
  return { unit, newUnit, removed, added, ignored, file };
}

/** The department's own catalogue codes plus those the unit added, which its records may use. */
function mergedCodes(dept: BookFile, from: BookFile): Pick<BookFile, 'extraCodes'> {
  if (!from.extraCodes) return dept.extraCodes ? { extraCodes: dept.extraCodes } : {};
  const extraCodes = structuredClone(dept.extraCodes ?? {});
  for (const [catalogue, entries] of Object.entries(from.extraCodes)) {
    const list = (extraCodes[catalogue] ??= []);
    for (const e of entries) if (!list.some((x) => x.code === e.code)) list.push(e);
  }
  return { extraCodes };
}
