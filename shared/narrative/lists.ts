/**
 * Lists of the narrative (LIST of tables.md §4.2): items drawn from a table's rows, from the records of a dataset
 * (the officer's pick of projects), or from another list, then merged by key, filtered by thresholds and sorted,
 * as the list definitions in the narrative file say. Values are read through the engine, so a 手工填报 table
 * gives its entered figures.
 */
import type { LoadedBook } from '../book/load';
import type { Engine } from '../engine/engine';
import type { Row } from '../engine/model';
import { bookLookup, fillText, recordLookup } from '../engine/text';
import { Dec, type Fen, parseStoredAmount } from '../money/money';
import type { Filter, FilterValue } from '../template/schema';
import type { CellRef } from './document';
import type { ListDef, NarrativeFile } from './schema';

export interface ListItem {
  readonly key: string;
  readonly label: string;
  readonly value: Fen;
  /** The formula the value equals (`T11[261001/p09].c1 + T11[261101/p16].c1`). */
  readonly formula: string;
  readonly cells: readonly CellRef[];
  /** Variables of the item's sentence: the record's fields for a record list, and `label`. */
  readonly vars: Readonly<Record<string, string>>;
}

/** Evaluates a value of the narrative (for `minShare.of`); undefined when one of its inputs is missing. */
export type ValueOf = (source: string) => Fen | undefined;

/** A computed list: its items, their sum and every cell they read. */
interface Computed {
  readonly items: readonly ListItem[];
  readonly total: Fen;
  readonly cells: readonly CellRef[];
}

/** The lists of one generation, each computed once however many sentences use it. */
export class Lists {
  private readonly computed = new Map<string, Computed>();

  constructor(
    private readonly engine: Engine,
    private readonly file: NarrativeFile,
    private readonly valueOf: ValueOf,
  ) {}

  get(name: string): readonly ListItem[] {
    return this.list(name).items;
  }

  total(name: string): Fen {
    return this.list(name).total;
  }

  cells(name: string): readonly CellRef[] {
    return this.list(name).cells;
  }

  private list(name: string): Computed {
    let c = this.computed.get(name);
    if (!c) {
      const items = this.compute(this.file.lists[name]!);
      let total = 0;
      for (const item of items) total += item.value;
      c = { items, total: total as Fen, cells: items.flatMap((i) => i.cells) };
      this.computed.set(name, c);
    }
    return c;
  }

  private compute(def: ListDef): ListItem[] {
    const from = def.from;
    let items: ListItem[];
    if ('table' in from) items = withoutZeros(this.tableItems(def, from));
    else if ('records' in from) items = this.recordItems(def, from);
    else items = [...this.get(from.list)];
    if (def.merge) items = merged(items);
    if (def.min !== undefined) {
      const min = parseStoredAmount(def.min, this.engine.book.template.money);
      if (min.ok) items = items.filter((i) => i.value >= min.value);
    }
    if (def.minShare) {
      const of = this.valueOf(def.minShare.of);
      const percent = new Dec(def.minShare.percent);
      items = of === undefined ? [] : items.filter((i) => new Dec(i.value).mul(100).gte(percent.mul(of)));
    }
    if (def.sort === 'key') items = [...items].sort((a, b) => (a.key === b.key ? 0 : a.key < b.key ? -1 : 1));
    return items;
  }

