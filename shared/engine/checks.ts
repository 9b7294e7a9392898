/**
 * Checks (审核公式). Four sources of rules, all evaluated the same way into failures with expected, actual and
 * difference:
 * - 栏次 equations, on every row of a table (I-8 … I-37);
 * - roll-ups, on every row that has child rows (合计 = Σ 类, 类 = Σ 款 …);
 * - the template's rules (cross-table equalities, per-unit balances, soft checks on records);
 * - for a table entered by hand (手工填报), each cell against what the table's formulas derive.
 * Each failure has a key naming the rule instance, so an incremental recheck replaces exactly what it re-evaluated.
 */
import type { LoadedRecord } from '../book/load';
import { type Fen, formatAmount, formatRate, parseStoredAmount } from '../money/money';
import type { RuleDef } from '../template/schema';
import { type BuiltModel, compileFormula, EngineError, referencedRows } from './build';
import { type CellRef, formulaRefs } from './bindings';
import { Aggregates, type Evaluator, type Value } from './compute';
import { type Expr, walk } from './expr';
import type { Column, ManualRow, Row, TableModel } from './model';
import { fillText, recordLookup } from './text';

export type Severity = '强制' | '提示';

export interface Failure {
  readonly key: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly name: string;
  readonly tableId?: string;
  /** The table's caption (表3), its row as printed, and the column label, for messages. */
  readonly table?: string;
  readonly rowId?: string;
  readonly row?: string;
  readonly columnKey?: string;
  readonly column?: string;
  /** The record a check on records is about, and the fields it reads (whose cells show what to correct). */
  readonly record?: { readonly dataset: string; readonly id: string; readonly fields?: readonly string[] };
  readonly expected?: string;
  readonly actual?: string;
  readonly difference?: string;
  /** actual − expected in 分, for amount comparisons. */
  readonly differenceFen?: number;
  /** For an equality between two sides, what each side is (actual is the left, expected the right). */
  readonly sides?: { readonly left: string; readonly right: string };
  /** The template's wording (尾数误差) when a 强制 difference within its tolerance was reported as 提示. */
  readonly tolerated?: string;
}

type CompareDef = Extract<RuleDef, { kind: 'compare' }>;

/** The rule a cell check reports under. */
interface CellRule {
  readonly id: string;
  readonly name: string;
  readonly severity?: Severity;
}

/** Where a cell check looks: a row (derived or entered) of a table, and the column when there is one. */
interface CellPlace {
  readonly table: TableModel;
  readonly rowId: string;
  readonly text: readonly string[];
  readonly panel: number;
  readonly column?: Column;
}

export interface RuleInstance {
  readonly key: string;
  readonly rule: CompareDef;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly when?: Expr;
  readonly vars: Readonly<Record<string, string>>;
  readonly record?: LoadedRecord;
  /** The row the rule iterates over (`forEachRow`). */
  readonly row?: Row;
  /** It reads a table entered by hand (手工填报), whose printed figures may carry 尾数误差. */
  readonly readsManual: boolean;
}

/**
 * A stable name for each rule of a template: its id, with `#2`, `#3` … for later rules sharing the id. Failure keys
 * (and the officer's 说明 saved against them) survive a reordering of the template's rules.
 */
export function ruleNames(rules: readonly RuleDef[]): string[] {
  const seen = new Map<string, number>();
  return rules.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return n === 1 ? r.id : `${r.id}#${n}`;
  });
}

export function columnLabel(c: Column): string {
  return c.colNo ? `第${c.colNo.number}栏 ${c.def.label}` : c.def.label;
}

export function rowLabel(table: TableModel, text: readonly string[], panel: number, fallback: string): string {
  const cols = table.panels ? table.panels[panel]!.columns : table.columns.map((c) => c.index);
  const parts = cols.map((i) => text[i]!).filter((s) => s !== '');
  return parts.slice(0, 4).join(' ') || fallback;
}

/** Where a row check reports: the table, derived (`eq`) or entered (`meq`) row, its id, text and panel. */
interface RowPlace {
  readonly t: TableModel;
  readonly kind: 'eq' | 'meq';
  readonly rowId: string;
  readonly text: readonly string[];
  readonly panel: number;
}

/** The checks of a table's derived rows without cell formulas that can fail: 栏次 equations and roll-up columns. */
interface DerivedChecks {
  readonly equations: readonly (readonly [Column, number])[];
  readonly rollups: readonly Column[];
}

