/**
 * Which printed cell is an entered figure. In an entry table (template `entry: true`), a row that holds exactly one
 * record of a dataset shows that record: an amount column that adds up one field of it, or a text cell printed from
 * `{field}` (or `{ref.field}` through a reference), is that field, and editing the cell edits the record. Everything
 * else is derived and explains where it comes from instead.
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import type { FieldDef } from '../template/schema';
import { type BuiltModel, referencedRows } from './build';
import { type Expr, walk } from './expr';
import type { Column, Row } from './model';

export interface FieldBinding {
  readonly dataset: string;
  readonly recordId: string;
  readonly field: string;
  readonly def: FieldDef;
}

/** A cell another cell reads, for jumping to it. */
export interface CellRef {
  readonly tableId: string;
  readonly rowId: string;
  readonly columnKey: string;
}

/** Where a cell's value comes from, for the editor's explanation and "jump to the source". */
export type CellOrigin =
  | { readonly kind: 'entered'; readonly binding: FieldBinding }
  | { readonly kind: 'records'; readonly records: readonly LoadedRecord[] }
  | { readonly kind: 'children'; readonly rows: readonly Row[] }
  | { readonly kind: 'formula'; readonly refs: readonly CellRef[] }
  | { readonly kind: 'colNo'; readonly colNo: string }
  | { readonly kind: 'text' };

/** The single record of `dataset` a row holds, if it holds exactly one. */
function soleRecord(model: BuiltModel, row: Row, dataset: string): LoadedRecord | undefined {
  const records = model.rowRecords.get(row)?.filter((r) => r.dataset === dataset) ?? [];
  return records.length === 1 ? records[0] : undefined;
}

/** The records a row adds up, its own or its descendants'. */
function recordsUnder(model: BuiltModel, row: Row): LoadedRecord[] {
  if (!row.sumChildren) return [...(model.rowRecords.get(row) ?? [])];
  return row.children.flatMap((c) => recordsUnder(model, c));
}

export function bindingOf(book: LoadedBook, model: BuiltModel, row: Row, column: Column): FieldBinding | undefined {
  const entry = new Set(row.table.def.entry ?? []);
  if (entry.size === 0) return undefined;
  if (column.type === 'amount') {
    if (row.sumChildren) return undefined;
    for (const [dataset, source] of column.sources) {
      if (!entry.has(dataset)) continue;
      const record = soleRecord(model, row, dataset);
      if (!record || source.terms.length !== 1 || source.terms[0]!.sign !== 1) continue;
      if (source.where && !source.where(record)) continue;
      const shape = book.shapes.get(dataset)!;
      const field = shape.amountFields[source.terms[0]!.field]!;
      return { dataset, recordId: record.id, field, def: shape.def.fields[field]! };
    }
    return undefined;
  }
  if (column.type !== 'text') return undefined;
  const template = row.cellTemplates?.[column.key];
  const m = template ? /^\{([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\}$/.exec(template) : null;
  if (!m) return undefined;
  const [, first, second] = m as unknown as [string, string, string | undefined];
  const records = recordsUnder(model, row);
  const record = records[0];
  const fieldDef = record && book.template.datasets[record.dataset]!.fields[first];
  if (!record || !fieldDef) return undefined;
  if (second === undefined) {
    const ok = records.length === 1 && !row.sumChildren && entry.has(record.dataset) && editable(fieldDef);
    return ok ? { dataset: record.dataset, recordId: record.id, field: first, def: fieldDef } : undefined;
  }
  // `{ref.field}`: the referenced record's field, when every record of the row points to the same one.
  if (fieldDef.type !== 'ref' || !entry.has(fieldDef.dataset)) return undefined;
  const targetId = record.fields[first] ?? '';
  if (records.some((r) => r.fields[first] !== targetId)) return undefined;
  const target = book.recordById.get(fieldDef.dataset)?.get(targetId);
  const targetDef = book.template.datasets[fieldDef.dataset]?.fields[second];
  if (!target || !targetDef || !editable(targetDef)) return undefined;
  return { dataset: fieldDef.dataset, recordId: target.id, field: second, def: targetDef };
}

/** Derived fields (via, classified) are not typed; everything else is. */
function editable(def: FieldDef): boolean {
  return def.type !== 'via' && def.type !== 'classified';
}

export function originOf(book: LoadedBook, model: BuiltModel, row: Row, column: Column): CellOrigin {
  const binding = bindingOf(book, model, row, column);
  if (binding) return { kind: 'entered', binding };
  if (column.type === 'text') return { kind: 'text' };
  const plan = row.sumChildren ? row.table.planChildren : row.table.planOwn;
  const formula = row.cellFormulas?.get(column.index) ?? (plan[column.index] === 'formula' ? column.formula : undefined);
  if (formula) return { kind: 'formula', refs: formulaRefs(model, formula, row) };
  if (plan[column.index] === 'colNo' || plan[column.index] === 'rate') return { kind: 'colNo', colNo: column.def.colNo ?? '' };
  if (plan[column.index] === 'children') return { kind: 'children', rows: row.children };
  return { kind: 'records', records: model.rowRecords.get(row) ?? [] };
}

/** The cells a formula reads on behalf of `row` (and, in a rule's instance, of its `$unit`, `$id` …). */
export function formulaRefs(model: BuiltModel, formula: Expr, row: Row | undefined, vars: Readonly<Record<string, string>> = {}): CellRef[] {
  const refs: CellRef[] = [];
  walk(formula, (e) => {
    if (e.kind !== 'cell') return;
    for (const target of referencedRows(model.tableById, e, row, vars)) {
      refs.push({ tableId: target.table.def.id, rowId: target.id, columnKey: e.column });
    }
  });
  return refs;
}