  private tableItems(def: ListDef, from: Extract<ListDef['from'], { table: string }>): ListItem[] {
    const table = this.engine.model.tableById.get(from.table)!;
    const book = this.engine.book;
    // One compiled formula for every row: the engine reads the row named by `$row`, entered or derived.
    const formula = `${from.table}[$row].${from.value}`;
    const wheres = from.where === undefined ? [] : Array.isArray(from.where) ? from.where : [from.where];
    const out: ListItem[] = [];
    for (const row of table.rows) {
      if (from.level !== undefined && row.level !== from.level) continue;
      if (from.rowPrefix !== undefined && !row.id.startsWith(from.rowPrefix)) continue;
      if (from.within && !hasAncestor(row, from.within.level, from.within.where)) continue;
      if (wheres.length > 0 && !wheres.some((w) => rowMatches(row, w))) continue;
      const lookup = rowLookup(book, row);
      const label = stripped(fillText(def.label ?? '', lookup), def.strip);
      const vars: Record<string, string> = { label };
      for (const [name, text] of Object.entries(from.vars ?? {})) vars[name] = fillText(text, lookup);
      out.push({
        key: def.key === undefined ? label : fillText(def.key, lookup),
        label,
        value: this.engine.evaluate(formula, { row: row.id }) as Fen,
        formula: `${from.table}[${row.id}].${from.value}`,
        cells: [{ table: from.table, row: row.id, column: from.value }],
        vars,
      });
    }
    return out;
  }

  private recordItems(def: ListDef, from: Extract<ListDef['from'], { records: string }>): ListItem[] {
    const book = this.engine.book;
    const byLabel = new Map(from.lookup === undefined ? [] : this.get(from.lookup).map((i) => [i.label, i]));
    return (book.records.get(from.records) ?? []).map((record) => {
      const label = stripped(fillText(def.label ?? '', recordLookup(book, record)), def.strip);
      const found = byLabel.get(label);
      return {
        key: label,
        label,
        value: found?.value ?? (0 as Fen),
        formula: found?.formula ?? '0',
        cells: found?.cells ?? [],
        vars: { ...record.fields, id: record.id, label },
      };
    });
  }
}

function withoutZeros(items: ListItem[]): ListItem[] {
  return items.filter((i) => i.value !== 0);
}

/** Items with the same key as one item, in the order of their first appearance. */
function merged(items: readonly ListItem[]): ListItem[] {
  // Parts are gathered first and joined once: a code under thousands of lines must not copy its cells each time.
  const byKey = new Map<string, ListItem[]>();
  for (const item of items) {
    const group = byKey.get(item.key);
    if (group) group.push(item);
    else byKey.set(item.key, [item]);
  }
  return [...byKey.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    let value = 0;
    for (const item of group) value += item.value;
    return {
      ...group[0]!,
      value: value as Fen,
      formula: group.map((i) => i.formula).join(' + '),
      cells: group.flatMap((i) => i.cells),
    };
  });
}

function stripped(label: string, pattern: string | undefined): string {
  return pattern === undefined ? label : label.replace(new RegExp(pattern), '');
}

/** `{column}` of a row's text cells, `{level.column}` of its ancestor at that level, then the book's placeholders. */
function rowLookup(book: LoadedBook, row: Row): (path: string) => string | undefined {
  const base = bookLookup(book);
  return (path) => {
    const column = row.table.columnByKey.get(path);
    if (column) return row.text[column.index];
    const dot = path.indexOf('.');
    const ancestor = dot > 0 ? ancestorAt(row, path.slice(0, dot)) : undefined;
    const ancestorColumn = ancestor && row.table.columnByKey.get(path.slice(dot + 1));
    return ancestorColumn ? ancestor.text[ancestorColumn.index] : base(path);
  };
}

function ancestorAt(row: Row, level: string): Row | undefined {
  for (let r = row.parent; r; r = r.parent) if (r.level === level) return r;
  return undefined;
}

function hasAncestor(row: Row, level: string, where: Filter): boolean {
  const ancestor = ancestorAt(row, level);
  return ancestor !== undefined && rowMatches(ancestor, where);
}

function rowMatches(row: Row, where: Filter): boolean {
  return Object.entries(where).every(([key, value]) => {
    const column = row.table.columnByKey.get(key);
    return column !== undefined && textMatches(row.text[column.index] ?? '', value);
  });
}

function textMatches(text: string, value: FilterValue): boolean {
  if (typeof value === 'string') return text === value;
  if (Array.isArray(value)) return value.includes(text);
  return text.startsWith(value.prefix);
}