/** Whether equation `i` of column `c` on a derived row restates how the engine derived the cell (it cannot fail). */
function restatesEquation(t: TableModel, c: Column, i: number, cellFormulas: Row['cellFormulas']): boolean {
  return i === 0 && t.planOwn[c.index] === 'colNo' && !cellFormulas?.has(c.index);
}

/** Whether the roll-up of column `c` on a row adding up its children restates how the engine summed the cell. */
function restatesSum(t: TableModel, c: Column, cellFormulas: Row['cellFormulas']): boolean {
  return t.planChildren[c.index] === 'children' && !cellFormulas?.has(c.index);
}

export class Checker {
  readonly failures = new Map<string, Failure>();
  readonly instancesByRow = new Map<Row, RuleInstance[]>();
  readonly instancesByAggregate = new Map<string, RuleInstance[]>();
  private readonly instancesByRecord = new Map<LoadedRecord, RuleInstance[]>();
  private readonly instances: RuleInstance[] = [];
  private readonly instanceByKey = new Map<string, RuleInstance>();
  /** The template's 尾数误差 tolerance in 分, if it declares one. */
  private readonly tolerance?: { readonly fen: number; readonly wording: string };
  /**
   * Set while `checkAll` walks the rows of a cleared failure list: a passing row check has no earlier failure to
   * remove, so it skips building its key (a hundred thousand of them on a large department).
   */
  private fresh = false;
  private readonly derivedChecksByTable = new Map<TableModel, DerivedChecks>();

  constructor(
    private readonly model: BuiltModel,
    private readonly evaluator: Evaluator,
  ) {
    const declared = this.book.template.tolerance;
    if (declared) {
      const amount = parseStoredAmount(declared.amount, this.book.template.money);
      if (!amount.ok) throw new EngineError(`模板的尾数误差容差无效：${amount.message}`);
      this.tolerance = { fen: amount.value, wording: declared.wording };
    }
    this.instantiate();
  }

  private get book() {
    return this.evaluator.book;
  }

  private put(f: Failure | undefined, key: string): void {
    if (f) this.failures.set(key, f);
    else this.failures.delete(key);
  }

  /** A 强制 amount difference within the template's tolerance, on figures entered by hand, becomes a 提示. */
  private tolerate(f: Failure, readsManual: boolean): Failure {
    const tol = this.tolerance;
    if (!tol || !readsManual || f.severity !== '强制' || f.differenceFen === undefined) return f;
    if (Math.abs(f.differenceFen) > tol.fen) return f;
    return { ...f, severity: '提示', name: `${tol.wording}：${f.name}`, tolerated: tol.wording };
  }

  private money(v: number): string {
    return formatAmount(v as Fen, this.book.template.money);
  }

  /** Template compare rules, one instance per unit, record or row where the rule iterates. */
  private instantiate(): void {
    const book = this.book;
    const names = ruleNames(book.template.rules);
    book.template.rules.forEach((rule, ruleIndex) => {
      const name = names[ruleIndex]!;
      if (rule.kind !== 'compare') return;
      const lhs = compileFormula(rule.lhs);
      const rhs = compileFormula(rule.rhs);
      const when = rule.when === undefined ? undefined : compileFormula(rule.when);
      const bindings: { key: string; vars: Record<string, string>; record?: LoadedRecord; row?: Row }[] = [];
      if (rule.forEachRow) {
        const { table, idPrefix = '' } = rule.forEachRow;
        for (const row of this.model.tableById.get(table)!.rows) {
          if (row.id.startsWith(idPrefix)) bindings.push({ key: `rule:${name}:${row.id}`, vars: { row: row.id }, row });
        }
      } else if (!rule.forEach) bindings.push({ key: `rule:${name}`, vars: {} });
      else if ('unit' in rule.forEach) {
        for (const u of book.units) bindings.push({ key: `rule:${name}:${u.code}`, vars: { unit: u.code } });
      } else {
        for (const r of book.records.get(rule.forEach.records) ?? []) {
          bindings.push({ key: `rule:${name}:${r.id}`, vars: { ...r.fields, id: r.id }, record: r });
        }
      }
      const exprs = when ? [lhs, rhs, when] : [lhs, rhs];
      for (const b of bindings) {
        const rows = exprs.flatMap((expr) => referencedRows(this.model.tableById, expr, undefined, b.vars));
        const inst: RuleInstance = {
          key: b.key,
          rule,
          lhs,
          rhs,
          ...(when ? { when } : {}),
          vars: b.vars,
          ...(b.record ? { record: b.record } : {}),
          ...(b.row ? { row: b.row } : {}),
          readsManual: rows.some((row) => row.table.manual !== undefined),
        };
        this.instances.push(inst);
        this.instanceByKey.set(inst.key, inst);
        if (b.record) push(this.instancesByRecord, b.record, inst);
        for (const row of rows) push(this.instancesByRow, row, inst);
        for (const expr of exprs) {
          walk(expr, (e) => {
            if (e.kind !== 'aggregate') return;
            const where = e.where.map((w) => [w.field, String(this.evaluator.evaluate(w.value, { vars: b.vars }))] as [string, string]);
            push(this.instancesByAggregate, Aggregates.key(e.dataset, e.field, where), inst);
          });
        }
      }
    });
  }

