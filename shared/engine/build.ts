/**
 * Builds the tables of a book from its template: columns with compiled derivations, rows from declared rows,
 * catalogue lists and groupings of records, the records each row adds up (sums and incremental updates),
 * and the dependency ranks that fix the evaluation order.
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import { ZERO, type Fen } from '../money/money';
import { leafColumns } from '../template/load';
import type { Filter, FilterValue, FixedRow, Level, Line, RowBlock, TableDef } from '../template/schema';
import { type ColNo, type Expr, parseColNo, parseFormula, walk } from './expr';
import type { Column, ColumnSource, Derivation, Panel, RecordFilter, Row, SourceColumn, TableModel } from './model';
import { type Group, groupLookup, groupRecords } from './group';
import { bookLookup, chineseOrdinal, fillText, type Lookup } from './text';

export interface BuiltModel {
  readonly tables: readonly TableModel[];
  readonly tableById: ReadonlyMap<string, TableModel>;
  /** The records each row adds up directly (its ancestors follow through `sumChildren`); rows with none are absent. */
  readonly rowRecords: ReadonlyMap<Row, readonly LoadedRecord[]>;
  /** Per table and dataset: the columns that add up that dataset's records, and how. */
  readonly sourceColumns: ReadonlyMap<TableModel, ReadonlyMap<string, readonly SourceColumn[]>>;
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

export function buildModel(book: LoadedBook): BuiltModel {
  const defs = book.template.tables;
  const tableById = new Map<string, TableModel>();
  const tables = defs.map((def, index) => {
    const t = newTable(book, def, index);
    tableById.set(def.id, t);
    return t;
  });
  const rowRecords = new Map<Row, readonly LoadedRecord[]>();
  // Group arrays are shared by the tables that print the same groups: a row's list is never pushed to in place.
  const addMembers: AddMembers = (row, records) => {
    if (records.length === 0) return;
    const list = rowRecords.get(row);
    rowRecords.set(row, list ? [...list, ...records] : records);
  };
  const groups = new Map<readonly Level[], readonly Group[]>();
  const groupsOf: GroupsOf = (sources, levels) => {
    let list = groups.get(levels);
    if (!list) groups.set(levels, (list = groupRecords(book, sources, levels)));
    return list;
  };
  for (const t of tables) buildRows(book, t, defs, groupsOf, addMembers);

  const sourceColumns = new Map<TableModel, Map<string, SourceColumn[]>>();
  for (const t of tables) {
    const byDataset = new Map<string, SourceColumn[]>();
    for (const c of t.columns) {
      for (const [ds, source] of c.sources) {
        const list = byDataset.get(ds) ?? [];
        list.push({ index: c.index, source });
        byDataset.set(ds, list);
      }
    }
    sourceColumns.set(t, byDataset);
  }
  const order = rankRows(tables, tableById);
  return { tables, tableById, rowRecords, sourceColumns, order };
}

