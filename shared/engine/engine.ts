/**
 * The budget engine: derives every table of a book and evaluates every check, in full when a book is loaded and
 * incrementally after an amount edit. An edit adds its difference to the rows that add up the record, then
 * recomputes only the rows reachable from them (children → parents, cells → the formulas reading them) in rank
 * order, and re-evaluates only the checks on those rows. The result is identical to a full recompute.
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import type { Fen } from '../money/money';
import { ValidationError } from '../validation/issues';
import type { CellRef } from './bindings';
import { type BuiltModel, buildModel, compileFormula, EngineError, rowFormulas } from './build';
import { Checker, type Failure, type RuleInstance } from './checks';
import { Aggregates, Evaluator, type Value } from './compute';
import { walk } from './expr';
import { attachManual } from './manual';
import type { Row, SourceColumn } from './model';

export interface CheckSummary {
  readonly 强制: number;
  readonly 提示: number;
}

export class Engine {
  readonly model: BuiltModel;
  private readonly evaluator: Evaluator;
  private readonly checker: Checker;
  private readonly aggregates: Aggregates;
  /** The rows whose formulas read each aggregate (`=sum(income.gpb)`), by aggregate key. */
  private readonly aggregateReaders: ReadonlyMap<string, readonly Row[]>;
  private membership?: Map<LoadedRecord, Row[]>;

  private constructor(readonly book: LoadedBook) {
    this.model = buildModel(book);
    const problems = attachManual(book, this.model);
    if (problems.length > 0) throw new ValidationError('数据包', problems);
    this.aggregates = new Aggregates(book);
    this.evaluator = new Evaluator(book, this.model, this.aggregates);
    this.aggregateReaders = aggregateReaders(this.model, this.evaluator);
    this.computeAll();
    this.checker = new Checker(this.model, this.evaluator);
    this.checker.checkAll();
  }

  /** Derives and checks a loaded book. */
  static run(book: LoadedBook): Engine {
    return new Engine(book);
  }

  /** Derives every row of the freshly built model (its amounts start at zero). */
  private computeAll(): void {
    for (const [row, records] of this.model.rowRecords) {
      const byDataset = this.model.sourceColumns.get(row.table);
      // A row's records come in runs of one dataset: its columns are looked up once a run.
      let dataset: string | undefined;
      let columns: readonly SourceColumn[] | undefined;
      for (const record of records) {
        if (record.dataset !== dataset) columns = byDataset?.get((dataset = record.dataset));
        if (columns) addAmounts(row, record, columns, 1);
      }
    }
    for (const row of this.model.order) this.evaluator.computeRow(row);
  }

  /** The rows that add up a record directly; worked out at the first edit, since a full derive never asks. */
  private rowsOf(record: LoadedRecord): readonly Row[] {
    if (!this.membership) {
      this.membership = new Map();
      for (const [row, records] of this.model.rowRecords) {
        for (const r of records) {
          const rows = this.membership.get(r);
          if (rows) rows.push(row);
          else this.membership.set(r, [row]);
        }
      }
    }
    return this.membership.get(record) ?? [];
  }

  /** Adds (sign 1) or removes (-1) one amount field of a record to a row's source columns. */
  private addField(row: Row, record: LoadedRecord, sign: 1 | -1, field: number): void {
    const columns = this.model.sourceColumns.get(row.table)?.get(record.dataset);
    if (columns) addAmounts(row, record, columns, sign, field);
  }


  /**
   * Changes one amount of an entered record and updates every derived figure and check that depends on it.
   * Throws when the record or field does not exist; the caller has already parsed and validated the amount.
   */
  setAmount(dataset: string, recordId: string, field: string, value: Fen): void {
    const record = this.book.recordById.get(dataset)?.get(recordId);
    const index = this.book.shapes.get(dataset)?.amountIndex.get(field);
    if (!record || index === undefined) throw new EngineError(`没有记录 ${dataset}/${recordId} 的金额字段 ${field}`);
    const old = record.amounts[index]!;
    if (old === value) return;
    const touched = this.rowsOf(record);
    // Remove the record's contribution of this field, change it, add it back: only this field's terms move.
    for (const row of touched) this.addField(row, record, -1, index);
    record.amounts[index] = value;
    for (const row of touched) this.addField(row, record, 1, index);

    const instances = new Set<RuleInstance>();
    const start = [...touched];
    for (const key of this.aggregates.apply(record, field, value - old)) {
      for (const inst of this.checker.instancesByAggregate.get(key) ?? []) instances.add(inst);
      start.push(...(this.aggregateReaders.get(key) ?? []));
    }
    this.propagate(start, instances);
    this.checker.recheckRecord(record);
  }

  /** Recomputes rows in rank order starting from `start`, following parents and formula readers. */
  private propagate(start: readonly Row[], instances: Set<RuleInstance>): void {
    const buckets: Row[][] = [];
    const queued = new Set<Row>();
    const enqueue = (row: Row) => {
      if (queued.has(row)) return;
      queued.add(row);
      (buckets[row.rank] ??= []).push(row);
    };
    for (const row of start) enqueue(row);
    const initial = new Set(start);
    const changedRows = new Set<Row>();
    for (let rank = 0; rank < buckets.length; rank++) {
      const bucket = buckets[rank];
      if (!bucket) continue;
      for (const row of bucket) {
        const changed = this.evaluator.computeRow(row) || initial.has(row);
        if (!changed) continue;
        changedRows.add(row);
        for (const inst of this.checker.instancesByRow.get(row) ?? []) instances.add(inst);
        if (row.parent?.sumChildren) enqueue(row.parent);
        for (const d of row.dependents) enqueue(d);
      }
    }
    this.checker.recheckRows(changedRows);
    for (const inst of instances) this.checker.recheckInstance(inst);
  }

  /**
   * Evaluates a template formula against the current figures (`T1[totalIn].in`, `sum(basic.gpb | unit = $unit)`),
   * for text bound to table cells. Amounts come back in 分.
   */
  evaluate(formula: string, vars: Readonly<Record<string, string>> = {}): Value {
    return this.evaluator.evaluate(compileFormula(formula), { vars });
  }

  /** Every failed check: 强制 before 提示, then by table, rule id and place. */
  failures(): Failure[] {
    const tableOrder = new Map(this.model.tables.map((t, i) => [t.def.id, i]));
    return [...this.checker.failures.values()].sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === '强制' ? -1 : 1) ||
        (tableOrder.get(a.tableId ?? '') ?? 99) - (tableOrder.get(b.tableId ?? '') ?? 99) ||
        compareRuleIds(a.ruleId, b.ruleId) ||
        a.key.localeCompare(b.key),
    );
  }

  /** The cells a failed template rule reads for its unit, row or record, its left side first; none for other checks. */
  failureReads(failure: Failure): CellRef[] {
    return this.checker.readsOf(failure.key);
  }

  summary(): CheckSummary {
    let hard = 0;
    let soft = 0;
    for (const f of this.checker.failures.values()) {
      if (f.severity === '强制') hard++;
      else soft++;
    }
    return { 强制: hard, 提示: soft };
  }
}