  /**
   * The cells a template rule's instance reads, its left side first (none for other checks). Worked out when asked
   * (going to a failure), not with every failure: a rule over a code prefix reads many rows, and a failing instance is
   * re-evaluated on every edit that touches it.
   */
  readsOf(key: string): CellRef[] {
    const inst = this.instanceByKey.get(key);
    return inst ? [inst.lhs, inst.rhs].flatMap((side) => formulaRefs(this.model, side, inst.row, inst.vars)) : [];
  }

  checkAll(): void {
    this.failures.clear();
    this.fresh = true;
    for (const t of this.model.tables) {
      if (t.manual) this.checkManualTable(t);
      else for (const row of t.rows) this.checkRow(row);
    }
    this.fresh = false;
    for (const inst of this.instances) this.checkInstance(inst);
    const names = ruleNames(this.book.template.rules);
    this.book.template.rules.forEach((rule, i) => {
      if (rule.kind === 'exists') this.checkExists(rule, names[i]!);
      else if (rule.kind === 'unique') this.checkUnique(rule, names[i]!);
      else if (rule.kind === 'record') this.checkRecords(rule, names[i]!);
    });
  }

  /**
   * Re-evaluates the row-level checks that involve changed rows: their equations and roll-ups, and their parents'
   * roll-ups. Called once every changed row has been recomputed, so no check sees a parent not yet brought up to date.
   */
  recheckRows(rows: ReadonlySet<Row>): void {
    const parents = new Set<Row>();
    for (const row of rows) {
      const t = row.table;
      if (t.manual) {
        const m = t.manual.byDerivedId.get(row.id);
        if (m) this.checkDerivation(t, m, row);
        continue;
      }
      this.checkRow(row);
      if (row.parent && !rows.has(row.parent)) parents.add(row.parent);
    }
    for (const parent of parents) this.checkRollup(parent);
  }

  recheckInstance(inst: RuleInstance): void {
    this.checkInstance(inst);
  }

  private checkRow(row: Row): void {
    const t = row.table;
    this.checkEquations(t, 'eq', row.id, row.text, row.values, row.rates, row.panel, row);
    this.checkRollup(row);
  }

  /**
   * 栏次 equations of one row, entered or `derived`. On a derived row, a check that restates how the engine derived
   * the cell cannot fail and is not evaluated: a rate (always computed from these figures) and the first equation of
   * a column derived by it, unless a cell formula of the row derives that cell instead.
   */
  private checkEquations(
    t: TableModel,
    kind: 'eq' | 'meq',
    rowId: string,
    text: readonly string[],
    values: readonly number[],
    rates: readonly string[],
    panel: number,
    derived?: Row,
  ): void {
    const place = { t, kind, rowId, text, panel };
    if (derived && !derived.cellFormulas) {
      for (const [c, i] of this.derivedChecks(t).equations) this.checkEquation(place, values, c, i);
      return;
    }
    for (const c of t.columns) {
      const colNo = c.colNo;
      if (!colNo || colNo.kind === 'plain') continue;
      if (colNo.kind === 'rate') {
        if (!derived) this.checkRate(place, values, rates, c);
        continue;
      }
      for (let i = 0; i < c.equations!.length; i++) {
        if (!(derived && restatesEquation(t, c, i, derived.cellFormulas))) this.checkEquation(place, values, c, i);
      }
    }
  }

  private checkRate(place: RowPlace, values: readonly number[], rates: readonly string[], c: Column): void {
    const { t, kind, rowId, text, panel } = place;
    const expected = formatRate(values[c.ratio!.numerator]! as Fen, values[c.ratio!.denominator]! as Fen);
    const actual = rates[c.index]!;
    if (actual === expected && this.fresh) return;
    const key = `${kind}:${t.def.id}:${rowId}:${c.key}:0`;
    this.put(
      actual === expected
        ? undefined
        : this.cellFailure(key, { id: c.def.colNoRules?.[0] ?? `${t.def.caption}栏次`, name: `${t.def.caption} 栏次 ${c.def.colNo}` }, { table: t, rowId, text, panel, column: c }, expected, actual),
      key,
    );
  }

