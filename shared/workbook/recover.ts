/**
 * The entered data, read back from the printed entry tables (a table's template `entry` datasets): the inverse of
 * the engine's grouping, driven by the template only.
 *
 * Each printed row of a grouped table is matched to the level whose text cells it has the form of (`合计`,
 * `{unit.code}{unit.name}`, `{func}` …), in nesting order; a level's key (`by`) comes from its cells, a reference
 * key creates the referenced record (a 项目 row makes a project, its lines point to it), and every leaf row becomes
 * one record holding its ancestors' keys, its own fields and the amounts of the columns that add up one of its
 * fields. A declared row that filters an entry dataset by fixed values (表9's prior-year 三公) becomes one record.
 * What the tables do not print (资金来源, 单位性质, most 项目代码, which project a target belongs to) is left to
 * attributes.ts.
 */
import type { EntryRecord } from '../book/schema';
import type { Lookup } from '../engine/text';
import { fillText } from '../engine/text';
import type { ViewCell } from '../engine/view';
import { amountToPlain, type MoneyFormat } from '../money/money';
import { leafColumns } from '../template/load';
import type { DatasetDef, FieldDef, Filter, FixedRow, KeyPart, LeafColumn, Level, TableDef, Template } from '../template/schema';
import { type SheetPlace, type WorkbookMessage, workbookMessage } from './messages';
import type { PrintedCodes } from './printed-codes';
import type { PrintedRow } from './printed-table';
import { hasPlaceholders, unfill } from './unfill';

export interface RecoveredRecord {
  readonly dataset: string;
  readonly record: EntryRecord;
  /** The printed row it was read from. */
  readonly place: SheetPlace;
  /** The fields read from the tables; the others were not printed. */
  readonly printed: Set<string>;
}

export interface Recovered {
  readonly department: { code: string; name: string };
  readonly units: Map<string, { readonly name: string; readonly place: SheetPlace }>;
  /** By dataset, in printed order. */
  readonly records: Map<string, RecoveredRecord[]>;
}

/** A placeholder value read from a cell, and where. */
interface Captured {
  readonly value: string;
  readonly column: number;
}

interface Frame {
  readonly level: number;
  readonly row: number;
  /** Key field → value (for a reference key: the id of the record the row created). */
  readonly keys: Map<string, string>;
  readonly captures: Map<string, Captured>;
  children: number;
  /** For a level that prints lines: the last of its lines read so far. */
  line?: number;
}

/**
 * A way a printed row can be read: as a row of level `level`, opening a new group of the inline level above it or
 * not, or as line `line` of a level that prints several lines per group.
 */
interface RowKind {
  readonly level: number;
  readonly opensInline: boolean;
  readonly line?: number;
}

/** Fields the officer enters (the rest are derived when the book is loaded). */
function storable(def: DatasetDef, field: string): boolean {
  const f = def.fields[field];
  return f !== undefined && f.type !== 'via' && f.type !== 'classified' && f.type !== 'mapped';
}

const keyField = (part: KeyPart) => (typeof part === 'string' ? part : part.field);

