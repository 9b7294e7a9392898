/**
 * A book file from the printed tables: the entered data read from the entry tables, completed with what they do not
 * print (from the 数据包 where there is one, else reconstructed or reported), then every derived table whose printed
 * figures still differ from the derivation imported as 手工填报 with the printed figures, dependencies first.
 */
import { resolveBook } from '../book/load';
import { BOOK_FORMAT, BOOK_FORMAT_VERSION, type BookFile, type ManualTable } from '../book/schema';
import { Engine } from '../engine/engine';
import type { Lookup } from '../engine/text';
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { bookDifferences, manualRows } from './compare';
import { pairWithPackage } from './hint';
import { type SheetPlace, type WorkbookMessage, workbookMessage } from './messages';
import { PrintedCodes } from './printed-codes';
import type { PrintedRow } from './printed-table';
import { Recovery, type RecoveredRecord } from './recover';
import { mergeSameRecords } from './same-record';
import { solveFilteredFields } from './solve-filtered';
import { chooseUnitKinds } from './unit-kinds';
import { describeRecord, fillUnprintedText, linkReferences } from './unprinted';

export interface RebuildInput {
  readonly template: Template;
  readonly printed: ReadonlyMap<string, readonly PrintedRow[]>;
  readonly lookup: Lookup;
  readonly heading: { readonly year: number; readonly department: { readonly code: string; readonly name: string } };
  /** The workbook's 数据包, when intact but no longer matching the tables. */
  readonly hint: BookFile | undefined;
  readonly problems: WorkbookMessage[];
  readonly notices: WorkbookMessage[];
}

export function rebuildBook(input: RebuildInput): { book: BookFile; manualTables: string[] } | undefined {
  const { template, printed, hint, problems, notices } = input;
  const codes = new PrintedCodes(template, hint?.extraCodes, problems);
  const recovery = new Recovery(template, codes, input.lookup, problems, notices);
  for (const def of template.tables) {
    const rows = printed.get(def.id);
    if (rows) recovery.readTable(def, rows);
  }
  const extraCodes = codes.added(notices);
  if (problems.length > 0) return undefined;
  const { department, units, records } = recovery.result();
  mergeSameRecords(template, records);

  const paired = hint ? pairWithPackage(template, records, hint) : new Set<RecoveredRecord>();
  linkReferences(template, records, paired, notices);
  fillUnprintedText(template, records, paired, notices);

  const data: BookFile['data'] = {};
  for (const dataset of Object.keys(template.datasets)) {
    const list = records.get(dataset);
    if (list) data[dataset] = list.map((r) => r.record);
    else if (hint?.data[dataset]) data[dataset] = hint.data[dataset]!;
  }
  dropDanglingReferences(template, data, records, notices);
  const hintUnits = new Map((hint?.units ?? []).map((u) => [u.code, u]));
  const name = input.heading.department.name || department.name;
  const code = department.code || hint?.department.code || unprintedCode(notices);
  // Tables that print no budget unit (a 决算 of one department) are the department's own: it is the book's unit.
  if (units.size === 0) units.set(code, { name, place: { sheet: '' } });
  const file: BookFile = {
    format: BOOK_FORMAT,
    formatVersion: BOOK_FORMAT_VERSION,
    template: { id: template.id, version: template.version },
    department: { code, name },
    year: input.heading.year,
    units: [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, u]) => ({ code, name: u.name, kind: hintUnits.get(code)?.kind ?? '' })),
    ...(extraCodes ? { extraCodes } : {}),
    data,
    ...(hint?.text ? { text: hint.text } : {}),
  };

  try {
    // Unit kinds first: every unit needs one before the book can be derived, and 资金来源 does not change which fits.
    chooseUnitKinds(template, file, new Map([...units].map(([code, u]) => [code, u.place])), (f) => mismatches(template, f, printed), notices);
    solveFilteredFields(template, file, records, paired, printed, notices);
    if (!hint) noteUnrecovered(template, data, records, notices);
    const manualTables = manualUntilMatching(template, file, printed, notices);
    return { book: file, manualTables };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    problems.push(...e.problems.map((p) => workbookMessage({ sheet: '' }, `${p.where}：${p.message}`)));
    return undefined;
  }
}

/** A placeholder for the 部门编码 when no table prints it: a book needs one. */
function unprintedCode(notices: WorkbookMessage[]): string {
  const code = '待补充';
  notices.push(workbookMessage({ sheet: '' }, `部门编码未在表中列示，暂记为“${code}”，请补填`));
  return code;
}