  private checkEquation(place: RowPlace, values: readonly number[], c: Column, i: number): void {
    const { t, kind, rowId, text, panel } = place;
    let expected = 0;
    for (const term of c.equations![i]!) expected += term.sign * values[term.index]!;
    const actual = values[c.index]!;
    if (actual === expected && this.fresh) return;
    const key = `${kind}:${t.def.id}:${rowId}:${c.key}:${i}`;
    const rule = c.def.colNoRules?.[i] ?? `${t.def.caption}栏次`;
    const name = `${t.def.caption} 栏次 ${c.def.colNo}`;
    this.put(actual === expected ? undefined : this.amountFailure(key, { id: rule, name }, { table: t, rowId, text, panel, column: c }, expected, actual), key);
  }

  /** A table's checks of a derived row without cell formulas that can fail, worked out once per table. */
  private derivedChecks(t: TableModel): DerivedChecks {
    let checks = this.derivedChecksByTable.get(t);
    if (!checks) {
      checks = {
        equations: t.columns.flatMap((c) =>
          c.colNo?.kind === 'sum' ? c.equations!.map((_, i) => [c, i] as const).filter(([, i]) => !restatesEquation(t, c, i, undefined)) : [],
        ),
        rollups: t.columns.filter((c) => c.type === 'amount' && !restatesSum(t, c, undefined)),
      };
      this.derivedChecksByTable.set(t, checks);
    }
    return checks;
  }

  /**
   * Roll-up of a derived row: each amount = Σ of its child rows. A cell the engine summed from those very children
   * cannot fail and is not evaluated.
   */
  private checkRollup(row: Row): void {
    if (row.children.length === 0 || !row.rollupRule) return;
    const t = row.table;
    const columns =
      row.sumChildren && !row.cellFormulas
        ? this.derivedChecks(t).rollups
        : t.columns.filter((c) => c.type === 'amount' && !(row.sumChildren && restatesSum(t, c, row.cellFormulas)));
    for (const c of columns) {
      let expected = 0;
      for (const child of row.children) expected += child.values[c.index]!;
      if (row.values[c.index] === expected && this.fresh) continue;
      const key = `sum:${t.def.id}:${row.id}:${c.key}`;
      const name = `${t.def.caption} 合计行等于下级行之和`;
      this.put(
        row.values[c.index] === expected
          ? undefined
          : this.amountFailure(key, { id: row.rollupRule, name }, { table: t, rowId: row.id, text: row.text, panel: row.panel, column: c }, expected, row.values[c.index]!),
        key,
      );
    }
  }

  private checkManualTable(t: TableModel): void {
    const manual = t.manual!;
    for (const m of manual.rows) {
      const id = m.derived?.id ?? `#${m.index + 1}`;
      this.checkEquations(t, 'meq', id, m.text, m.values, m.rates, m.panel);
      const derived = m.derived;
      if (derived) {
        this.checkDerivation(t, m, derived);
        if (derived.children.length > 0 && derived.rollupRule) {
          for (const c of t.columns) {
            if (c.type !== 'amount') continue;
            let expected = 0;
            for (const child of derived.children) expected += manual.byDerivedId.get(child.id)?.values[c.index] ?? 0;
            const key = `msum:${t.def.id}:${id}:${c.key}`;
            const actual = m.values[c.index]!;
            this.put(
              actual === expected
                ? undefined
                : this.amountFailure(key, { id: derived.rollupRule, name: `${t.def.caption} 合计行等于下级行之和` }, { table: t, rowId: id, text: m.text, panel: m.panel, column: c }, expected, actual),
              key,
            );
          }
        }
      } else if (m.values.some((v) => v !== 0)) {
        const key = `mextra:${t.def.id}:${m.index}`;
        this.put(
          this.cellFailure(key, { id: t.def.deriveRule ?? `${t.def.caption}推导`, name: `${t.def.caption} 手工填报的行在推导结果中不存在` }, { table: t, rowId: id, text: m.text, panel: m.panel }, '（无此行）', '有金额'),
          key,
        );
      }
    }
    for (const row of t.rows) {
      if (manual.byDerivedId.has(row.id) || row.blank || !row.values.some((v) => v !== 0)) continue;
      const key = `mmissing:${t.def.id}:${row.id}`;
      this.put(
        this.cellFailure(key, { id: t.def.deriveRule ?? `${t.def.caption}推导`, name: `${t.def.caption} 手工填报表缺少推导结果中的行` }, { table: t, rowId: row.id, text: row.text, panel: row.panel }, '有此行', '（缺少）'),
        key,
      );
    }
  }

