/**
 * Evaluation: formulas over cells, aggregates and records, and the recomputation of one row from its sources,
 * children, formulas and 栏次 equations. Amounts are integer 分 throughout; decimals appear only in rates.
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import { Dec, type Fen, formatRate, fromUnitDecimal, toUnitDecimal, ZERO } from '../money/money';
import type { BuiltModel } from './build';
import { EngineError } from './build';
import { type BinaryOp, type Expr, walk } from './expr';
import type { Column, Row, TableModel } from './model';

export type Value = number | string | boolean;

/** Sums over a dataset's records with equality filters (`sum(carryover.amount | unit = $unit)`), kept up to date. */
export class Aggregates {
  private readonly cache = new Map<string, AggregateEntry>();
  /** The aggregates of each dataset and amount field, so an edit looks only at those it can change. */
  private readonly byField = new Map<string, AggregateEntry[]>();

  constructor(private readonly book: LoadedBook) {}

  static key(dataset: string, field: string, where: readonly [string, string][]): string {
    return `${dataset}.${field}|${where.map(([f, v]) => `${f}=${v}`).join(',')}`;
  }

  get(dataset: string, field: string, where: [string, string][]): Fen {
    const key = Aggregates.key(dataset, field, where);
    let entry = this.cache.get(key);
    if (!entry) {
      const index = this.book.shapes.get(dataset)!.amountIndex.get(field)!;
      let value = 0;
      for (const r of this.book.records.get(dataset) ?? []) {
        if (where.every(([f, v]) => r.fields[f] === v)) value += r.amounts[index]!;
      }
      entry = { key, where, value: value as Fen };
      this.cache.set(key, entry);
      const list = this.byField.get(`${dataset}.${field}`);
      if (list) list.push(entry);
      else this.byField.set(`${dataset}.${field}`, [entry]);
    }
    return entry.value;
  }

  /** Applies an amount change of a record; returns the keys of the aggregates that changed. */
  apply(record: LoadedRecord, field: string, delta: number): string[] {
    const changed: string[] = [];
    for (const e of this.byField.get(`${record.dataset}.${field}`) ?? []) {
      if (e.where.every(([f, v]) => record.fields[f] === v)) {
        e.value = (e.value + delta) as Fen;
        changed.push(e.key);
      }
    }
    return changed;
  }
}

interface AggregateEntry {
  readonly key: string;
  readonly where: readonly [string, string][];
  value: Fen;
}

export interface Scope {
  readonly row?: Row;
  readonly vars?: Readonly<Record<string, string>>;
  readonly record?: LoadedRecord;
}

export class Evaluator {
  constructor(
    readonly book: LoadedBook,
    readonly model: BuiltModel,
    readonly aggregates: Aggregates,
  ) {}

  /** A cell as other tables see it: the entered value when its table is 手工填报, else the derived one. */
  cell(table: TableModel, rowId: string, column: Column): Value {
    const manual = table.manual;
    const source = manual ? manual.byDerivedId.get(rowId) : table.rowById.get(rowId);
    if (!source) return column.type === 'amount' ? ZERO : '';
    if (column.type === 'amount') return source.values[column.index]!;
    if (column.type === 'rate') return source.rates[column.index]!;
    return source.text[column.index]!;
  }

  evaluate(expr: Expr, scope: Scope): Value {
    switch (expr.kind) {
      case 'number':
        return fromUnitDecimal(new Dec(expr.text), this.book.template.money);
      case 'string':
        return expr.value;
      case 'var':
        return scope.vars?.[expr.name] ?? '';
      case 'name':
        return this.name(expr.name, scope);
      case 'cell': {
        const table = this.model.tableById.get(expr.table);
        const column = table?.columnByKey.get(expr.column);
        if (!table || !column) throw new EngineError(`公式引用了不存在的单元格 ${expr.table}.${expr.column}`);
        const sel = expr.row;
        if (sel.kind === 'prefix') {
          let sum = 0;
          for (const r of table.rows) if (r.id.startsWith(sel.prefix)) sum += this.cell(table, r.id, column) as number;
          return sum;
        }
        const id = sel.kind === 'id' ? sel.id : sel.kind === 'same' ? (scope.row?.id ?? '') : (scope.vars?.[sel.name] ?? '');
        return this.cell(table, id, column);
      }
      case 'aggregate': {
        const where = expr.where.map((w) => [w.field, String(this.evaluate(w.value, scope))] as [string, string]);
        return this.aggregates.get(expr.dataset, expr.field, where);
      }
      case 'call': {
        const arg = String(this.evaluate(expr.args[0]!, scope)).trim();
        return /^-?\d+(\.\d+)?$/.test(arg);
      }
      case 'unary': {
        const v = this.evaluate(expr.operand, scope);
        return expr.op === '-' ? -(v as number) : !v;
      }
      case 'binary': {
        if (ARITHMETIC.has(expr.op)) return this.arithmetic(expr, scope);
        const a = this.evaluate(expr.left, scope);
        if (expr.op === '&&') return Boolean(a) && Boolean(this.evaluate(expr.right, scope));
        if (expr.op === '||') return Boolean(a) || Boolean(this.evaluate(expr.right, scope));
        const b = this.evaluate(expr.right, scope);
        switch (expr.op as Comparison) {
          case '==':
            return a === b;
          case '!=':
            return a !== b;
          case '<=':
            return (a as number) <= (b as number);
          case '>=':
            return (a as number) >= (b as number);
          case '<':
            return (a as number) < (b as number);
          case '>':
            return (a as number) > (b as number);
        }
      }
    }
  }

