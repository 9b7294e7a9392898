/**
 * An enum field the tables do not print but split a derived table's columns by (a project's 资金来源 splits 表5's
 * 项目支出 into 省本级财力安排 and 中央补助): its values are solved from the printed figures. For every printed row
 * that adds up records, and every column filtered to one value, the records whose owner (the record, or the record
 * it reaches the field through) has that value must add up to the printed figure. The owners' values are searched
 * exhaustively with bounds; one solution is taken as recovered, several or none are reported.
 */
import type { BookFile } from '../book/schema';
import { resolveBook } from '../book/load';
import { Engine } from '../engine/engine';
import { tableView } from '../engine/view';
import { leafColumns } from '../template/load';
import type { DatasetDef, Template } from '../template/schema';
import { type WorkbookMessage, workbookMessage } from './messages';
import type { PrintedRow } from './printed-table';
import type { RecoveredRecord } from './recover';
import { describeRecord } from './unprinted';

/** Search steps before giving up (a department's projects rarely need more than a few hundred). */
const BUDGET = 200_000;

/** A column that adds up only the records whose owner has `value`. */
interface Observer {
  readonly table: string;
  readonly column: number;
  readonly dataset: string;
  readonly value: string;
  /** The field of the record naming its owner (a reference), or undefined when the record is its own owner. */
  readonly ownerRef: string | undefined;
}

/** The owners' (dataset, field) pairs whose values split columns, with the columns observing them. */
function observers(template: Template): Map<string, { owner: string; field: string; list: Observer[] }> {
  const out = new Map<string, { owner: string; field: string; list: Observer[] }>();
  for (const table of template.tables) {
    leafColumns(table.columns).forEach((col, column) => {
      for (const [dataset, src] of Object.entries(col.source ?? {})) {
        if (typeof src === 'string') continue;
        const entries = Object.entries(src.where);
        if (entries.length !== 1 || typeof entries[0]![1] !== 'string') continue;
        const [field, value] = entries[0] as [string, string];
        const def = template.datasets[dataset]!.fields[field];
        let owner = dataset;
        let ownerField = field;
        let ownerRef: string | undefined;
        if (def?.type === 'via') {
          const ref = template.datasets[dataset]!.fields[def.ref];
          if (ref?.type !== 'ref') continue;
          owner = ref.dataset;
          ownerField = def.field;
          ownerRef = def.ref;
        } else if (def?.type !== 'enum') continue;
        const key = `${owner}.${ownerField}`;
        const entry = out.get(key) ?? { owner, field: ownerField, list: [] };
        entry.list.push({ table: table.id, column, dataset, value, ownerRef });
        out.set(key, entry);
      }
    });
  }
  return out;
}

interface Constraint {
  readonly value: string;
  readonly needed: number;
  readonly terms: ReadonlyMap<number, number>;
}

/** The printed row standing for each view row, matched by their text cells (the k-th equal to the k-th). */
function printedByRow(engine: Engine, tableId: string, printed: readonly PrintedRow[]): Map<string, PrintedRow> {
  const table = engine.model.tableById.get(tableId)!;
  const view = tableView(engine, table);
  const text = (cells: readonly { kind: string; text?: string }[]) => cells.map((c) => (c.kind === 'text' ? c.text : '')).join('\u0000');
  const queues = new Map<string, PrintedRow[]>();
  for (const p of printed) {
    const k = text(p.cells);
    const q = queues.get(k);
    if (q) q.push(p);
    else queues.set(k, [p]);
  }
  const out = new Map<string, PrintedRow>();
  for (const v of view.rows) {
    const p = queues.get(text(v.cells))?.shift();
    if (p) out.set(v.id, p);
  }
  return out;
}

/**
 * Solves the unprinted filtered enums of the records without a 数据包 counterpart and sets them on `records`
 * (`file` is the book as read so far, sharing those records' objects).
 */
export function solveFilteredFields(
  template: Template,
  file: BookFile,
  records: ReadonlyMap<string, RecoveredRecord[]>,
  paired: ReadonlySet<RecoveredRecord>,
  printed: ReadonlyMap<string, readonly PrintedRow[]>,
  notices: WorkbookMessage[],
): void {
  for (const { owner, field, list } of observers(template).values()) {
    const unknown = (records.get(owner) ?? []).filter((r) => !paired.has(r) && !r.printed.has(field));
    if (unknown.length === 0) continue;
    const values = [...new Set(list.map((o) => o.value))];
    for (const r of unknown) delete r.record[field];
    const engine = Engine.run(resolveBook(file, template));
    const index = new Map(unknown.map((r, i) => [r.record.id, i]));
    const constraints = list.flatMap((obs) => constraintsOf(engine, obs, printed.get(obs.table) ?? [], index, owner, field));
    const result = search(unknown.length, values, constraints);
    const solution = result.kind === 'solved' || result.kind === 'several' ? result.solution : [];
    unknown.forEach((r, i) => {
      r.record[field] = solution[i] ?? values[0]!;
    });
    const captions = [...new Set(list.map((o) => template.tables.find((t) => t.id === o.table)!.caption))];
    const free = unknown.flatMap((_, i) => (constraints.some((c) => c.terms.has(i)) ? [] : [i]));
    notices.push(...report(template.datasets[owner]!, field, unknown, values[0]!, captions, result, free));
  }
}

/**
 * For every printed row of the observing table that adds up records, the figure the unknown owners with the
 * column's value must make up, after the owners already known are taken off.
 */
