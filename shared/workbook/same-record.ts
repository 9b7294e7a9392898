/**
 * One record printed in several tables (a form's project heads its fund lines, its indicators and its overview) is
 * read once from each of them: records of a dataset read from different sheets whose commonly printed fields agree
 * are the same record, kept once with the fields of all, and references to the others point to it.
 */
import type { Template } from '../template/schema';
import type { RecoveredRecord } from './recover';

/** Whether two records print the same values on every non-amount field both print (and share at least one). */
function agree(template: Template, a: RecoveredRecord, b: RecoveredRecord): boolean {
  const fields = template.datasets[a.dataset]!.fields;
  const shared = [...a.printed].filter((f) => b.printed.has(f) && fields[f]?.type !== 'amount');
  return shared.some((f) => a.record[f]) && shared.every((f) => (a.record[f] ?? '') === (b.record[f] ?? ''));
}

export function mergeSameRecords(template: Template, records: Map<string, RecoveredRecord[]>): void {
  const renamed = new Map<string, string>();
  for (const [dataset, list] of records) {
    const kept: RecoveredRecord[] = [];
    /** The sheets each kept record was read from: two records of one sheet are two records. */
    const sheets = new Map<RecoveredRecord, Set<string>>();
    for (const r of list) {
      const same = kept.find((k) => !sheets.get(k)!.has(r.place.sheet) && agree(template, k, r));
      if (!same) {
        kept.push(r);
        sheets.set(r, new Set([r.place.sheet]));
        continue;
      }
      sheets.get(same)!.add(r.place.sheet);
      for (const f of r.printed) {
        if (same.printed.has(f)) continue;
        same.printed.add(f);
        if (r.record[f] !== undefined) same.record[f] = r.record[f];
      }
      renamed.set(`${dataset}\u0000${r.record.id}`, same.record.id);
    }
    records.set(dataset, kept);
  }
  if (renamed.size === 0) return;
  for (const [dataset, list] of records) {
    for (const [field, def] of Object.entries(template.datasets[dataset]!.fields)) {
      if (def.type !== 'ref') continue;
      for (const r of list) {
        const to = renamed.get(`${def.dataset}\u0000${r.record[field] ?? ''}`);
        if (to) r.record[field] = to;
      }
    }
  }
}
