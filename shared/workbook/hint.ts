/**
 * Pairing records read from the tables with the records of the workbook's 数据包, when the tables were edited after
 * export: a record printed with the same fields (the k-th such record to the k-th) keeps its id and everything the
 * tables do not print (资金来源, 项目代码, a target's project …); the printed fields and amounts are the tables'.
 */
import type { BookFile, EntryRecord } from '../book/schema';
import type { Template } from '../template/schema';
import type { RecoveredRecord } from './recover';

/** Datasets ordered so that a dataset comes after those its reference fields point to. */
export function referenceOrder(template: Template, datasets: Iterable<string>): string[] {
  const wanted = new Set(datasets);
  const out: string[] = [];
  const visit = (name: string) => {
    if (out.includes(name) || !wanted.has(name)) return;
    wanted.delete(name);
    for (const f of Object.values(template.datasets[name]!.fields)) if (f.type === 'ref') visit(f.dataset);
    out.push(name);
  };
  for (const name of [...wanted]) visit(name);
  return out;
}

/**
 * Gives the recovered records their 数据包 counterparts' ids and unprinted fields; returns the records that found
 * one. Reference fields are compared through the ids already paired, so a project line pairs within its project.
 */
export function pairWithPackage(template: Template, records: ReadonlyMap<string, RecoveredRecord[]>, hint: BookFile): Set<RecoveredRecord> {
  const paired = new Set<RecoveredRecord>();
  const idMap = new Map<string, Map<string, string>>();
  for (const dataset of referenceOrder(template, records.keys())) {
    const fields = template.datasets[dataset]!.fields;
    const list = records.get(dataset)!;
    const signature = (r: EntryRecord, printed: ReadonlySet<string>, mapRef: (ds: string, id: string) => string) =>
      [...printed]
        .filter((f) => fields[f]!.type !== 'amount')
        .sort()
        .map((f) => {
          const def = fields[f]!;
          const v = r[f] ?? '';
          return `${f}=${def.type === 'ref' ? mapRef(def.dataset, v) : v}`;
        })
        .join('\u0000');
    const queues = new Map<string, EntryRecord[]>();
    // Compared on every field the tables print for the dataset, so two records differ wherever their rows do.
    const printedOf = new Set(list.flatMap((r) => [...r.printed]));
    for (const h of hint.data[dataset] ?? []) {
      const s = signature(h, printedOf, (_, id) => id);
      const q = queues.get(s);
      if (q) q.push(h);
      else queues.set(s, [h]);
    }
    const ids = new Map<string, string>();
    for (const r of list) {
      const h = queues.get(signature(r.record, printedOf, (ds, id) => idMap.get(ds)?.get(id) ?? id))?.shift();
      if (!h) continue;
      ids.set(r.record.id, h.id);
      for (const [f, v] of Object.entries(h)) if (f !== 'id' && !r.printed.has(f)) r.record[f] = v;
      paired.add(r);
    }
    idMap.set(dataset, ids);
  }
  renumber(template, records, idMap);
  return paired;
}

/** Applies the paired ids, to the records and to the references pointing at them, keeping every id unique. */
function renumber(template: Template, records: ReadonlyMap<string, RecoveredRecord[]>, idMap: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
  const finalId = new Map<string, Map<string, string>>();
  for (const [dataset, list] of records) {
    const ids = idMap.get(dataset) ?? new Map<string, string>();
    const taken = new Set(ids.values());
    const mapping = new Map<string, string>();
    let n = 0;
    for (const r of list) {
      let id = ids.get(r.record.id);
      if (id === undefined) {
        id = r.record.id;
        while (taken.has(id)) id = `${dataset}-new-${++n}`;
        taken.add(id);
      }
      mapping.set(r.record.id, id);
    }
    finalId.set(dataset, mapping);
  }
  for (const [dataset, list] of records) {
    const fields = template.datasets[dataset]!.fields;
    for (const r of list) {
      for (const [f, def] of Object.entries(fields)) {
        if (def.type === 'ref' && r.printed.has(f) && r.record[f]) r.record[f] = finalId.get(def.dataset)?.get(r.record[f]!) ?? r.record[f]!;
      }
    }
    for (const r of list) r.record.id = finalId.get(dataset)!.get(r.record.id)!;
  }
}