function constraintsOf(
  engine: Engine,
  obs: Observer,
  printed: readonly PrintedRow[],
  index: ReadonlyMap<string, number>,
  owner: string,
  field: string,
): Constraint[] {
  const table = engine.model.tableById.get(obs.table)!;
  const byRow = printedByRow(engine, obs.table, printed);
  const terms = table.columns[obs.column]!.sources.get(obs.dataset)!.terms;
  const out: Constraint[] = [];
  for (const row of table.rows) {
    const p = byRow.get(row.id);
    if (row.sumChildren || !p) continue;
    const cell = p.cells[obs.column];
    let needed: number = cell?.kind === 'amount' ? cell.value : 0;
    const coef = new Map<number, number>();
    for (const rec of engine.model.rowRecords.get(row) ?? []) {
      if (rec.dataset !== obs.dataset) continue;
      let amount = 0;
      for (const t of terms) amount += t.sign * rec.amounts[t.field]!;
      const ownerId = obs.ownerRef ? rec.fields[obs.ownerRef]! : rec.id;
      const i = index.get(ownerId);
      if (i !== undefined) coef.set(i, (coef.get(i) ?? 0) + amount);
      else if (ownerValue(engine, owner, ownerId, field) === obs.value) needed -= amount;
    }
    if (coef.size > 0 || needed !== 0) out.push({ value: obs.value, needed, terms: coef });
  }
  return out;
}

/** What the officer should check: no solution, too many owners to search, several solutions, owners without figures. */
function report(
  def: DatasetDef,
  field: string,
  unknown: readonly RecoveredRecord[],
  fallback: string,
  captions: readonly string[],
  result: SearchResult,
  free: readonly number[],
): WorkbookMessage[] {
  const fieldLabel = def.fields[field]!.label;
  const tables = captions.join('、');
  const sheet = { sheet: captions[0]! };
  const names = (ids: Iterable<number>) => [...ids].map((i) => `“${describeRecord(def, unknown[i]!.record)}”`).join('、');
  const out: WorkbookMessage[] = [];
  if (result.kind === 'none') {
    out.push(workbookMessage(sheet, `${tables}中的金额无法由${def.label}的任何一种${fieldLabel}组合得出；${fieldLabel}按“${fallback}”导入，请核对`));
  } else if (result.kind === 'budget') {
    out.push(workbookMessage(sheet, `${def.label}较多，无法由${tables}确定各自的${fieldLabel}；按“${fallback}”导入，请核对`));
  } else if (result.kind === 'several') {
    out.push(workbookMessage(sheet, `${names(result.differing)}的${fieldLabel}未在表中列示，由${tables}的金额有多种可能，暂按其中一种导入，请核对`));
  }
  if (free.length > 0) out.push(workbookMessage(sheet, `${names(free)}的${fieldLabel}未在表中列示（在${tables}中没有金额），按“${fallback}”导入`));
  return out;
}

function ownerValue(engine: Engine, owner: string, id: string, field: string): string {
  return engine.book.recordById.get(owner)?.get(id)?.fields[field] ?? '';
}

type SearchResult =
  | { readonly kind: 'solved'; readonly solution: string[] }
  | { readonly kind: 'several'; readonly solution: string[]; readonly differing: number[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'budget' };

/** Depth-first over the owners, keeping every constraint reachable by the owners not yet assigned. */
function search(owners: number, values: readonly string[], constraints: readonly Constraint[]): SearchResult {
  const involved = Array.from({ length: owners }, () => [] as number[]);
  constraints.forEach((c, ci) => {
    for (const i of c.terms.keys()) involved[i]!.push(ci);
  });
  const order = [...Array(owners).keys()].filter((i) => involved[i]!.length > 0).sort((a, b) => involved[b]!.length - involved[a]!.length);
  const sum = constraints.map(() => 0);
  const pos = constraints.map((c) => [...c.terms.values()].reduce((a, v) => a + Math.max(0, v), 0));
  const neg = constraints.map((c) => [...c.terms.values()].reduce((a, v) => a + Math.min(0, v), 0));
  const assignment: (string | undefined)[] = Array(owners).fill(undefined);
  const found: string[][] = [];
  let steps = 0;
  const feasible = (ci: number) => {
    const rest = constraints[ci]!.needed - sum[ci]!;
    return rest >= neg[ci]! && rest <= pos[ci]!;
  };
  if (!constraints.every((_, ci) => feasible(ci))) return { kind: 'none' };
  const visit = (k: number): boolean => {
    if (++steps > BUDGET) return true;
    if (k === order.length) {
      found.push(assignment.map((v) => v ?? values[0]!));
      return found.length >= 2;
    }
    const o = order[k]!;
    for (const value of values) {
      for (const ci of involved[o]!) {
        const c = constraints[ci]!.terms.get(o)!;
        if (c > 0) pos[ci]! -= c;
        else neg[ci]! -= c;
        if (constraints[ci]!.value === value) sum[ci]! += c;
      }
      assignment[o] = value;
      const ok = involved[o]!.every(feasible);
      const stop = ok && visit(k + 1);
      for (const ci of involved[o]!) {
        const c = constraints[ci]!.terms.get(o)!;
        if (c > 0) pos[ci]! += c;
        else neg[ci]! += c;
        if (constraints[ci]!.value === value) sum[ci]! -= c;
      }
      assignment[o] = undefined;
      if (stop) return true;
    }
    return false;
  };
  visit(0);
  if (steps > BUDGET) return { kind: 'budget' };
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'solved', solution: found[0]! };
  const differing = found[0]!.flatMap((v, i) => (v !== found[1]![i] ? [i] : []));
  return { kind: 'several', solution: found[0]!, differing };
}