/**
 * What no table prints, said once per dataset or field: a dataset no table is entered through (its tables import as
 * 手工填报), and a field that no record read from the tables has.
 */
function noteUnrecovered(template: Template, data: BookFile['data'], records: ReadonlyMap<string, RecoveredRecord[]>, notices: WorkbookMessage[]): void {
  for (const [name, def] of Object.entries(template.datasets)) {
    const list = records.get(name);
    if (!list) {
      notices.push(workbookMessage({ sheet: '' }, `${def.label}不在任何可填报的表中，无法从表格恢复，导入后没有这些数据`));
      continue;
    }
    // Amounts and references are reported where they are read and linked; derived fields need no entry.
    const reported = new Set(['amount', 'ref', 'via', 'classified', 'mapped']);
    const missing = Object.entries(def.fields).filter(
      ([field, f]) => !reported.has(f.type) && list.every((r) => !r.printed.has(field)) && (data[name] ?? []).every((r) => !r[field]),
    );
    for (const [, f] of missing) notices.push(workbookMessage({ sheet: '' }, `${def.label}的“${f.label}”未在表中列示，无法从表格恢复，导入后为空`));
  }
}

/** A reference to a record the tables no longer hold (kept from the 数据包) is removed. */
function dropDanglingReferences(
  template: Template,
  data: BookFile['data'],
  records: ReadonlyMap<string, RecoveredRecord[]>,
  notices: WorkbookMessage[],
): void {
  for (const [dataset, list] of Object.entries(data)) {
    const def = template.datasets[dataset]!;
    for (const [field, f] of Object.entries(def.fields)) {
      if (f.type !== 'ref') continue;
      const ids = new Set((data[f.dataset] ?? []).map((r) => r.id));
      for (const record of list) {
        if (!record[field] || ids.has(record[field]!)) continue;
        const place: SheetPlace = records.get(dataset)?.find((r) => r.record === record)?.place ?? { sheet: '' };
        notices.push(workbookMessage(place, `${def.label}“${describeRecord(def, record)}”原来关联的${template.datasets[f.dataset]!.label}已不在表中，导入后未关联`));
        delete record[field];
      }
    }
  }
}

function mismatches(template: Template, file: BookFile, printed: ReadonlyMap<string, readonly PrintedRow[]>): number {
  return bookDifferences(Engine.run(resolveBook(file, template)), printed).reduce((n, t) => n + t.differences.length, 0);
}

/**
 * Makes derived tables 手工填报 one at a time, the table others depend on first (its rows rank lowest), until the
 * derivation prints every table as the sheets do. A table that cannot be 手工填报 is reported instead.
 */
function manualUntilMatching(template: Template, file: BookFile, printed: ReadonlyMap<string, readonly PrintedRow[]>, notices: WorkbookMessage[]): string[] {
  const manual: Record<string, ManualTable> = {};
  const accepted = new Set<string>();
  for (;;) {
    const engine = Engine.run(resolveBook({ ...file, manual }, template));
    const rank = (t: (typeof engine.model.tables)[number]) => Math.max(0, ...t.rows.map((r) => r.rank));
    const next = bookDifferences(engine, printed)
      .filter((t) => t.differences.length > 0 && !accepted.has(t.table.def.id))
      .sort((a, b) => rank(a.table) - rank(b.table))[0];
    if (!next) break;
    const { def } = next.table;
    accepted.add(def.id);
    const first = next.differences[0]!;
    const count = next.differences.length;
    if (def.manual === false) {
      notices.push(workbookMessage(first, `${def.caption}有 ${count} 处与按填报数据推导的结果不同（本表不能手工填报），导入后以推导结果为准；第一处：表格中为“${first.printed || '空'}”，推导为“${first.derived || '空'}”`));
      continue;
    }
    manual[def.id] = manualRows(printed.get(def.id) ?? [], template.money);
    notices.push(workbookMessage(first, `${def.caption}有 ${count} 处与按填报数据推导的结果不同，按表格中的数字作为手工填报导入，由审核规则检查；第一处：表格中为“${first.printed || '空'}”，推导为“${first.derived || '空'}”`));
  }
  if (Object.keys(manual).length > 0) file.manual = manual;
  return template.tables.filter((t) => t.id in manual).map((t) => t.caption);
}
