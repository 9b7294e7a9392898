/**
 * Builds the tables of a book from its template: columns with compiled derivations, rows from declared rows,
 * catalogue lists and groupings of records, the record → row membership used for sums and incremental updates,
 * and the dependency ranks that fix the evaluation order.
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import { ZERO, type Fen } from '../money/money';
import { leafColumns } from '../template/load';
import type { Filter, FilterValue, FixedRow, Level, Line, OrderBy, RowBlock, TableDef } from '../template/schema';
import { type Expr, parseColNo, parseFormula, walk } from './expr';
import type { Column, ColumnSource, Derivation, Panel, RecordFilter, Row, TableModel } from './model';
import { bookLookup, chineseOrdinal, fillText, type Lookup, recordLookup } from './text';

export interface BuiltModel {
  readonly tables: readonly TableModel[];
  readonly tableById: ReadonlyMap<string, TableModel>;
  /** The rows that add up each record directly (their ancestors follow through `sumChildren`). */
  readonly membership: ReadonlyMap<LoadedRecord, Row[]>;
  /** The records each row adds up directly (the inverse of `membership`). */
  readonly rowRecords: ReadonlyMap<Row, readonly LoadedRecord[]>;
  /** Per table and dataset: the columns that add up that dataset's records. */
  readonly sourceColumns: ReadonlyMap<TableModel, ReadonlyMap<string, readonly Column[]>>;
  /** Every row, in evaluation order (dependencies first). */
  readonly order: readonly Row[];
}

export class EngineError extends Error {}

const formulaCache = new Map<string, Expr>();
export function compileFormula(src: string): Expr {
  let e = formulaCache.get(src);
  if (!e) {
    e = parseFormula(src);
    formulaCache.set(src, e);
  }
  return e;
}

export function compileFilter(filter: Filter): RecordFilter {
  const tests = Object.entries(filter).map(([field, value]) => fieldTest(field, value));
  return (r) => tests.every((t) => t(r));
}

function fieldTest(field: string, value: FilterValue): RecordFilter {
  if (typeof value === 'string') return (r) => r.fields[field] === value;
  if (Array.isArray(value)) {
    const set = new Set(value);
    return (r) => set.has(r.fields[field] ?? '');
  }
  return (r) => (r.fields[field] ?? '').startsWith(value.prefix);
}

const pinyin = new Intl.Collator('zh-CN');

export function buildModel(book: LoadedBook): BuiltModel {
  const defs = book.template.tables;
  const tableById = new Map<string, TableModel>();
  const membership = new Map<LoadedRecord, Row[]>();
  const tables = defs.map((def, index) => {
    const t = newTable(book, def, index);
    tableById.set(def.id, t);
    return t;
  });
  const addMember = (record: LoadedRecord, row: Row) => {
    const list = membership.get(record);
    if (list) list.push(row);
    else membership.set(record, [row]);
  };
  for (const t of tables) buildRows(book, t, defs, addMember);

  const sourceColumns = new Map<TableModel, Map<string, Column[]>>();
  for (const t of tables) {
    const byDataset = new Map<string, Column[]>();
    for (const c of t.columns) {
      for (const ds of c.sources.keys()) {
        const list = byDataset.get(ds) ?? [];
        list.push(c);
        byDataset.set(ds, list);
      }
    }
    sourceColumns.set(t, byDataset);
  }
  const rowRecords = new Map<Row, LoadedRecord[]>();
  for (const [record, rows] of membership) {
    for (const row of rows) {
      const list = rowRecords.get(row);
      if (list) list.push(record);
      else rowRecords.set(row, [record]);
    }
  }
  const order = rankRows(tables, tableById);
  return { tables, tableById, membership, rowRecords, sourceColumns, order };
}