  /**
   * A 手工填报 row against its derivation, cell by cell. Cells the table derives from itself (a 栏次 equation, a
   * roll-up of its child rows) are left to those checks on the entered figures: comparing them with the leaves
   * as well would report one difference twice.
   */
  private checkDerivation(t: TableModel, m: ManualRow, derived: Row): void {
    const cols = t.panels ? t.panels[derived.panel]!.columns.map((i) => t.columns[i]!) : t.columns;
    const plan = derived.sumChildren ? t.planChildren : t.planOwn;
    for (const c of cols) {
      if (c.type === 'text') continue;
      const how = derived.cellFormulas?.has(c.index) ? 'formula' : plan[c.index];
      if (how === 'colNo' || how === 'rate' || (how === 'children' && derived.rollupRule)) continue;
      const key = `derive:${t.def.id}:${derived.id}:${c.key}`;
      const rule = derived.cellRules?.[c.key] ?? c.def.rule ?? t.def.deriveRule ?? `${t.def.caption}推导`;
      const name = `${t.def.caption} 手工填报数与推导数一致`;
      if (c.type === 'rate') {
        const ok = m.rates[c.index] === derived.rates[c.index];
        const place = { table: t, rowId: derived.id, text: m.text, panel: m.panel, column: c };
        this.put(ok ? undefined : this.cellFailure(key, { id: rule, name }, place, derived.rates[c.index]!, m.rates[c.index]!), key);
      } else {
        const expected = derived.values[c.index]!;
        const actual = m.values[c.index]!;
        const place = { table: t, rowId: derived.id, text: m.text, panel: m.panel, column: c };
        this.put(actual === expected ? undefined : this.amountFailure(key, { id: rule, name }, place, expected, actual), key);
      }
    }
  }

  private checkInstance(inst: RuleInstance): void {
    const { rule } = inst;
    const scope = { vars: inst.vars, ...(inst.record ? { record: inst.record } : {}) };
    if (inst.when && !this.evaluator.evaluate(inst.when, scope)) {
      this.failures.delete(inst.key);
      return;
    }
    const actual = this.evaluator.evaluate(inst.lhs, scope);
    const expected = this.evaluator.evaluate(inst.rhs, scope);
    const ok = compare(actual, rule.op, expected);
    if (ok) {
      this.failures.delete(inst.key);
      return;
    }
    const unit = inst.vars['unit'] ? this.book.unitByCode.get(inst.vars['unit']) : undefined;
    const amounts = typeof actual === 'number' && typeof expected === 'number';
    const sides = rule.name.split(' = ');
    const row = inst.row;
    const failure: Failure = {
      key: inst.key,
      ruleId: rule.id,
      severity: rule.severity,
      name: rule.name,
      ...(unit ? { row: `${unit.code}${unit.name}` } : {}),
      ...(row ? { rowId: row.id, row: rowLabel(row.table, row.text, row.panel, row.id) } : {}),
      ...(inst.record ? { record: { dataset: inst.record.dataset, id: inst.record.id } } : {}),
      expected: amounts ? this.money(expected) : String(expected),
      actual: amounts ? this.money(actual) : String(actual),
      ...(amounts ? { difference: this.money(actual - expected), differenceFen: actual - expected } : {}),
      ...(sides.length === 2 ? { sides: { left: sides[0]!, right: sides[1]! } } : {}),
    };
    this.failures.set(inst.key, this.tolerate(failure, inst.readsManual));
  }

  private recordFailure(key: string, rule: Extract<RuleDef, { id: string }>, record: LoadedRecord, message: string, fields?: readonly string[]): Failure {
    const describe = this.book.template.datasets[record.dataset]?.describe;
    // `{project.name}` and the like resolve through references, so a record is named as the officer knows it.
    const label = describe ? fillText(describe, recordLookup(this.book, record)) : record.id;
    return {
      key,
      ruleId: rule.id,
      severity: rule.severity,
      name: rule.name,
      row: `${this.book.template.datasets[record.dataset]?.label ?? record.dataset} ${label.trim()}`,
      record: { dataset: record.dataset, id: record.id, ...(fields ? { fields } : {}) },
      actual: message,
    };
  }

