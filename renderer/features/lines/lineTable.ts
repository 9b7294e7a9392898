/**
 * What the rows of an entry table are as lines an officer adds, deletes, copies and moves, read from the template
 * (never a code path per table): the dataset whose records the rows show (表10 基本支出明细, 表13 转移支付 …), the
 * levels its rows are grouped by, whether the rows follow the record order or are sorted by their codes, the other
 * entry datasets the lines refer to (表11 项目), and which printed column a pasted cell fills.
 */
import type { LoadedRecord } from '../../../shared/book/load';
import type { BuiltModel } from '../../../shared/engine/build';
import type { Row } from '../../../shared/engine/model';
import { leafColumns } from '../../../shared/template/load';
import type { DatasetDef, FieldDef, FixedRow, Level, TableDef, Template } from '../../../shared/template/schema';

/** What a pasted cell of a printed column goes into. */
export type PasteTarget =
  /** The line's own field (a code, a text, an amount). */
  | { readonly kind: 'field'; readonly field: string }
  /** A record the line refers to, found by one of its fields (表11 项目名称 → the project). */
  | { readonly kind: 'ref'; readonly field: string; readonly dataset: string; readonly by: string };

interface Common {
  readonly tableId: string;
  /** The dataset whose records are the table's lines. */
  readonly dataset: string;
  readonly def: DatasetDef;
}

export type LineTable =
  | (Common & {
      readonly kind: 'grouped';
      /** The group's levels, outermost (合计) first; the last one is the line itself. */
      readonly levels: readonly Level[];
      /** True when lines appear in the order of their records (they can be moved); false when sorted by codes. */
      readonly ordered: boolean;
      /** Entry datasets the lines refer to, which the table adds too (表11 项目, 表14 项目绩效目标). */
      readonly referenced: readonly { readonly field: string; readonly dataset: string }[];
      /** Printed column index → what a pasted cell there fills. */
      readonly paste: ReadonlyMap<number, PasteTarget>;
    })
  | (Common & {
      /** Declared rows, each taking the records its filter selects (表9 上年“三公”): one line per row. */
      readonly kind: 'fixed';
      readonly rows: ReadonlyMap<string, FixedRow>;
    });

/** Fields typed for a line (not derived, not amounts): what the new-line form asks for. */
export function isTypedField(field: FieldDef): boolean {
  return field.type !== 'amount' && field.type !== 'via' && field.type !== 'classified' && field.type !== 'mapped';
}

/** The field of `def` holding the record's unit, if it has one. */
export function unitField(def: DatasetDef): string | undefined {
  return Object.entries(def.fields).find(([, f]) => f.type === 'unit')?.[0];
}