function newTable(book: LoadedBook, def: TableDef, index: number): TableModel {
  const shapes = book.shapes;
  const columns: Column[] = leafColumns(def.columns).map((col, i) => {
    const sources = new Map<string, ColumnSource>();
    for (const [ds, src] of Object.entries(col.source ?? {})) {
      const shape = shapes.get(ds)!;
      const expr = typeof src === 'string' ? src : src.expr;
      const terms = [...expr.replace(/\s+/g, '').matchAll(/([+-]?)([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => ({
        field: shape.amountIndex.get(m[2]!)!,
        sign: (m[1] === '-' ? -1 : 1) as 1 | -1,
      }));
      sources.set(ds, typeof src === 'string' ? { terms } : { terms, where: compileFilter(src.where) });
    }
    return {
      index: i,
      def: col,
      key: col.key,
      type: col.type,
      ...(col.colNo && col.type !== 'text' ? { colNo: parseColNo(col.colNo) } : {}),
      ...(col.formula ? { formula: compileFormula(col.formula) } : {}),
      sources,
    };
  });
  const columnByKey = new Map(columns.map((c) => [c.key, c]));
  const byNumber = new Map(columns.filter((c) => c.colNo).map((c) => [c.colNo!.number, c]));
  const plan = (children: boolean): Derivation[] =>
    columns.map((c) => {
      if (c.type === 'text') return 'none';
      if (c.formula) return 'formula';
      if (c.colNo?.kind === 'rate') return 'rate';
      if (c.colNo?.kind === 'sum') return 'colNo';
      if (c.sources.size > 0) return children ? 'children' : 'source';
      return children ? 'children' : 'none';
    });
  const hideZero = (def.rows ?? []).some((b) => 'group' in b && b.group.hideZero === true);
  return {
    def,
    index,
    columns,
    columnByKey,
    columnByNumber: byNumber,
    colNoOrder: colNoOrder(columns, byNumber, def),
    planOwn: plan(false),
    planChildren: plan(true),
    rows: [],
    rowById: new Map(),
    hideZero,
  };
}

/** Columns derived by 栏次 equations, ordered so each comes after the columns its first equation reads. */
function colNoOrder(columns: Column[], byNumber: Map<number, Column>, def: TableDef): Column[] {
  const derived = columns.filter((c) => c.colNo?.kind === 'sum' && !c.formula);
  const out: Column[] = [];
  const state = new Map<Column, 'visiting' | 'done'>();
  const visit = (c: Column) => {
    if (state.get(c) === 'done') return;
    if (state.get(c) === 'visiting') throw new EngineError(`${def.caption}的栏次公式循环引用（列 ${c.key}）`);
    state.set(c, 'visiting');
    const eq = c.colNo?.kind === 'sum' ? c.colNo.equations[0]! : [];
    for (const term of eq) {
      const dep = byNumber.get(term.number);
      if (dep && derived.includes(dep)) visit(dep);
    }
    state.set(c, 'done');
    out.push(c);
  };
  for (const c of derived) visit(c);
  return out;
}

interface RowInit {
  id: string;
  level: string;
  parent: Row | null;
  sumChildren: boolean;
  rollupRule?: string | undefined;
  alwaysShow: boolean;
  blank?: boolean;
  panel: number;
  cellTemplates?: Record<string, string>;
  cellFormulas?: Map<number, Expr>;
  cellRules?: Record<string, string>;
}

function newRow(table: TableModel, init: RowInit): Row {
  const n = table.columns.length;
  // Every row has the same properties in the same order (absent ones undefined): thirty thousand rows of one shape.
  const row: Row = {
    table,
    id: init.id,
    level: init.level,
    parent: init.parent,
    children: [],
    sumChildren: init.sumChildren,
    rollupRule: init.rollupRule || undefined,
    alwaysShow: init.alwaysShow,
    blank: init.blank ?? false,
    panel: init.panel,
    text: new Array<string>(n).fill(''),
    values: new Array<Fen>(n).fill(ZERO),
    rates: new Array<string>(n).fill(''),
    cellTemplates: init.cellTemplates,
    cellFormulas: init.cellFormulas && init.cellFormulas.size > 0 ? init.cellFormulas : undefined,
    cellRules: init.cellRules,
    dependents: [],
    rank: 0,
    visible: true,
  };
  if (table.rowById.has(row.id)) throw new EngineError(`${table.def.caption}中行编号“${row.id}”重复`);
  table.rowById.set(row.id, row);
  table.rows.push(row);
  if (init.parent) init.parent.children.push(row);
  return row;
}

type AddMember = (record: LoadedRecord, row: Row) => void;

function buildRows(book: LoadedBook, table: TableModel, defs: readonly TableDef[], addMember: AddMember): void {
  const def = table.def;
  const pending: { row: Row; def: FixedRow }[] = [];
  const blocks = (list: RowBlock[], panel: number): Row[] => {
    const before = table.rows.length;
    for (const block of list) {
      if ('row' in block) pending.push({ row: fixedRow(book, table, block.row, panel, {}, addMember), def: block.row });
      else if ('each' in block) {
        const entries = book.codes.entries(block.each.list);
        const from = (block.each.from ?? 1) - 1;
        const to = block.each.to ?? entries.length;
        entries.slice(from, to).forEach((e, i) => {
          const vars = { code: e.code, name: e.name, ordinal: chineseOrdinal(from + i + 1) };
          pending.push({ row: fixedRow(book, table, block.each.row, panel, vars, addMember), def: block.each.row });
        });
      } else {
        const g = block.group;
        if ('like' in g) {
          const other = defs.find((d) => d.id === g.like)!;
          const og = other.rows!.map((b) => ('group' in b ? b.group : undefined)).find((x) => x && 'sources' in x)!;
          if (!('sources' in og)) throw new EngineError(`${def.caption}的 like 无效`);
          groupRows(book, table, og.sources, og.levels, addMember, g.rollupRule);
        } else groupRows(book, table, g.sources, g.levels, addMember);
      }
    }
    return table.rows.slice(before);
  };
  if (def.panels) {
    const panels: Panel[] = def.panels.map((p, i) => ({
      columns: p.columns.map((k) => table.columnByKey.get(k)!.index),
      body: blocks(p.rows, i),
      footer: blocks(p.footer ?? [], i),
    }));
    (table as { panels?: Panel[] }).panels = panels;
  } else blocks(def.rows ?? [], 0);

  // Declared parent/children links, once every declared row exists.
  for (const { row, def: rd } of pending) {
    for (const id of rd.sumOf ?? []) link(table, row, id);
    if (rd.parent) link(table, table.rowById.get(rd.parent)!, row.id);
  }
}

function link(table: TableModel, parent: Row, childId: string): void {
  const child = table.rowById.get(childId);
  if (!child) throw new EngineError(`${table.def.caption}中不存在行“${childId}”`);
  if (child.parent && child.parent !== parent) throw new EngineError(`${table.def.caption}中行“${childId}”有两个上级行`);
  child.parent = parent;
  if (!parent.children.includes(child)) parent.children.push(child);
}

function fixedRow(
  book: LoadedBook,
  table: TableModel,
  def: FixedRow,
  panel: number,
  vars: Record<string, string>,
  addMember: AddMember,
): Row {
  const base = bookLookup(book);
  const lookup = (path: string) => vars[path] ?? base(path);
  const { cellFormulas, text } = declaredCells(table, def.cells, lookup);
  const row = newRow(table, {
    id: fillText(def.id, lookup),
    level: 'fixed',
    parent: null,
    sumChildren: def.sumOf !== undefined,
    rollupRule: def.rollupRule,
    alwaysShow: true,
    blank: def.blank ?? false,
    panel,
    cellFormulas,
    ...(def.rules ? { cellRules: def.rules } : {}),
  });
  for (const [i, v] of text) row.text[i] = v;
  for (const [ds, filter] of Object.entries(def.filter ?? {})) {
    for (const r of filterRecords(book.records.get(ds) ?? [], filter)) addMember(r, row);
  }
  return row;
}

/** Per records list and field: the records by their value of the field (built when a filter first asks). */
const recordIndexes = new WeakMap<readonly LoadedRecord[], Map<string, Map<string, LoadedRecord[]>>>();

function indexBy(records: readonly LoadedRecord[], field: string): Map<string, LoadedRecord[]> {
  let byField = recordIndexes.get(records);
  if (!byField) recordIndexes.set(records, (byField = new Map()));
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    for (const r of records) {
      const v = r.fields[field] ?? '';
      const list = index.get(v);
      if (list) list.push(r);
      else index.set(v, [r]);
    }
    byField.set(field, index);
  }
  return index;
}

/**
 * The records a declared row's filter picks. A filter that fixes a field's value (or list of values) looks them up
 * in an index instead of testing every record: 表6-like catalogues of a hundred rows over ten thousand lines.
 */
function filterRecords(records: readonly LoadedRecord[], filter: Filter): readonly LoadedRecord[] {
  const test = compileFilter(filter);
  const exact = Object.entries(filter).find(([, v]) => typeof v === 'string' || Array.isArray(v));
  if (!exact) return records.filter(test);
  const [field, value] = exact;
  const index = indexBy(records, field);
  const candidates = typeof value === 'string' ? (index.get(value) ?? []) : (value as string[]).flatMap((v) => index.get(v) ?? []);
  return candidates.filter(test);
}

/** A declared row's cells: formulas (`=…`) compiled, text filled, both after `{…}` placeholders are filled. */
function declaredCells(table: TableModel, cells: Record<string, string> | undefined, lookup: Lookup) {
  const cellFormulas = new Map<number, Expr>();
  const text: [number, string][] = [];
  for (const [key, value] of Object.entries(cells ?? {})) {
    const col = table.columnByKey.get(key)!;
    if (value.startsWith('=')) cellFormulas.set(col.index, compileFormula(fillText(value.slice(1), lookup)));
    else text.push([col.index, fillText(value, lookup)]);
  }
  return { cellFormulas, text };
}

/** One of the lines a group prints (a form's lines per group): the group's records that match its filter. */
function lineRow(
  table: TableModel,
  level: Level,
  line: Line,
  records: readonly LoadedRecord[],
  lookup: Lookup,
  parent: Row | null,
  addMember: AddMember,
): Row {
  const { cellFormulas, text } = declaredCells(table, line.cells, lookup);
  const row = newRow(table, {
    id: fillText(line.id, lookup),
    level: level.name,
    ...(line.cells ? { cellTemplates: line.cells } : {}),
    parent,
    sumChildren: false,
    alwaysShow: level.alwaysShow ?? false,
    panel: 0,
    cellFormulas,
    ...(line.rules ? { cellRules: line.rules } : {}),
  });
  for (const [i, v] of text) row.text[i] = v;
  if (line.filter) {
    const test = compileFilter(line.filter);
    for (const r of records) if (test(r)) addMember(r, row);
  }
  return row;
}

interface Group {
  keyValues: string[];
  records: LoadedRecord[];
}

function keyOf(record: LoadedRecord, part: Level['by'] extends (infer P)[] | undefined ? P : never): [string, string] {
  if (typeof part === 'string') return [part, part === 'id' ? record.id : (record.fields[part] ?? '')];
  return [part.field, (record.fields[part.field] ?? '').slice(0, part.prefix)];
}

function groupRows(
  book: LoadedBook,
  table: TableModel,
  sources: string[],
  levels: Level[],
  addMember: AddMember,
  rollupOverride?: string,
): void {
  const all = sources.flatMap((ds) => [...(book.records.get(ds) ?? [])]);
  // Each level's text cells by column index, worked out once rather than for every group.
  const cellPlans = levels.map((l) => Object.entries(l.cells ?? {}).map(([k, v]) => [table.columnByKey.get(k)!.index, v] as const));
  const recurse = (li: number, records: LoadedRecord[], parent: Row | null, keys: Map<string, string>, idParts: string[]): Row[] => {
    const level = levels[li]!;
    const last = li === levels.length - 1;
    const groups = partition(level, records);
    sortGroups(book, level, groups, keys);
    const made: Row[] = [];
    for (const g of groups) {
      const groupKeys = new Map(keys);
      level.by?.forEach((part, i) => groupKeys.set(typeof part === 'string' ? part : part.field, g.keyValues[i]!));
      const parts = level.by ? [...idParts, ...g.keyValues] : idParts;
      const lookup = recordLookup(book, g.records[0], groupKeys);
      const id = level.id ? fillText(level.id, lookup) : level.by ? parts.join('/') : level.name;
      const cells = cellPlans[li]!.map(([index, template]) => [index, fillText(template, lookup)] as const);
      if (level.inline && !last) {
        const children = recurse(li + 1, g.records, parent, groupKeys, parts);
        const first = children[0];
        if (first) {
          for (const [i, v] of cells) first.text[i] = v;
          // The first child prints this level's cells, so it also answers for them (editing a project's name there).
          (first as { cellTemplates?: Record<string, string> }).cellTemplates = { ...first.cellTemplates, ...level.cells };
        }
        made.push(...children);
        continue;
      }
      if (last && level.lines) {
        for (const line of level.lines) made.push(lineRow(table, level, line, g.records, lookup, parent, addMember));
        continue;
      }
      const row = newRow(table, {
        id,
        level: level.name,
        ...(level.cells ? { cellTemplates: level.cells } : {}),
        parent,
        sumChildren: !last,
        rollupRule: rollupOverride && level.rollupRule ? rollupOverride : level.rollupRule,
        alwaysShow: level.alwaysShow ?? false,
        panel: 0,
      });
      for (const [i, v] of cells) row.text[i] = v;
      made.push(row);
      if (last) for (const r of g.records) addMember(r, row);
      else {
        recurse(li + 1, g.records, row, groupKeys, parts);
        // Its descendants were added right after it: moving it to the end puts it after them.
        if (level.after) table.rows.push(...table.rows.splice(table.rows.indexOf(row), 1));
      }
    }
    return made;
  };
  recurse(0, all, null, new Map(), []);
}

function partition(level: Level, records: LoadedRecord[]): Group[] {
  if (!level.by) return [{ keyValues: [], records }];
  const groups = new Map<string, Group>();
  for (const r of records) {
    const values = level.by.map((p) => keyOf(r, p)[1]);
    const k = level.by.length === 1 && level.by[0] === 'id' ? `${r.dataset}\u0000${r.id}` : values.join('\u0000');
    const g = groups.get(k);
    if (g) g.records.push(r);
    else groups.set(k, { keyValues: values, records: [r] });
  }
  return [...groups.values()];
}

function sortGroups(book: LoadedBook, level: Level, groups: Group[], keys: Map<string, string>): void {
  const order = level.order;
  if (!order || order.length === 0 || !level.by) return;
  const sortKeys = new Map<Group, string[]>();
  for (const g of groups) {
    const k = new Map(keys);
    level.by.forEach((part, i) => k.set(typeof part === 'string' ? part : part.field, g.keyValues[i]!));
    const lookup = recordLookup(book, g.records[0], k);
    sortKeys.set(g, order.map((o) => fillText(o.of, lookup)));
  }
  const compare = (o: OrderBy, a: string, b: string): number => {
    if (a === b) return 0;
    if (o.empty && (a === '' || b === '')) return (a === '' ? 1 : -1) * (o.empty === 'last' ? 1 : -1);
    if (o.list) {
      const ia = o.list.indexOf(a);
      const ib = o.list.indexOf(b);
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : 1);
    }
    if (o.collate === 'pinyin') return pinyin.compare(a, b);
    return a < b ? -1 : 1;
  };
  groups.sort((ga, gb) => {
    const a = sortKeys.get(ga)!;
    const b = sortKeys.get(gb)!;
    for (let i = 0; i < order.length; i++) {
      const c = compare(order[i]!, a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** The rows a formula's cell reference reads, with the current row for `@` and variables for `$x`. */
export function referencedRows(
  tableById: ReadonlyMap<string, TableModel>,
  expr: Expr,
  current: Row | undefined,
  vars: Readonly<Record<string, string>>,
): Row[] {
  const out: Row[] = [];
  walk(expr, (e) => {
    if (e.kind !== 'cell') return;
    const t = tableById.get(e.table);
    if (!t) return;
    switch (e.row.kind) {
      case 'id': {
        const r = t.rowById.get(e.row.id);
        if (r) out.push(r);
        break;
      }
      case 'same': {
        const r = current && t.rowById.get(current.id);
        if (r) out.push(r);
        break;
      }
      case 'var': {
        const r = t.rowById.get(vars[e.row.name] ?? '');
        if (r) out.push(r);
        break;
      }
      case 'prefix':
        for (const r of t.rows) if (r.id.startsWith(e.row.prefix)) out.push(r);
        break;
    }
  });
  return out;
}

/** The formulas that derive a row's cells. */
export function rowFormulas(row: Row): [number, Expr][] {
  const out: [number, Expr][] = [];
  const plan = row.sumChildren ? row.table.planChildren : row.table.planOwn;
  for (const c of row.table.columns) {
    const cell = row.cellFormulas?.get(c.index);
    if (cell) out.push([c.index, cell]);
    else if (plan[c.index] === 'formula' && c.formula) out.push([c.index, c.formula]);
  }
  return out;
}

/** Registers formula dependents and assigns ranks: every row after its children and the rows its formulas read. */
function rankRows(tables: TableModel[], tableById: ReadonlyMap<string, TableModel>): Row[] {
  const deps = new Map<Row, Row[]>();
  for (const t of tables) {
    for (const row of t.rows) {
      const list: Row[] = row.sumChildren ? [...row.children] : [];
      for (const [, expr] of rowFormulas(row)) {
        for (const dep of referencedRows(tableById, expr, row, {})) {
          list.push(dep);
          if (dep.dependents[dep.dependents.length - 1] !== row) dep.dependents.push(row);
        }
      }
      deps.set(row, list);
    }
  }
  const state = new Map<Row, 1 | 2>();
  const visit = (row: Row): number => {
    const s = state.get(row);
    if (s === 2) return row.rank;
    if (s === 1) throw new EngineError(`公式循环引用：${row.table.def.caption} 行“${row.id}”`);
    state.set(row, 1);
    let rank = 0;
    for (const d of deps.get(row)!) rank = Math.max(rank, visit(d) + 1);
    row.rank = rank;
    state.set(row, 2);
    return rank;
  };
  const all = tables.flatMap((t) => t.rows);
  for (const r of all) visit(r);
  return all.sort((a, b) => a.rank - b.rank);
}
