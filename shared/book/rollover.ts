/**
 * "Based on last year's book": next year's book starts from this year's, with what stays from year to year and
 * with this year's figures as next year's prior-year figures. Everything is read from the template, never from a
 * particular table:
 *
 * - Prior-year figures. A column whose header says `{prev}` shows last year's figure of the column whose header is
 *   the same with `{year}`: what this year's book prints under `{year}年…一般公共预算` next year's prints under
 *   `{prev}年…一般公共预算`. When the `{prev}` column adds up one amount field of a dataset (表9's 上年“三公” columns
 *   add up `sanGongPrior.gpb` …) and a row selects that dataset's records by field values (the row 公务接待费
 *   selects `item = 公务接待费`), next year's record gets this year's value of the `{year}` column on that row.
 * - Structure. Datasets without amounts (projects, performance targets, indicators) are carried whole, with every
 *   record they refer to (a target's 转移支付 project) carried with its amounts cleared, so references stay valid.
 * - Units, the book's own catalogue codes and the document's text are carried; 手工填报 tables, this year's
 *   amounts (income, expenditure lines, procurement, carry-over) and the texts about this year only (the reasons
 *   for changes, year-end figures: what the template's narrative declares annual) are not: they are next year's work.
 */
import { amountToPlain, type Fen } from '../money/money';
import type { ColumnNode, LeafColumn, Template } from '../template/schema';
import type { LoadedBook } from './load';
import type { BookFile, EntryRecord } from './schema';

/** This year's value of a table cell, by table id, row id and column key (the engine's, 手工填报 included). */
export type CellValue = (table: string, row: string, column: string) => Fen;

/**
 * Whether the book's text under a key is about this year only. The narrative knows (its fields declared annual); it
 * is asked by the caller, since the narrative reads books and a book must not depend on it.
 */
export type IsAnnualText = (key: string) => boolean;

/** Where a prior-year field of a dataset comes from: a cell of this year's book. */
interface PriorField {
  readonly dataset: string;
  readonly field: string;
  /** The field values that select the record (a row's filter on the dataset). */
  readonly match: Readonly<Record<string, string>>;
  readonly table: string;
  readonly row: string;
  readonly column: string;
}

/** Every leaf column with its header labels from the top. */
function leavesWithPaths(nodes: readonly ColumnNode[], above: readonly string[] = []): { leaf: LeafColumn; path: string }[] {
  return nodes.flatMap((n) =>
    'children' in n ? leavesWithPaths(n.children, [...above, n.label]) : [{ leaf: n, path: [...above, n.label].join('\u0000') }],
  );
}

export function priorFields(template: Template): PriorField[] {
  const out: PriorField[] = [];
  for (const table of template.tables) {
    const leaves = leavesWithPaths(table.columns);
    const keyByPath = new Map(leaves.map(({ leaf, path }) => [path, leaf.key]));
    for (const { leaf, path } of leaves) {
      if (!path.includes('{prev}')) continue;
      const twin = keyByPath.get(path.replaceAll('{prev}', '{year}'));
      const sources = Object.entries(leaf.source ?? {});
      if (!twin || sources.length !== 1) continue;
      const [dataset, source] = sources[0]!;
      const field = typeof source === 'string' ? source.trim() : '';
      if (template.datasets[dataset]?.fields[field]?.type !== 'amount') continue;
      for (const block of table.rows ?? []) {
        if (!('row' in block)) continue;
        const filter = block.row.filter?.[dataset];
        if (!filter || !Object.values(filter).every((v) => typeof v === 'string')) continue;
        out.push({ dataset, field, match: filter as Record<string, string>, table: table.id, row: block.row.id, column: twin });
      }
    }
  }
  return out;
}

/** Next year's book (same department, units and template) from this year's loaded book and its derived cells. */
export function nextYearBook(book: LoadedBook, cell: CellValue, isAnnual: IsAnnualText): BookFile {
  const { template, file } = book;
  const priors = priorFields(template);
  const fieldsOf = (dataset: string) => template.datasets[dataset]?.fields ?? {};

  // Which records carry: those of datasets without amounts or with prior-year fields, and what they refer to.
  const kept = new Map<string, Set<string>>(Object.keys(file.data).map((name) => [name, new Set<string>()]));
  const keep = (dataset: string, record: EntryRecord): void => {
    const ids = kept.get(dataset);
    if (!ids || ids.has(record.id)) return;
    ids.add(record.id);
    for (const [name, f] of Object.entries(fieldsOf(dataset))) {
      if (f.type !== 'ref' || !record[name]) continue;
      const target = file.data[f.dataset]?.find((r) => r.id === record[name]);
      if (target) keep(f.dataset, target);
    }
  };
  const priorDatasets = new Set(priors.map((p) => p.dataset));
  for (const [dataset, records] of Object.entries(file.data)) {
    const hasAmounts = Object.values(fieldsOf(dataset)).some((f) => f.type === 'amount');
    if (!hasAmounts || priorDatasets.has(dataset)) for (const r of records) keep(dataset, r);
  }
  const data: BookFile['data'] = Object.fromEntries(
    Object.entries(file.data).map(([dataset, records]) => [
      dataset,
      records
        .filter((r) => kept.get(dataset)!.has(r.id))
        .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => fieldsOf(dataset)[k]?.type !== 'amount')) as EntryRecord),
    ]),
  );

  for (const p of priors) {
    const records = (data[p.dataset] ??= []);
    let record = records.find((r) => Object.entries(p.match).every(([k, v]) => r[k] === v));
    if (!record) {
      let n = records.length + 1;
      while (records.some((r) => r.id === `${p.dataset}-${n}`)) n++;
      record = { id: `${p.dataset}-${n}`, ...p.match };
      records.push(record);
    }
    const value = cell(p.table, p.row, p.column);
    if (value !== 0) record[p.field] = amountToPlain(value, template.money);
  }

  return {
    format: file.format,
    formatVersion: file.formatVersion,
    template: file.template,
    department: file.department,
    year: file.year + 1,
    units: file.units,
    ...(file.extraCodes ? { extraCodes: file.extraCodes } : {}),
    data,
    ...(file.text ? { text: Object.fromEntries(Object.entries(file.text).filter(([key]) => !isAnnual(key))) } : {}),
  };
}