  /** Sums and differences of amounts stay in 分; a formula that multiplies or divides is computed exactly. */
  private arithmetic(expr: Extract<Expr, { kind: 'binary' }>, scope: Scope): number {
    if (hasProduct(expr)) return fromUnitDecimal(this.exact(expr, scope), this.book.template.money);
    const a = this.evaluate(expr.left, scope) as number;
    const b = this.evaluate(expr.right, scope) as number;
    return expr.op === '+' ? a + b : a - b;
  }

  /**
   * An arithmetic formula with `*` or `/` in the display unit, exactly (a percentage `b / a * 100`, a weighted score
   * `points * rate / 100`): the caller rounds half up once, when converting the result back to 分. A ratio over zero
   * is 0: the figure does not apply.
   */
  private exact(expr: Expr, scope: Scope): Dec {
    if (expr.kind === 'unary' && expr.op === '-') return this.exact(expr.operand, scope).neg();
    if (expr.kind === 'binary' && ARITHMETIC.has(expr.op)) {
      const x = this.exact(expr.left, scope);
      const y = this.exact(expr.right, scope);
      if (expr.op === '+') return x.add(y);
      if (expr.op === '-') return x.sub(y);
      if (expr.op === '*') return x.mul(y);
      return y.isZero() ? new Dec(0) : x.div(y);
    }
    return toUnitDecimal(this.evaluate(expr, scope) as Fen, this.book.template.money.unit);
  }

  private name(name: string, scope: Scope): Value {
    if (scope.row) {
      const column = scope.row.table.columnByKey.get(name);
      if (column) return this.cell(scope.row.table, scope.row.id, column);
    }
    if (scope.record) {
      const shape = this.book.shapes.get(scope.record.dataset)!;
      const index = shape.amountIndex.get(name);
      if (index !== undefined) return scope.record.amounts[index]!;
      return scope.record.fields[name] ?? '';
    }
    throw new EngineError(`公式中的名称“${name}”无法解析`);
  }

  /** Recomputes a row from what it depends on; returns whether any of its values changed. */
  computeRow(row: Row): boolean {
    const t = row.table;
    const plan = row.sumChildren ? t.planChildren : t.planOwn;
    const values = row.values;
    const cellFormulas = row.cellFormulas;
    let changed = false;
    // The columns a row derives from children or formulas; a row with cell formulas looks at every column.
    for (const c of cellFormulas ? t.columns : row.sumChildren ? t.childColumns : t.formulaColumns) {
      const i = c.index;
      const cellFormula = cellFormulas?.get(i);
      let v: number;
      if (cellFormula) v = this.evaluate(cellFormula, { row }) as number;
      else if (plan[i] === 'children') {
        v = 0;
        for (const child of row.children) v += child.values[i]!;
      } else if (plan[i] === 'formula') v = this.evaluate(c.formula!, { row }) as number;
      else continue;
      if (values[i] !== v) {
        values[i] = v as Fen;
        changed = true;
      }
    }
    for (const c of t.colNoOrder) {
      if (cellFormulas?.has(c.index)) continue;
      let v = 0;
      for (const term of c.equations![0]!) v += term.sign * values[term.index]!;
      if (values[c.index] !== v) {
        values[c.index] = v as Fen;
        changed = true;
      }
    }
    for (const c of t.rateColumns) {
      const rate = formatRate(values[c.ratio!.numerator]!, values[c.ratio!.denominator]!);
      if (row.rates[c.index] !== rate) {
        row.rates[c.index] = rate;
        changed = true;
      }
    }
    row.visible = row.alwaysShow || !t.hideZero || hasAmount(t, values);
    return changed;
  }
}

function hasAmount(t: TableModel, values: readonly Fen[]): boolean {
  for (const c of t.columns) if (c.type === 'amount' && values[c.index] !== 0) return true;
  return false;
}

const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/']);
type Comparison = Exclude<BinaryOp, '+' | '-' | '*' | '/' | '&&' | '||'>;
const productCache = new WeakMap<Expr, boolean>();

/** Whether an arithmetic formula multiplies or divides anywhere (then it is evaluated exactly, not in 分). */
function hasProduct(expr: Expr): boolean {
  let known = productCache.get(expr);
  if (known === undefined) {
    known = false;
    walk(expr, (e) => {
      if (e.kind === 'binary' && (e.op === '*' || e.op === '/')) known = true;
    });
    productCache.set(expr, known);
  }
  return known;
}