function newTable(book: LoadedBook, def: TableDef, index: number): TableModel {
  const shapes = book.shapes;
  const leaves = leafColumns(def.columns);
  const colNos = leaves.map((col) => (col.colNo && col.type !== 'text' ? parseColNo(col.colNo) : undefined));
  const indexOfNumber = new Map(colNos.flatMap((n, i) => (n ? [[n.number, i] as const] : [])));
  const indexOf = (n: number): number => {
    const index = indexOfNumber.get(n);
    if (index === undefined) throw new EngineError(`${def.caption}的栏次公式引用了不存在的栏次 ${n}`);
    return index;
  };
  const columns: Column[] = leaves.map((col, i) => {
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
      ...resolvedColNo(colNos[i], indexOf),
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
  const planChildren = plan(true);
  const hideZero = (def.rows ?? []).some((b) => 'group' in b && b.group.hideZero === true);
  return {
    def,
    index,
    columns,
    columnByKey,
    columnByNumber: byNumber,
    colNoOrder: colNoOrder(columns, byNumber, def),
    formulaColumns: columns.filter((c) => c.type !== 'text' && c.formula),
    childColumns: columns.filter((c) => planChildren[c.index] === 'children' || planChildren[c.index] === 'formula'),
    rateColumns: columns.filter((c) => c.ratio),
    blankRates: new Array<string>(columns.length).fill(''),
    planOwn: plan(false),
    planChildren,
    rows: [],
    rowById: new Map(),
    hideZero,
  };
}

/** A column's 栏次 label, with its equations and ratio in column indexes for evaluation. */
function resolvedColNo(colNo: ColNo | undefined, indexOf: (n: number) => number): Partial<Column> {
  if (!colNo) return {};
  if (colNo.kind === 'sum') {
    const equations = colNo.equations.map((eq) => eq.map((t) => ({ index: indexOf(t.number), sign: t.sign })));
    return { colNo, equations };
  }
  if (colNo.kind === 'rate') return { colNo, ratio: { numerator: indexOf(colNo.numerator), denominator: indexOf(colNo.denominator) } };
  return { colNo };
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
    children: NO_ROWS,
    sumChildren: init.sumChildren,
    rollupRule: init.rollupRule || undefined,
    alwaysShow: init.alwaysShow,
    blank: init.blank ?? false,
    panel: init.panel,
    text: new Array<string>(n).fill(''),
    values: new Array<Fen>(n).fill(ZERO),
    rates: table.rateColumns.length > 0 ? new Array<string>(n).fill('') : (table.blankRates as string[]),
    cellTemplates: init.cellTemplates,
    cellFormulas: init.cellFormulas && init.cellFormulas.size > 0 ? init.cellFormulas : undefined,
    cellRules: init.cellRules,
    dependents: NO_ROWS,
    rank: UNRANKED,
    visible: true,
  };
  // One hash of the id: a size that does not grow means the id was taken (the build fails, so the overwrite is moot).
  const size = table.rowById.size;
  table.rowById.set(row.id, row);
  if (table.rowById.size === size) throw new EngineError(`${table.def.caption}中行编号“${row.id}”重复`);
  table.rows.push(row);
  if (init.parent) init.parent.children = withRow(init.parent.children, row);
  return row;
}

/** Records a row adds up directly. */
/** Row ranks before `rankRows` has reached the row, and while it works out the row's dependencies. */
const UNRANKED = -1;
const RANKING = -2;

/** The list a row without children or dependents holds: one shared, never-written empty list. */
const NO_ROWS: readonly Row[] = Object.freeze([]);

/** `list` with `row` added: a list of its own in place of the shared empty one, else the same list grown. */
function withRow(list: readonly Row[], row: Row): readonly Row[] {
  if (list === NO_ROWS) return [row];
  (list as Row[]).push(row);
  return list;
}

type AddMembers = (row: Row, records: readonly LoadedRecord[]) => void;

function buildRows(
  book: LoadedBook,
  table: TableModel,
  defs: readonly TableDef[],
  groupsOf: GroupsOf,
  addMembers: AddMembers,
): void {
  const def = table.def;
  const pending: { row: Row; def: FixedRow }[] = [];
  const blocks = (list: RowBlock[], panel: number): Row[] => {
    const before = table.rows.length;
    for (const block of list) {
      if ('row' in block) pending.push({ row: fixedRow(book, table, block.row, panel, {}, addMembers), def: block.row });
      else if ('each' in block) {
        const entries = book.codes.entries(block.each.list);
        const from = (block.each.from ?? 1) - 1;
        const to = block.each.to ?? entries.length;
        entries.slice(from, to).forEach((e, i) => {
          const vars = { code: e.code, name: e.name, ordinal: chineseOrdinal(from + i + 1) };
          pending.push({ row: fixedRow(book, table, block.each.row, panel, vars, addMembers), def: block.each.row });
        });
      } else {
        const g = block.group;
        if ('like' in g) {
          const other = defs.find((d) => d.id === g.like)!;
          const og = other.rows!.map((b) => ('group' in b ? b.group : undefined)).find((x) => x && 'sources' in x)!;
          if (!('sources' in og)) throw new EngineError(`${def.caption}的 like 无效`);
          groupRows(book, table, groupsOf(og.sources, og.levels), og.levels, addMembers, g.rollupRule);
        } else groupRows(book, table, groupsOf(g.sources, g.levels), g.levels, addMembers);
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
  if (!parent.children.includes(child)) parent.children = withRow(parent.children, child);
}

function fixedRow(
  book: LoadedBook,
  table: TableModel,
  def: FixedRow,
  panel: number,
  vars: Record<string, string>,
  addMembers: AddMembers,
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
    cellRules: def.rules,
  });
  for (const [i, v] of text) row.text[i] = v;
  for (const [ds, filter] of Object.entries(def.filter ?? {})) {
    addMembers(row, filterRecords(book.records.get(ds) ?? [], filter));
  }
  return row;
}

/**
 * Per records list and key (a field, or a field's first n characters): the records by their key, in list order
 * (built when a filter first asks; records' text fields do not change while their list lives).
 */
const recordIndexes = new WeakMap<readonly LoadedRecord[], Map<string, Map<string, LoadedRecord[]>>>();

function indexBy(records: readonly LoadedRecord[], field: string, prefix?: number): Map<string, LoadedRecord[]> {
  let byKey = recordIndexes.get(records);
  if (!byKey) recordIndexes.set(records, (byKey = new Map()));
  const name = prefix === undefined ? field : `${field}\u0000${prefix}`;
  let index = byKey.get(name);
  if (!index) {
    index = new Map();
    for (const r of records) {
      const value = r.fields[field] ?? '';
      const v = prefix === undefined ? value : value.slice(0, prefix);
      const list = index.get(v);
      if (list) list.push(r);
      else index.set(v, [r]);
    }
    byKey.set(name, index);
  }
  return index;
}

/**
 * The records a declared row's filter picks. Its first condition is looked up in an index rather than tested on
 * every record (表6-like catalogues of a hundred rows, 表1's classes by code prefix, over ten thousand lines); the
 * others test the few records it leaves.
 */
function filterRecords(records: readonly LoadedRecord[], filter: Filter): readonly LoadedRecord[] {
  const [first, ...rest] = Object.entries(filter);
  if (!first) return [...records];
  const [field, value] = first;
  const candidates =
    typeof value === 'string'
      ? (indexBy(records, field).get(value) ?? [])
      : Array.isArray(value)
        ? value.flatMap((v) => indexBy(records, field).get(v) ?? [])
        : (indexBy(records, field, value.prefix.length).get(value.prefix) ?? []);
  return rest.length === 0 ? candidates : candidates.filter(compileFilter(Object.fromEntries(rest)));
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
  addMembers: AddMembers,
): Row {
  const { cellFormulas, text } = declaredCells(table, line.cells, lookup);
  const row = newRow(table, {
    id: fillText(line.id, lookup),
    level: level.name,
    cellTemplates: line.cells,
    parent,
    sumChildren: false,
    alwaysShow: level.alwaysShow ?? false,
    panel: 0,
    cellFormulas,
    cellRules: line.rules,
  });
  for (const [i, v] of text) row.text[i] = v;
  if (line.filter) {
    addMembers(row, records.filter(compileFilter(line.filter)));
  }
  return row;
}

/** The groups of a block, built once per book for all the tables that print them. */
type GroupsOf = (sources: readonly string[], levels: readonly Level[]) => readonly Group[];

/** The rows of a grouped block in a table: one per group (or its form lines), parents before or after children. */
function groupRows(
  book: LoadedBook,
  table: TableModel,
  groups: readonly Group[],
  levels: readonly Level[],
  addMembers: AddMembers,
  rollupOverride?: string,
): void {
  const cellColumns = levels.map((l) => Object.keys(l.cells ?? {}).map((k) => table.columnByKey.get(k)!.index));
  // An inline level's first child answers for its cells too: one merged template set per child template set.
  const merged = levels.map(() => new Map<Readonly<Record<string, string>> | undefined, Record<string, string>>());
  const printCells = (row: Row, g: Group) => {
    const columns = cellColumns[g.level]!;
    for (let i = 0; i < columns.length; i++) row.text[columns[i]!] = g.cells[i]!;
  };
  const emit = (list: readonly Group[], parent: Row | null): Row[] => {
    const made: Row[] = [];
    for (const g of list) {
      const level = levels[g.level]!;
      const last = g.level === levels.length - 1;
      if (level.inline && !last) {
        const children = emit(g.children, parent);
        const first = children[0];
        if (first) {
          printCells(first, g);
          const byChild = merged[g.level]!;
          let templates = byChild.get(first.cellTemplates);
          if (!templates) byChild.set(first.cellTemplates, (templates = { ...first.cellTemplates, ...level.cells }));
          (first as { cellTemplates?: Record<string, string> }).cellTemplates = templates;
        }
        for (const child of children) made.push(child);
        continue;
      }
      if (last && level.lines) {
        const lookup = groupLookup(book, g);
        for (const line of level.lines) made.push(lineRow(table, level, line, g.records, lookup, parent, addMembers));
        continue;
      }
      const row = newRow(table, {
        id: g.id,
        level: level.name,
        cellTemplates: level.cells,
        parent,
        sumChildren: !last,
        rollupRule: rollupOverride && level.rollupRule ? rollupOverride : level.rollupRule,
        alwaysShow: level.alwaysShow ?? false,
        panel: 0,
      });
      const at = table.rows.length - 1;
      printCells(row, g);
      made.push(row);
      if (last) addMembers(row, g.records);
      else {
        emit(g.children, row);
        // Its descendants were added right after it: moving it to the end puts it after them.
        if (level.after) table.rows.push(...table.rows.splice(at, 1));
      }
    }
    return made;
  };
  emit(groups, null);
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

const NO_FORMULAS: readonly (readonly [number, Expr])[] = [];

/** The formulas that derive a row's cells. */
export function rowFormulas(row: Row): readonly (readonly [number, Expr])[] {
  const cells = row.cellFormulas;
  const columns = row.table.formulaColumns;
  if (!cells && columns.length === 0) return NO_FORMULAS;
  const out: [number, Expr][] = [];
  for (const c of row.table.columns) {
    const formula = cells?.get(c.index) ?? (columns.includes(c) ? c.formula : undefined);
    if (formula) out.push([c.index, formula]);
  }
  return out;
}

/**
 * Registers formula dependents and assigns ranks: every row after its children and the rows its formulas read.
 * Returns every row in rank order.
 */
function rankRows(tables: TableModel[], tableById: ReadonlyMap<string, TableModel>): Row[] {
  // Few rows have formulas: their dependencies are kept aside; children are read off the rows.
  const formulaDeps = new Map<Row, Row[]>();
  for (const t of tables) {
    for (const row of t.rows) {
      const formulas = rowFormulas(row);
      if (formulas.length === 0) continue;
      const list: Row[] = [];
      for (const [, expr] of formulas) {
        for (const dep of referencedRows(tableById, expr, row, {})) {
          list.push(dep);
          if (dep.dependents[dep.dependents.length - 1] !== row) dep.dependents = withRow(dep.dependents, row);
        }
      }
      formulaDeps.set(row, list);
    }
  }
  const visit = (row: Row): number => {
    if (row.rank >= 0) return row.rank;
    if (row.rank === RANKING) throw new EngineError(`公式循环引用：${row.table.def.caption} 行“${row.id}”`);
    row.rank = RANKING;
    let rank = 0;
    if (row.sumChildren) for (const child of row.children) rank = Math.max(rank, visit(child) + 1);
    for (const dep of formulaDeps.get(row) ?? []) rank = Math.max(rank, visit(dep) + 1);
    row.rank = rank;
    return rank;
  };
  const byRank: Row[][] = [];
  for (const t of tables) {
    for (const row of t.rows) (byRank[visit(row)] ??= []).push(row);
  }
  return byRank.flat();
}
