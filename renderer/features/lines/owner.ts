/**
 * Which unit a record would belong to, before it exists: its unit field, or the unit of the record it refers to
 * (a project line → its project's unit), as shared/book/merge-unit's recordUnit says for stored records. A record
 * is edited in its unit's view; records of no unit ('') in the department view.
 */
import type { LoadedBook } from '../../../shared/book/load';
import { recordUnit } from '../../../shared/book/merge-unit';
import type { DatasetDef } from '../../../shared/template/schema';
import { unitField } from './lineTable';

export function ownerOf(book: LoadedBook, def: DatasetDef, fields: Readonly<Record<string, string | undefined>>): string {
  const own = unitField(def);
  if (own) return fields[own] ?? '';
  for (const [name, field] of Object.entries(def.fields)) {
    const target = field.type === 'ref' ? book.recordById.get(field.dataset)?.get(fields[name] ?? '') : undefined;
    const unit = target && recordUnit(book, target);
    if (unit) return unit;
  }
  return '';
}

/** Why records of `owner` cannot be changed in the view of `scope`, or undefined when they can. */
export function ownerProblem(book: LoadedBook, owner: string, scope: string): string | undefined {
  if (owner === scope) return undefined;
  if (!owner) return '这些数据属于部门，请在“单位”中选择“部门汇总”后再编辑';
  const name = book.unitByCode.get(owner)?.name ?? '';
  return `这些数据属于单位 ${owner} ${name}，请在“单位”中选择该单位后再编辑`;
}