  /** The fields of a record's dataset a predicate reads. */
  private fieldsRead(expr: Expr, dataset: string): string[] {
    const def = this.book.template.datasets[dataset]!;
    const names = new Set<string>();
    walk(expr, (e) => {
      if (e.kind === 'name' && def.fields[e.name]) names.add(e.name);
    });
    return [...names];
  }

  /** What a record holds in these fields, as `计量单位：%；指标值：满意`, to show what a failing record holds. */
  private fieldsOf(names: readonly string[], record: LoadedRecord): string {
    const def = this.book.template.datasets[record.dataset]!;
    return names.map((n) => `${def.fields[n]!.label}：${record.fields[n] || '（空）'}`).join('；');
  }

  private checkExists(rule: Extract<RuleDef, { kind: 'exists' }>, name: string): void {
    const referenced = new Set((this.book.records.get(rule.in) ?? []).map((r) => r.fields[rule.field]));
    for (const r of this.book.records.get(rule.dataset) ?? []) {
      const key = `exists:${name}:${r.id}`;
      this.put(referenced.has(r.id) ? undefined : this.recordFailure(key, rule, r, `没有对应的${this.book.template.datasets[rule.in]?.label ?? rule.in}`), key);
    }
  }

  private checkUnique(rule: Extract<RuleDef, { kind: 'unique' }>, name: string): void {
    const seen = new Map<string, LoadedRecord>();
    for (const r of this.book.records.get(rule.dataset) ?? []) {
      const k = rule.fields.map((f) => r.fields[f] ?? '').join('\u0000');
      const first = seen.get(k);
      const key = `unique:${name}:${r.id}`;
      if (first) this.put(this.recordFailure(key, rule, r, `与记录 ${first.id} 重复`, rule.fields), key);
      else seen.set(k, r);
    }
  }

  private checkRecords(rule: Extract<RuleDef, { kind: 'record' }>, name: string): void {
    for (const r of this.book.records.get(rule.dataset) ?? []) this.checkRecord(rule, name, r);
  }

  private checkRecord(rule: Extract<RuleDef, { kind: 'record' }>, name: string, r: LoadedRecord): void {
    const when = rule.when ? compileFormula(rule.when) : undefined;
    const require = compileFormula(rule.require);
    const scope = { record: r };
    const key = `record:${name}:${r.id}`;
    const applies = !when || Boolean(this.evaluator.evaluate(when, scope));
    const ok = !applies || Boolean(this.evaluator.evaluate(require, scope));
    if (ok) return this.put(undefined, key);
    const fields = this.fieldsRead(require, r.dataset);
    this.put(this.recordFailure(key, rule, r, this.fieldsOf(fields, r), fields), key);
  }

  /** Re-evaluates the checks that read a record's own fields (record rules, rules iterating over its dataset). */
  recheckRecord(record: LoadedRecord): void {
    for (const inst of this.instancesByRecord.get(record) ?? []) this.checkInstance(inst);
    const names = ruleNames(this.book.template.rules);
    this.book.template.rules.forEach((rule, i) => {
      if (rule.kind === 'record' && rule.dataset === record.dataset) this.checkRecord(rule, names[i]!, record);
    });
  }

  /** An amount cell that differs from what a rule expects: both figures and their difference. */
  private amountFailure(key: string, rule: CellRule, place: CellPlace, expected: number, actual: number): Failure {
    const failure: Failure = {
      ...this.cellFailure(key, rule, place, this.money(expected), this.money(actual)),
      difference: this.money(actual - expected),
      differenceFen: actual - expected,
    };
    return this.tolerate(failure, place.table.manual !== undefined);
  }

  private cellFailure(key: string, rule: CellRule, place: CellPlace, expected: string, actual: string): Failure {
    const { table: t, rowId, text, panel, column: c } = place;
    return {
      key,
      ruleId: rule.id,
      severity: rule.severity ?? '强制',
      name: rule.name,
      tableId: t.def.id,
      table: t.def.caption,
      rowId,
      row: rowLabel(t, text, panel, rowId),
      ...(c ? { columnKey: c.key, column: columnLabel(c) } : {}),
      expected,
      actual,
    };
  }
}

function compare(a: Value, op: '=' | '<=' | '>=', b: Value): boolean {
  if (op === '=') return a === b;
  if (op === '<=') return (a as number) <= (b as number);
  return (a as number) >= (b as number);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