/** Adds (sign 1) or removes (-1) a record's amounts — all of them, or one field's — to a row's source columns. */
function addAmounts(row: Row, record: LoadedRecord, columns: readonly SourceColumn[], sign: 1 | -1, field?: number): void {
  for (const { index, source } of columns) {
    if (source.where && !source.where(record)) continue;
    let v = 0;
    for (const term of source.terms) {
      if (field === undefined || term.field === field) v += term.sign * record.amounts[term.field]!;
    }
    row.values[index] = (row.values[index]! + sign * v) as Fen;
  }
}

/** Every row whose formulas read an aggregate over records, by the aggregate's key, so an edit recomputes them. */
function aggregateReaders(model: BuiltModel, evaluator: Evaluator): Map<string, Row[]> {
  const readers = new Map<string, Row[]>();
  for (const row of model.order) {
    for (const [, expr] of rowFormulas(row)) {
      walk(expr, (e) => {
        if (e.kind !== 'aggregate') return;
        const where = e.where.map((w) => [w.field, String(evaluator.evaluate(w.value, { row }))] as [string, string]);
        const key = Aggregates.key(e.dataset, e.field, where);
        const list = readers.get(key) ?? [];
        if (list[list.length - 1] !== row) list.push(row);
        readers.set(key, list);
      });
    }
  }
  return readers;
}

/** I-2 before I-10, X-1 before S-1. */
export function compareRuleIds(a: string, b: string): number {
  const pa = /^([A-Z]+)-(\d+)$/.exec(a);
  const pb = /^([A-Z]+)-(\d+)$/.exec(b);
  if (pa && pb) return pa[1]!.localeCompare(pb[1]!) || Number(pa[2]) - Number(pb[2]);
  return a.localeCompare(b);
}