export class Recovery {
  readonly department = { code: '', name: '' };
  readonly units = new Map<string, { name: string; place: SheetPlace }>();
  readonly records = new Map<string, RecoveredRecord[]>();
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly template: Template,
    private readonly codes: PrintedCodes,
    private readonly lookup: Lookup,
    private readonly problems: WorkbookMessage[],
    private readonly notices: WorkbookMessage[],
  ) {}

  result(): Recovered {
    return { department: this.department, units: this.units, records: this.records };
  }

  /** Reads the entry datasets of one printed table, and the codes its other groups print with their names. */
  readTable(def: TableDef, rows: readonly PrintedRow[]): void {
    const entry = new Set(def.entry ?? []);
    if (!def.rows) return;
    const columns = leafColumns(def.columns);
    for (const block of def.rows) {
      if ('group' in block && 'levels' in block.group && !block.group.sources.every((s) => entry.has(s))) {
        this.readGroupCodes(def, columns, block.group.sources, block.group.levels, rows);
      }
    }
    if (entry.size === 0) return;
    const fixed = def.rows.flatMap((b) => ('row' in b && Object.keys(b.row.filter ?? {}).some((d) => entry.has(d)) ? [b.row] : []));
    // A table of one declared row prints it without a label to tell it by (三公 预算数 and 决算数 on one line).
    const only = def.rows.length === 1 && fixed.length === 1;
    const groups = def.rows.flatMap((b) => ('group' in b && 'levels' in b.group && b.group.sources.every((s) => entry.has(s)) ? [b.group] : []));
    const rest: PrintedRow[] = [];
    for (const row of rows) {
      const f = only ? fixed[0] : fixed.find((fr) => this.isFixedRow(fr, columns, row));
      if (f) this.readFixedRow(def, f, columns, row, entry);
      else rest.push(row);
    }
    const group = groups[0];
    if (group && group.sources.length === 1) this.readGroup(def, columns, group.sources[0]!, group.levels, rest);
  }

  private place(def: TableDef, row: number, column?: number): SheetPlace {
    return { sheet: def.caption, row, ...(column !== undefined ? { column } : {}) };
  }

  private problem(place: SheetPlace, message: string): void {
    this.problems.push(workbookMessage(place, message));
  }

  private newRecord(dataset: string, place: SheetPlace): RecoveredRecord {
    const n = (this.counters.get(dataset) ?? 0) + 1;
    this.counters.set(dataset, n);
    const r: RecoveredRecord = { dataset, record: { id: `${dataset}-${String(n).padStart(3, '0')}` }, place, printed: new Set() };
    const list = this.records.get(dataset);
    if (list) list.push(r);
    else this.records.set(dataset, [r]);
    return r;
  }

  /** Sets a field read from a cell, after checking it is a valid value of the field. */
  private setField(r: RecoveredRecord, field: string, value: string, place: SheetPlace): void {
    const def = this.template.datasets[r.dataset]!.fields[field]!;
    switch (def.type) {
      case 'code':
        if (!value) break;
        this.codes.take(def.catalogue, def.label, value, place);
        if (def.digits && !def.digits.includes(value.length)) this.problem(place, `${def.label}编码“${value}”应为 ${def.digits.join(' 或 ')} 位`);
        break;
      case 'enum':
        if (value && !def.values.includes(value)) this.problem(place, `${def.label}“${value}”无效，应为${def.values.join('、')}之一`);
        break;
      case 'text':
        if (def.required && !value) this.problem(place, `${def.label}不能为空`);
        break;
      default:
        break;
    }
    // Like a book file, a record leaves an empty field out.
    if (value === '') delete r.record[field];
    else r.record[field] = value;
    r.printed.add(field);
  }

  /**
   * The amounts of the columns that add up fields of the record. A column that adds up one field shows it; one that
   * adds up several (财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营) cannot be split from the table: its figure
   * goes to the first of them and the officer is told, once per column.
   */
  private setAmounts(r: RecoveredRecord, columns: readonly LeafColumn[], cells: readonly ViewCell[]): void {
    const money: MoneyFormat = this.template.money;
    const ds = this.template.datasets[r.dataset]!;
    columns.forEach((col, i) => {
      const src = col.source?.[r.dataset];
      if (typeof src !== 'string') return;
      const terms = src.split('+').map((t) => t.trim());
      if (!terms.every((t) => /^[A-Za-z_]\w*$/.test(t))) return;
      const cell = cells[i]!;
      if (cell.kind === 'amount' && cell.value !== 0) {
        r.record[terms[0]!] = amountToPlain(cell.value, money);
        if (terms.length > 1) this.noteCombined(r.place, i, col, terms.map((t) => ds.fields[t]!.label));
      }
      for (const t of terms) r.printed.add(t);
    });
  }

  private readonly combinedNoted = new Set<string>();

  private noteCombined(place: SheetPlace, column: number, col: LeafColumn, labels: readonly string[]): void {
    const key = `${place.sheet}\u0000${column}`;
    if (this.combinedNoted.has(key)) return;
    this.combinedNoted.add(key);
    this.notices.push(
      workbookMessage(
        { ...place, column },
        `“${col.label}”是${labels.join('、')}之和，表格中无法区分，本列的金额都按${labels[0]}导入，请核对`,
      ),
    );
  }

  private isFixedRow(fr: FixedRow, columns: readonly LeafColumn[], row: PrintedRow): boolean {
    const literal = Object.entries(fr.cells ?? {}).filter(([, v]) => !v.startsWith('='));
    return (
      literal.length > 0 &&
      literal.every(([key, v]) => {
        const i = columns.findIndex((c) => c.key === key);
        const cell = row.cells[i];
        return cell?.kind === 'text' && cell.text === fillText(v, this.lookup);
      })
    );
  }

  private readFixedRow(def: TableDef, fr: FixedRow, columns: readonly LeafColumn[], row: PrintedRow, entry: ReadonlySet<string>): void {
    for (const [dataset, filter] of Object.entries(fr.filter ?? {})) {
      if (!entry.has(dataset)) continue;
      // Only equality filters say which record the row stands for.
      if (!Object.values(filter).every((v) => typeof v === 'string')) continue;
      const r = this.newRecord(dataset, this.place(def, row.sheetRow));
      for (const [field, value] of Object.entries(filter)) this.setField(r, field, value as string, r.place);
      this.setAmounts(r, columns, row.cells);
    }
  }

  private readGroup(def: TableDef, columns: readonly LeafColumn[], dataset: string, levels: readonly Level[], rows: readonly PrintedRow[]): void {
    const frames: Frame[] = [];
    const last = levels.length - 1;
    /** The captures of the previous row of each level under the same parent, for vertically merged cells. */
    const previous = new Map<number, Map<string, Captured>>();
    const top = () => frames[frames.length - 1];
    const closeTo = (level: number) => {
      while (frames.length > 0 && top()!.level >= level) {
        const f = frames.pop()!;
        if (f.level < last && f.children === 0 && !levels[f.level]!.alwaysShow && !levels[f.level]!.inline) {
          this.problem(this.place(def, f.row), `“${levels[f.level]!.name}”行下面没有明细行`);
        }
        previous.delete(f.level + 1);
      }
    };

    const kinds = this.rowKinds(levels);
    const { ordered, closing } = this.closingRowsFirst(levels, columns, rows);
    for (const row of ordered) {
      const depth = top()?.level ?? -1;
      let chosen: { kind: RowKind; captures: Map<string, Captured> } | undefined;
      let misplaced: { kind: RowKind; captures: Map<string, Captured> } | undefined;
      const closes = closing.get(row);
      for (const kind of kinds) {
        // A group row printed after its children is read where it was found, and only there.
        if (closes === undefined ? levels[kind.level]!.after : kind.level !== closes) continue;
        const captures = this.fits(levels, kind, columns, row, previous.get(kind.level));
        if (!captures) continue;
        if (!this.allowedAt(levels, kind, depth, frames)) {
          misplaced ??= { kind, captures };
          continue;
        }
        if (!chosen || kind.level > chosen.kind.level) chosen = { kind, captures };
      }
      if (!chosen) {
        const names = levels.filter((l) => !l.inline).map((l) => l.name).join('、');
        const parent = misplaced && levels[misplaced.kind.level - 1];
        this.problem(
          this.place(def, row.sheetRow),
          misplaced && parent
            ? `此行是“${levels[misplaced.kind.level]!.name}”行，但上面缺少它所属的“${parent.name}”行`
            : `无法识别此行：它不符合${names}中任何一级的格式`,
        );
        // The rows below it may continue its vertically merged cells.
        if (misplaced) previous.set(misplaced.kind.level, misplaced.captures);
        continue;
      }
      const { kind, captures } = chosen;
      this.notePrintedCodes(def, [dataset], row, captures);
      const open = (level: number) => {
        const parent = top();
        if (parent) parent.children++;
        frames.push(this.frame(def, levels, level, row, captures, frames, dataset));
      };
      if (kind.line !== undefined) {
        // The lines of one group follow each other in order under the same key; a line out of order starts a group.
        const group = top();
        const continues = group?.level === kind.level && (group.line ?? Infinity) < kind.line && sameKeys(levels[kind.level]!, group.captures, captures);
        if (!continues) {
          closeTo(kind.level);
          open(kind.level);
        }
        top()!.line = kind.line;
        const line = levels[kind.level]!.lines![kind.line]!;
        // A line that adds up the group's records of one kind stands for one record; the others are formulas.
        if (line.filter) this.leafRecord(def, columns, dataset, frames, row, line.filter);
        continue;
      }
      if (kind.opensInline) {
        closeTo(kind.level - 1);
        open(kind.level - 1);
      } else closeTo(kind.level);
      open(kind.level);
      previous.set(kind.level, captures);
      if (kind.level === last) this.leafRecord(def, columns, dataset, frames, row);
    }
    closeTo(0);
  }

  /**
   * The codes a group no entry data is read from prints with their names, from every row that has the form of one
   * of its levels: a derived table (表3) prints the 类 and 款 of each 项.
   */
  private readGroupCodes(def: TableDef, columns: readonly LeafColumn[], datasets: readonly string[], levels: readonly Level[], rows: readonly PrintedRow[]): void {
    const kinds = this.rowKinds(levels);
    for (const row of rows) {
      for (const kind of kinds) {
        const captures = this.fits(levels, kind, columns, row, undefined);
        if (captures) this.notePrintedCodes(def, datasets, row, captures);
      }
    }
  }

  /**
   * The rows in reading order, parents first: a group row printed after its child rows (`after`: a 总分 line closing
   * each group) is moved before the rows it closes, and is known to be of its level.
   */
  private closingRowsFirst(
    levels: readonly Level[],
    columns: readonly LeafColumn[],
    rows: readonly PrintedRow[],
  ): { ordered: readonly PrintedRow[]; closing: Map<PrintedRow, number> } {
    const closing = new Map<PrintedRow, number>();
    const fitsLevel = (level: number, row: PrintedRow) => this.fits(levels, { level, opensInline: false }, columns, row, undefined) !== undefined;
    let ordered = rows;
    for (let l = levels.length - 1; l >= 0; l--) {
      if (!levels[l]!.after) continue;
      const out: PrintedRow[] = [];
      let children: PrintedRow[] = [];
      for (const row of ordered) {
        if (!closing.has(row) && fitsLevel(l, row)) {
          closing.set(row, l);
          out.push(row, ...children);
          children = [];
        } else if (levels.slice(0, l).some((above, i) => !above.after && !above.inline && fitsLevel(i, row))) {
          out.push(...children, row);
          children = [];
        } else children.push(row);
      }
      ordered = [...out, ...children];
    }
    return { ordered, closing };
  }

  /**
   * Every non-inline level (each of its lines, for a level that prints several), and for a level under an inline one
   * also the variant that opens a new inline group.
   */
  private rowKinds(levels: readonly Level[]): RowKind[] {
    const kinds: RowKind[] = [];
    levels.forEach((l, i) => {
      if (l.inline) return;
      if (l.lines) {
        l.lines.forEach((_, line) => kinds.push({ level: i, opensInline: false, line }));
        return;
      }
      kinds.push({ level: i, opensInline: false });
      if (levels[i - 1]?.inline) kinds.push({ level: i, opensInline: true });
    });
    return kinds;
  }

  /** Whether a row of this kind may follow the rows read so far (levels nest; a keyless level heads its parent). */
  private allowedAt(levels: readonly Level[], kind: RowKind, depth: number, frames: readonly Frame[]): boolean {
    const start = kind.opensInline ? kind.level - 1 : kind.level;
    if (start > depth + 1) return false;
    if (!levels[start]!.by && start !== depth + 1) return false;
    // Continuing an inline group needs one to be open.
    if (!kind.opensInline && levels[kind.level - 1]?.inline) return frames.some((f) => f.level === kind.level - 1);
    return true;
  }

  /**
   * The placeholder values of a row read as `kind`, or undefined when it does not have that level's form: a
   * literal cell must match, a placeholder cell must have its form, every other text cell must be empty, and the
   * level's key must be printed (or carried down from the row above in a vertically merged column).
   */
  private fits(
    levels: readonly Level[],
    kind: RowKind,
    columns: readonly LeafColumn[],
    row: PrintedRow,
    above: ReadonlyMap<string, Captured> | undefined,
  ): Map<string, Captured> | undefined {
    const level = levels[kind.level]!;
    const inline = kind.opensInline ? levels[kind.level - 1]! : undefined;
    const own = kind.line === undefined ? level.cells : level.lines![kind.line]!.cells;
    const cells: Record<string, string> = { ...(inline?.cells ?? {}), ...(own ?? {}) };
    const merged = new Set(level.mergeDown ?? []);
    const captures = new Map<string, Captured>();
    for (const [i, col] of columns.entries()) {
      if (col.type !== 'text') continue;
      const text = (row.cells[i] as { text?: string }).text ?? '';
      const template = cells[col.key];
      if (template === undefined) {
        if (text !== '') return undefined;
        continue;
      }
      if (!hasPlaceholders(template)) {
        if (text !== fillText(template, this.lookup)) return undefined;
        continue;
      }
      if (text === '') {
        if (merged.has(col.key)) {
          if (above) for (const [name, c] of above) if (template.includes(`{${name}}`)) captures.set(name, c);
        } else {
          // An empty cell printed from one field says the field is empty.
          const single = /^\{([^{}]+)\}$/.exec(template);
          if (single) captures.set(single[1]!, { value: '', column: i });
        }
        continue;
      }
      const values = unfill(template, text);
      if (!values) return undefined;
      for (const [name, value] of Object.entries(values)) {
        const known = this.lookup(name);
        if (known !== undefined && known !== value) return undefined;
        captures.set(name, { value, column: i });
      }
    }
    const printed = (part: KeyPart) => [...captures].some(([n, c]) => c.value !== '' && n.split('.')[0] === keyField(part));
    if (inline && !(inline.by ?? []).every(printed)) return undefined;
    const keysPrinted = (level.by ?? []).every((p) => keyField(p) === 'id' || printed(p));
    const keylessPrinted = level.by || Object.keys(own ?? {}).length > 0;
    // A level keyed by a code's first n characters prints codes of exactly that length (类 208, 款 20805).
    const prefixesFit = (level.by ?? []).every((p) => typeof p === 'string' || (captures.get(p.field)?.value ?? '').length === p.prefix);
    return keysPrinted && keylessPrinted && prefixesFit ? captures : undefined;
  }

  /** A group row's frame: its key values, with a reference key creating the record the key refers to. */
  private frame(
    def: TableDef,
    levels: readonly Level[],
    index: number,
    row: PrintedRow,
    captures: Map<string, Captured>,
    frames: readonly Frame[],
    dataset: string,
  ): Frame {
    const level = levels[index]!;
    const ds = this.template.datasets[dataset]!;
    const keys = new Map<string, string>();
    const at = (c: Captured | undefined) => this.place(def, row.sheetRow, c?.column);
    this.noteDepartment(captures);
    for (const part of level.by ?? []) {
      const field = keyField(part);
      const f = ds.fields[field];
      if (!f || field === 'id') continue;
      if (f.type === 'ref') {
        const r = this.newRecord(f.dataset, at(undefined));
        const target = this.template.datasets[f.dataset]!;
        for (const [name, c] of captures) {
          const [root, sub] = name.split('.');
          if (root === field && sub && storable(target, sub)) this.setField(r, sub, c.value, at(c));
        }
        // What the source reads through this reference (a project line's unit is its project's) is the
        // referenced record's field: take it from the enclosing rows' keys.
        for (const [vname, v] of Object.entries(ds.fields)) {
          if (v.type !== 'via' || v.ref !== field) continue;
          const value = [...frames].reverse().find((fr) => fr.keys.has(vname))?.keys.get(vname);
          if (value !== undefined && storable(target, v.field)) this.setField(r, v.field, value, r.place);
        }
        keys.set(field, r.record.id);
      } else if (this.isUnit(dataset, field)) {
        const code = captures.get(`${field}.code`) ?? captures.get(field);
        if (code) {
          keys.set(field, code.value);
          this.noteUnit(code.value, captures.get(`${field}.name`)?.value ?? '', at(code));
        }
      } else {
        const c = captures.get(field);
        if (c) keys.set(field, c.value);
      }
    }
    return { level: index, row: row.sheetRow, keys, captures, children: 0 };
  }

  /**
   * The record a detail row stands for: its enclosing rows' keys (a key printed at several levels, as a code's 类, 款
   * and 项, is the deepest one, and must extend the ones above), `fixed` values (a line's filter), its own fields and
   * amounts.
   */
  private leafRecord(
    def: TableDef,
    columns: readonly LeafColumn[],
    dataset: string,
    frames: readonly Frame[],
    row: PrintedRow,
    fixed: Filter = {},
  ): void {
    const ds = this.template.datasets[dataset]!;
    const r = this.newRecord(dataset, this.place(def, row.sheetRow));
    /** Field → the deepest key value so far, and the row it was printed on. */
    const keys = new Map<string, { value: string; row: number; column: number | undefined }>();
    for (const frame of frames) {
      for (const [field, value] of frame.keys) {
        if (!storable(ds, field)) continue;
        const column = [...frame.captures].find(([n]) => n === field || n.startsWith(`${field}.`))?.[1].column;
        const above = keys.get(field);
        if (above && !value.startsWith(above.value)) {
          this.problem(this.place(def, frame.row, column), `${ds.fields[field]!.label}“${value}”不属于第 ${above.row} 行的“${above.value}”`);
        }
        keys.set(field, { value, row: frame.row, column });
      }
    }
    for (const [field, { value, column }] of keys) this.setField(r, field, value, this.place(def, row.sheetRow, column));
    for (const [field, value] of Object.entries(fixed)) if (typeof value === 'string') this.setField(r, field, value, r.place);
    const leaf = frames[frames.length - 1]!;
    for (const [name, c] of leaf.captures) {
      if (!name.includes('.') && storable(ds, name) && !r.printed.has(name)) this.setField(r, name, c.value, this.place(def, row.sheetRow, c.column));
    }
    this.setAmounts(r, columns, row.cells);
  }

  /** Codes printed beside their names (`{func}` and `{func.name}` on one row): how a book's own codes are known. */
  private notePrintedCodes(def: TableDef, datasets: readonly string[], row: PrintedRow, captures: ReadonlyMap<string, Captured>): void {
    for (const [path, code] of captures) {
      const name = captures.get(`${path}.name`);
      if (!name || code.value === '') continue;
      const f = datasets.map((d) => this.fieldAt(d, path)).find((field) => field?.type === 'code');
      if (f?.type !== 'code') continue;
      this.codes.printed(f.catalogue, f.label, code.value, name.value, this.place(def, row.sheetRow, code.column), this.place(def, row.sheetRow, name.column));
    }
  }

  /** The field a placeholder path names, through references (`project.unit`). */
  private fieldAt(dataset: string, path: string): FieldDef | undefined {
    const [head, ...rest] = path.split('.');
    const f = this.template.datasets[dataset]?.fields[head!];
    if (rest.length === 0) return f;
    return f?.type === 'ref' ? this.fieldAt(f.dataset, rest.join('.')) : undefined;
  }

  /** Whether a field holds a budget unit, directly or through references (a project line's unit). */
  private isUnit(dataset: string, field: string): boolean {
    const f = this.template.datasets[dataset]?.fields[field];
    if (f?.type !== 'via') return f?.type === 'unit';
    const ref = this.template.datasets[dataset]!.fields[f.ref];
    return ref?.type === 'ref' && this.isUnit(ref.dataset, f.field);
  }

  private noteDepartment(captures: ReadonlyMap<string, Captured>): void {
    const code = captures.get('dept.code');
    if (code) this.department.code ||= code.value;
    const name = captures.get('dept.name');
    if (name) this.department.name ||= name.value;
  }

  private noteUnit(code: string, name: string, place: SheetPlace): void {
    const known = this.units.get(code);
    if (!known) this.units.set(code, { name, place });
    else if (name && known.name !== name) {
      this.problem(place, `单位编码“${code}”在“${known.name}”（${known.place.sheet} 第 ${known.place.row} 行）和此处的“${name}”两个名称下出现`);
    }
  }
}

/** Whether two rows of a level show the same group: equal values of every placeholder of its key fields. */
function sameKeys(level: Level, a: ReadonlyMap<string, Captured>, b: ReadonlyMap<string, Captured>): boolean {
  const fields = new Set((level.by ?? []).map(keyField));
  const keyed = (m: ReadonlyMap<string, Captured>) => [...m].filter(([n]) => fields.has(n.split('.')[0]!)).map(([n, c]) => `${n}=${c.value}`).sort().join('\u0000');
  return keyed(a) === keyed(b);
}
