/**
 * Fields the tables do not print, for records read from the tables without a 数据包 counterpart:
 * - a reference not printed (which project or transfer a 表14 target belongs to) links to the record whose text
 *   fields of the same name match (a target's name is its project's name), the first not yet linked;
 * - a text field not printed takes the value of the same-named field of a record referring to it (a project's
 *   项目代码 is its target's), and a required one that is still empty gets a placeholder;
 * each guess or gap is reported at the row it concerns.
 */
import type { EntryRecord } from '../book/schema';
import { fillText } from '../engine/text';
import type { DatasetDef, Template } from '../template/schema';
import { type WorkbookMessage, workbookMessage } from './messages';
import type { RecoveredRecord } from './recover';

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Names compared as printed in different tables: full-width punctuation as half-width, no spaces. */
function normalized(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

export function describeRecord(def: DatasetDef, record: EntryRecord): string {
  return fillText(def.describe ?? '{id}', (path) => record[path] ?? '').replace(/\s+/g, ' ').trim() || record.id;
}

const textFields = (def: DatasetDef) => Object.entries(def.fields).filter(([, f]) => f.type === 'text').map(([k]) => k);

/** Links the unprinted references of records that have no 数据包 counterpart. */
export function linkReferences(
  template: Template,
  records: ReadonlyMap<string, RecoveredRecord[]>,
  paired: ReadonlySet<RecoveredRecord>,
  notices: WorkbookMessage[],
): void {
  const claimed = new Set<string>();
  for (const [dataset, list] of records) {
    const def = template.datasets[dataset]!;
    const refs = Object.entries(def.fields).flatMap(([k, f]) => (f.type === 'ref' ? [{ field: k, target: f.dataset }] : []));
    for (const r of list) {
      const open = refs.filter((ref) => !r.printed.has(ref.field) && !paired.has(r));
      if (open.length === 0) continue;
      const linked = open.some((ref) => {
        const targetDef = template.datasets[ref.target]!;
        const shared = textFields(def).filter((f) => textFields(targetDef).includes(f));
        const match = (records.get(ref.target) ?? []).find((c) => {
          const key = `${ref.target}\u0000${c.record.id}`;
          if (claimed.has(key)) return false;
          const compared = shared.filter((f) => r.record[f] && c.record[f]);
          return compared.length > 0 && compared.every((f) => normalized(r.record[f]!) === normalized(c.record[f]!));
        });
        if (!match) return false;
        claimed.add(`${ref.target}\u0000${match.record.id}`);
        r.record[ref.field] = match.record.id;
        return true;
      });
      if (!linked) {
        const where = open.map((ref) => template.datasets[ref.target]!.label).join('或');
        notices.push(workbookMessage(r.place, `${def.label}“${describeRecord(def, r.record)}”在${where}中找不到同名的记录，导入后未关联`));
      }
    }
  }
}

/** Fills unprinted text fields from the records referring to them, then gives required empty ones a placeholder. */
export function fillUnprintedText(
  template: Template,
  records: ReadonlyMap<string, RecoveredRecord[]>,
  paired: ReadonlySet<RecoveredRecord>,
  notices: WorkbookMessage[],
): void {
  const byId = new Map<string, RecoveredRecord>();
  for (const [dataset, list] of records) for (const r of list) byId.set(`${dataset}\u0000${r.record.id}`, r);
  for (const [dataset, list] of records) {
    for (const [field, f] of Object.entries(template.datasets[dataset]!.fields)) {
      if (f.type !== 'ref') continue;
      for (const referrer of list) {
        const target = byId.get(`${f.dataset}\u0000${referrer.record[field] ?? ''}`);
        if (!target || paired.has(target)) continue;
        for (const name of textFields(template.datasets[f.dataset]!)) {
          if (!target.printed.has(name) && !target.record[name] && referrer.record[name]) target.record[name] = referrer.record[name]!;
        }
      }
    }
  }
  let n = 0;
  for (const [dataset, list] of records) {
    const def = template.datasets[dataset]!;
    for (const r of list) {
      if (paired.has(r)) continue;
      for (const [name, f] of Object.entries(def.fields)) {
        if (f.type !== 'text' || !f.required || r.record[name]) continue;
        const described = describeRecord(def, r.record);
        r.record[name] = `待补充-${++n}`;
        notices.push(workbookMessage(r.place, `${def.label}“${described}”的${f.label}未在表中列示，暂记为“${r.record[name]}”，请补填`));
      }
    }
  }
}