/** `{name}` → name; `{ref.name}` → [ref, name]; anything else (literal text, several fields) → undefined. */
function placeholder(template: string | undefined): [string] | [string, string] | undefined {
  const m = template ? /^\{([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\}$/.exec(template) : null;
  if (!m) return undefined;
  return m[2] === undefined ? [m[1]!] : [m[1]!, m[2]];
}

export function lineTable(template: Template, tableId: string): LineTable | undefined {
  const table = template.tables.find((t) => t.id === tableId);
  const entry = table?.entry ?? [];
  if (!table || entry.length === 0) return undefined;
  for (const block of table.rows ?? []) {
    if (!('group' in block) || !('levels' in block.group)) continue;
    const dataset = block.group.sources.find((s) => entry.includes(s));
    if (dataset) return grouped(template, table, dataset, block.group.levels);
  }
  const rows = new Map<string, FixedRow>();
  let dataset: string | undefined;
  for (const block of table.rows ?? []) {
    if (!('row' in block)) continue;
    const found = Object.keys(block.row.filter ?? {}).find((d) => entry.includes(d));
    if (found) {
      dataset = found;
      rows.set(block.row.id, block.row);
    }
  }
  return dataset ? { kind: 'fixed', tableId, dataset, def: template.datasets[dataset]!, rows } : undefined;
}

function grouped(template: Template, table: TableDef, dataset: string, levels: readonly Level[]): LineTable {
  const def = template.datasets[dataset]!;
  const leaf = levels[levels.length - 1]!;
  const referenced = Object.entries(def.fields).flatMap(([field, f]) =>
    f.type === 'ref' && table.entry!.includes(f.dataset) ? [{ field, dataset: f.dataset }] : [],
  );
  const paste = new Map<number, PasteTarget>();
  leafColumns(table.columns).forEach((column, index) => {
    if (column.type === 'amount') {
      const source = column.source?.[dataset];
      const field = typeof source === 'string' ? source.trim() : undefined;
      if (field && def.fields[field]?.type === 'amount') paste.set(index, { kind: 'field', field });
      return;
    }
    for (const level of levels) {
      const [first, second] = placeholder(level.cells?.[column.key]) ?? [];
      const field = first === undefined ? undefined : def.fields[first];
      if (!field) continue;
      if (second === undefined && level === leaf && isTypedField(field)) paste.set(index, { kind: 'field', field: first! });
      else if (second !== undefined && field.type === 'ref') paste.set(index, { kind: 'ref', field: first!, dataset: field.dataset, by: second });
    }
  });
  return { kind: 'grouped', tableId: table.id, dataset, def, levels, ordered: !leaf.order?.length, referenced, paste };
}

/** The first record a row adds up, its own or a descendant's. */
export function firstRecord(model: BuiltModel, row: Row): LoadedRecord | undefined {
  const own = model.rowRecords.get(row)?.[0];
  if (own) return own;
  for (const child of row.children) {
    const found = firstRecord(model, child);
    if (found) return found;
  }
  return undefined;
}

/** The line a row shows: the leaf rows of a grouped table, the declared rows of a fixed one. */
export function isLineRow(lines: LineTable, row: Row): boolean {
  return lines.kind === 'fixed' ? lines.rows.has(row.id) : row.level === lines.levels[lines.levels.length - 1]!.name;
}

/** The records of the line dataset a line row shows (several when lines share their codes). */
export function lineRecords(model: BuiltModel, lines: LineTable, row: Row): LoadedRecord[] {
  return (model.rowRecords.get(row) ?? []).filter((r) => r.dataset === lines.dataset);
}

/**
 * The fields a new line takes from where it is added: the keys of the rows above it (its project, its target), the
 * filter of a declared row (表9's item), and the unit being edited. Derived keys (a line's 人员类/公用 category
 * follows its economic code) are left to the line's own fields.
 */
export function lineContext(model: BuiltModel, lines: LineTable, row: Row | undefined, unit: string): Record<string, string> {
  const context: Record<string, string> = {};
  const own = unitField(lines.def);
  if (own && unit) context[own] = unit;
  if (!row) return context;
  if (lines.kind === 'fixed') {
    const filter = lines.rows.get(row.id)?.filter?.[lines.dataset] ?? {};
    for (const [field, value] of Object.entries(filter)) if (typeof value === 'string') context[field] = value;
    return context;
  }
  // The line row itself contributes the keys of its parents only: a new line beside it shares those.
  for (let r: Row | null = isLineRow(lines, row) ? row.parent : row; r; r = r.parent) {
    const level = lines.levels.find((l) => l.name === r!.level);
    const record = firstRecord(model, r);
    if (!level || !record) continue;
    for (const key of level.by ?? []) {
      if (typeof key !== 'string' || key === 'id') continue;
      const field = lines.def.fields[key];
      if (field && isTypedField(field) && field.type !== 'unit') context[key] = record.fields[key] ?? '';
    }
  }
  return context;
}

/** The values that make two lines one row (their codes), or undefined when each record is a row of its own. */
export function lineKey(lines: LineTable, fields: Readonly<Record<string, string | undefined>>): string | undefined {
  if (lines.kind === 'fixed') return undefined;
  const by = lines.levels[lines.levels.length - 1]!.by ?? [];
  if (by.length === 0 || by.includes('id')) return undefined;
  return by.map((k) => (typeof k === 'string' ? (fields[k] ?? '') : (fields[k.field] ?? '').slice(0, k.prefix))).join('\u0000');
}

/** Whether the record sits under the same parent rows as `context` says. */
export function inContext(record: Readonly<Record<string, string | undefined>>, context: Readonly<Record<string, string>>): boolean {
  return Object.entries(context).every(([field, value]) => (record[field] ?? '') === value);
}

/** A line's key fields, for messages: 功能分类科目、部门预算经济分类科目. */
export function keyLabels(lines: LineTable): string {
  if (lines.kind === 'fixed') return '';
  const by = lines.levels[lines.levels.length - 1]!.by ?? [];
  return by.map((k) => lines.def.fields[typeof k === 'string' ? k : k.field]?.label ?? '').join('、');
}
