/**
 * Loading a template: schema validation, then resolution of catalogue files, then a semantic pass that checks every
 * name a template uses (datasets, fields, catalogues, tables, columns, rows, formulas) so a broken template fails
 * at load with the table and field named, never later as a crash.
 */
import { type Expr, FormulaError, parseColNo, parseFormula, walk } from '../engine/expr';
import { parseStoredAmount } from '../money/money';
import { amountFormat, unitNamed } from './amounts';
import { type Problem, ValidationError, zodProblems } from '../validation/issues';
import {
  Catalogue,
  type ColumnNode,
  type DatasetDef,
  type LeafColumn,
  Mapping,
  type RowBlock,
  type TableDef,
  type Template,
  TemplateFile,
} from './schema';

/** Catalogue and mapping files by name (`functional-2024`), as found under templates/catalogues/. */
export type CatalogueFiles = Record<string, unknown>;

export function leafColumns(nodes: ColumnNode[]): LeafColumn[] {
  return nodes.flatMap((n) => ('children' in n ? leafColumns(n.children) : [n]));
}

/**
 * Validates and resolves a template file; throws ValidationError listing every problem found. `narrativeParts` are
 * the part ids of the set's narrative file, which its document may place (none for a set without one).
 */
export function loadTemplate(raw: unknown, files: CatalogueFiles, narrativeParts: readonly string[] = []): Template {
  const subject = `模板${typeof raw === 'object' && raw && 'id' in raw ? `“${String(raw.id)}”` : ''}`;
  // reportInput keeps each issue's value, so describeIssue can tell a wrong type from a missing item.
  const parsed = TemplateFile.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(subject, zodProblems(parsed.error));
  const file = parsed.data;
  const problems: Problem[] = [];
  const resolve = <T>(kind: string, name: string, ref: string, schema: { safeParse(v: unknown, params: { reportInput: boolean }): { success: true; data: T } | { success: false; error: import('zod').ZodError } }): T | undefined => {
    if (!(ref in files)) {
      problems.push({ where: `${kind} ${name}`, message: `找不到文件“${ref}”` });
      return undefined;
    }
    const r = schema.safeParse(files[ref], { reportInput: true });
    if (!r.success) {
      problems.push(...zodProblems(r.error, `${kind}文件“${ref}”的 `));
      return undefined;
    }
    return r.data;
  };
  const catalogues: Template['catalogues'] = {};
  for (const [name, ref] of Object.entries(file.catalogues)) {
    const c = resolve('目录', name, ref, Catalogue);
    if (c) catalogues[name] = c;
  }
  const mappings: Template['mappings'] = {};
  for (const [name, ref] of Object.entries(file.mappings ?? {})) {
    const m = resolve('对照表', name, ref, Mapping);
    if (m) mappings[name] = m;
  }
  const template: Template = { ...file, catalogues, mappings };
  if (problems.length === 0) problems.push(...checkTemplate(template, narrativeParts));
  if (problems.length > 0) throw new ValidationError(subject, problems);
  return template;
}

/** Semantic checks of a resolved template. Exported for tests of broken templates. */
export function checkTemplate(t: Template, narrativeParts: readonly string[] = []): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });

  for (const [dsName, ds] of Object.entries(t.datasets)) checkDataset(t, dsName, ds, add);

  const tables = new Map(t.tables.map((table) => [table.id, table]));
  if (tables.size !== t.tables.length) add('tables', '表编号重复');
  const columnsOf = new Map(t.tables.map((table) => [table.id, new Set(leafColumns(table.columns).map((c) => c.key))]));

  // Row ids a formula may name: declared rows (with `{…}` as a wildcard for catalogue rows) and keyless levels;
  // a table with keyed levels also has rows named by its data, which cannot be checked here.
  const rowIds = new Map<string, { patterns: RegExp[]; open: boolean }>();
  for (const table of t.tables) {
    const patterns: RegExp[] = [];
    let open = false;
    const blocks = [...(table.rows ?? []), ...(table.panels ?? []).flatMap((p) => [...p.rows, ...(p.footer ?? [])])];
    for (const b of blocks) {
      if ('row' in b) patterns.push(idPattern(b.row.id));
      else if ('each' in b) patterns.push(idPattern(b.each.row.id));
      else if ('levels' in b.group) {
        for (const l of b.group.levels) {
          if (l.by) open = true;
          else patterns.push(idPattern(l.id ?? l.name));
        }
      } else open = true;
    }
    rowIds.set(table.id, { patterns, open });
  }

  const checkFormula = (where: string, src: string, ctx: { columns?: Set<string>; fields?: Set<string>; vars?: Set<string> }) => {
    let expr: Expr;
    try {
      expr = parseFormula(src.replace(/\{(code|name|ordinal)\}/g, '0'));
    } catch (e) {
      add(where, e instanceof FormulaError ? e.message : String(e));
      return;
    }
    walk(expr, (e) => {
      if (e.kind === 'cell') {
        const cols = columnsOf.get(e.table);
        if (!cols) add(where, `公式引用了不存在的表“${e.table}”`);
        else if (!cols.has(e.column)) add(where, `公式引用了表 ${e.table} 中不存在的列“${e.column}”`);
        const ids = rowIds.get(e.table);
        if (ids && e.row.kind === 'id' && !ids.open && !ids.patterns.some((p) => p.test(e.row.kind === 'id' ? e.row.id : ''))) {
          add(where, `公式引用了表 ${e.table} 中不存在的行“${e.row.id}”`);
        }
        if (e.row.kind === 'var' && ctx.vars && !ctx.vars.has(e.row.name)) add(where, `公式中的变量“$${e.row.name}”在此处没有值`);
      } else if (e.kind === 'var') {
        if (ctx.vars && !ctx.vars.has(e.name)) add(where, `公式中的变量“$${e.name}”在此处没有值`);
      } else if (e.kind === 'aggregate') {
        const ds = t.datasets[e.dataset];
        if (!ds) add(where, `公式引用了不存在的数据集“${e.dataset}”`);
        else {
          if (ds.fields[e.field]?.type !== 'amount') add(where, `数据集 ${e.dataset} 没有金额字段“${e.field}”`);
          for (const w of e.where) if (!ds.fields[w.field]) add(where, `数据集 ${e.dataset} 没有字段“${w.field}”`);
        }
      } else if (e.kind === 'name' && ctx.columns && !ctx.columns.has(e.name) && !ctx.fields?.has(e.name)) {
        add(where, `公式引用了不存在的列或字段“${e.name}”`);
      }
    });
  };

  for (const table of t.tables) {
    const where = `表 ${table.id}（${table.caption}）`;
    const leaves = leafColumns(table.columns);
    const keys = new Set<string>();
    const numbers = new Map<number, string>();
    for (const col of leaves) {
      if (keys.has(col.key)) add(`${where} 列 ${col.key}`, '列名重复');
      keys.add(col.key);
      if (col.colNo) {
        try {
          numbers.set(parseColNo(col.colNo).number, col.key);
        } catch (e) {
          add(`${where} 列 ${col.key} 栏次`, e instanceof Error ? e.message : String(e));
        }
      }
    }
    for (const key of [table.colNoRow?.at ?? []].flat()) if (!keys.has(key)) add(`${where} 栏次行`, `不存在的列“${key}”`);
    const named = table.unitLine === undefined ? undefined : unitNamed(table.unitLine);
    for (const col of leaves) {
      const cw = `${where} 列 ${col.key}`;
      if (col.lineNo && col.type !== 'text') add(cw, '行次列应为文本列');
      if (col.type !== 'amount' && (col.unit || col.style)) add(cw, '只有金额列可以声明金额单位（unit）和格式（style）');
      const unit = amountFormat(t, table, col).unit;
      if (col.type === 'amount' && named && unit !== named) add(cw, `金额单位是“${unit}”，与单位行“${table.unitLine}”不符`);
      if (col.colNo && col.type !== 'text') {
        try {
          const c = parseColNo(col.colNo);
          const refs = c.kind === 'sum' ? c.equations.flat().map((x) => x.number) : c.kind === 'rate' ? [c.numerator, c.denominator] : [];
          for (const n of refs) if (!numbers.has(n)) add(`${cw} 栏次“${col.colNo}”`, `没有栏次为 ${n} 的列`);
          if (c.kind === 'sum' && col.colNoRules && col.colNoRules.length !== c.equations.length) {
            add(`${cw} colNoRules`, `应有 ${c.equations.length} 个规则编号，与栏次公式的等式个数一致`);
          }
        } catch {
          /* reported above */
        }
      }
      if (col.formula) checkFormula(`${cw} 公式`, col.formula, { columns: keys });
      for (const [dsName, source] of Object.entries(col.source ?? {})) {
        const ds = t.datasets[dsName];
        if (!ds) {
          add(`${cw} 来源`, `不存在的数据集“${dsName}”`);
          continue;
        }
        const expr = typeof source === 'string' ? source : source.expr;
        for (const term of expr.split(/[+-]/).map((s) => s.trim())) {
          if (ds.fields[term]?.type !== 'amount') add(`${cw} 来源 ${dsName}`, `“${term}”不是数据集 ${dsName} 的金额字段`);
        }
        if (typeof source !== 'string') {
          for (const f of Object.keys(source.where)) if (!ds.fields[f]) add(`${cw} 来源 ${dsName}`, `数据集 ${dsName} 没有字段“${f}”`);
        }
      }
    }
    for (const ds of table.entry ?? []) if (!t.datasets[ds]) add(`${where} entry`, `不存在的数据集“${ds}”`);
    const blocks: { block: RowBlock; columns: Set<string> }[] = [];
    if (table.rows && table.panels) add(where, '不能同时定义 rows 和 panels');
    if (!table.rows && !table.panels) add(where, '应定义 rows 或 panels');
    for (const b of table.rows ?? []) blocks.push({ block: b, columns: keys });
    for (const [i, panel] of (table.panels ?? []).entries()) {
      const pc = new Set(panel.columns);
      for (const c of panel.columns) if (!keys.has(c)) add(`${where} 第 ${i + 1} 栏`, `不存在的列“${c}”`);
      for (const b of [...panel.rows, ...(panel.footer ?? [])]) blocks.push({ block: b, columns: pc });
    }
    const rowIds = new Set<string>();
    for (const { block } of blocks) {
      if ('row' in block) rowIds.add(block.row.id);
    }
    for (const { block, columns } of blocks) checkBlock(t, table, block, columns, rowIds, tables, checkFormula, add);
  }

  if (t.tolerance) {
    const amount = parseStoredAmount(t.tolerance.amount, t.money);
    if (!amount.ok) add('tolerance', amount.message);
  }

  for (const [i, rule] of t.rules.entries()) {
    const where = `规则 ${rule.id}（第 ${i + 1} 条）`;
    if (rule.kind === 'compare') {
      const records = rule.forEach && 'records' in rule.forEach ? t.datasets[rule.forEach.records] : undefined;
      const vars = new Set(rule.forEach ? ('unit' in rule.forEach ? ['unit'] : ['id', ...Object.keys(records?.fields ?? {})]) : []);
      if (rule.forEachRow) {
        vars.add('row');
        if (rule.forEach) add(where, 'forEach 与 forEachRow 只能选一个');
        if (!tables.has(rule.forEachRow.table)) add(where, `forEachRow 引用了不存在的表“${rule.forEachRow.table}”`);
      }
      checkFormula(`${where} 左边`, rule.lhs, { vars });
      checkFormula(`${where} 右边`, rule.rhs, { vars });
      if (rule.when !== undefined) checkFormula(`${where} 条件`, rule.when, { vars });
      if (rule.forEach && 'records' in rule.forEach && !t.datasets[rule.forEach.records]) {
        add(where, `不存在的数据集“${rule.forEach.records}”`);
      }
    } else {
      const ds = t.datasets[rule.dataset];
      if (!ds) {
        add(where, `不存在的数据集“${rule.dataset}”`);
        continue;
      }
      if (rule.kind === 'exists') {
        const other = t.datasets[rule.in];
        const field = other?.fields[rule.field];
        if (!other) add(where, `不存在的数据集“${rule.in}”`);
        else if (field?.type !== 'ref' || field.dataset !== rule.dataset) {
          add(where, `数据集 ${rule.in} 的字段“${rule.field}”应引用数据集 ${rule.dataset}`);
        }
      } else if (rule.kind === 'unique') {
        for (const f of rule.fields) if (!ds.fields[f]) add(where, `数据集 ${rule.dataset} 没有字段“${f}”`);
      } else {
        const fields = new Set(Object.keys(ds.fields));
        if (rule.when) checkFormula(`${where} 条件`, rule.when, { fields, columns: new Set() });
        checkFormula(`${where} 要求`, rule.require, { fields, columns: new Set() });
      }
    }
  }
  checkDocument(t, narrativeParts, add);
  return problems;
}

/**
 * The document's parts: ids unique and apart from table ids (both name the editor's pages), narrative parts that the
 * narrative file has, and every table in exactly one tables part (else it would be neither printed nor listed).
 */
function checkDocument(t: Template, narrativeParts: readonly string[], add: (where: string, message: string) => void): void {
  const tableIds = new Set(t.tables.map((table) => table.id));
  const partIds = new Set<string>();
  const placed = new Map<string, string>();
  for (const [i, part] of t.document.parts.entries()) {
    const where = `document.parts[${i}]`;
    if (partIds.has(part.id)) add(`${where}.id`, `部分编号“${part.id}”重复`);
    else if (tableIds.has(part.id)) add(`${where}.id`, `部分编号“${part.id}”与表 ${part.id} 的编号相同，编辑器中无法区分`);
    partIds.add(part.id);
    if (part.kind === 'narrative' && !narrativeParts.includes(part.id)) {
      add(`${where}.id`, narrativeParts.length > 0 ? `说明文件中没有部分“${part.id}”（有：${narrativeParts.join('、')}）` : `本模板没有说明文件，不能引用说明部分“${part.id}”`);
    }
    if (part.kind !== 'tables') continue;
    for (const id of part.tables ?? tableIds) {
      const before = placed.get(id);
      if (!tableIds.has(id)) add(`${where}.tables`, `不存在的表“${id}”`);
      else if (before !== undefined) add(`${where}.tables`, `表 ${id} 已在 ${before}中`);
      else placed.set(id, `${where}（${part.id}）`);
    }
  }
  for (const table of t.tables) {
    if (!placed.has(table.id)) add('document.parts', `表 ${table.id}（${table.caption}）不在任何部分中，打印文件和编辑器都不会列出它`);
  }
}

/** A row id pattern: `{…}` placeholders stand for anything. */
function idPattern(id: string): RegExp {
  const parts = id.split(/\{[^{}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

function checkDataset(t: Template, name: string, ds: DatasetDef, add: (where: string, message: string) => void): void {
  for (const [fname, f] of Object.entries(ds.fields)) {
    const where = `数据集 ${name} 字段 ${fname}`;
    if ((f.type === 'code' || f.type === 'mapped') && !t.catalogues[f.catalogue]) add(where, `不存在的目录“${f.catalogue}”`);
    if (f.type === 'mapped') {
      if (!t.mappings[f.mapping]) add(where, `不存在的对照表“${f.mapping}”`);
      if (ds.fields[f.from]?.type !== 'code') add(where, `“${f.from}”应为本数据集的编码字段`);
    }
    if (f.type === 'classified' && ds.fields[f.from]?.type !== 'code') add(where, `“${f.from}”应为本数据集的编码字段`);
    if (f.type === 'ref' && !t.datasets[f.dataset]) add(where, `引用了不存在的数据集“${f.dataset}”`);
    if (f.type === 'via') {
      const ref = ds.fields[f.ref];
      if (ref?.type !== 'ref') add(where, `“${f.ref}”应为本数据集的引用字段`);
      else if (!t.datasets[ref.dataset]?.fields[f.field]) add(where, `数据集 ${ref.dataset} 没有字段“${f.field}”`);
    }
  }
  if (ds.perUnit && ds.fields['unit']?.type !== 'unit') add(`数据集 ${name}`, '按单位填报的数据集应有单位字段 unit');
}

function checkBlock(
  t: Template,
  table: TableDef,
  block: RowBlock,
  columns: Set<string>,
  rowIds: Set<string>,
  tables: Map<string, TableDef>,
  checkFormula: (where: string, src: string, ctx: { columns?: Set<string> }) => void,
  add: (where: string, message: string) => void,
): void {
  const where = `表 ${table.id}（${table.caption}）`;
  const checkCells = (w: string, cells: Record<string, string> | undefined) => {
    for (const [col, value] of Object.entries(cells ?? {})) {
      if (!columns.has(col)) add(w, `不存在的列“${col}”`);
      if (value.startsWith('=')) checkFormula(`${w} 列 ${col}`, value.slice(1), { columns });
    }
  };
  if ('row' in block || 'each' in block) {
    const row = 'row' in block ? block.row : block.each.row;
    const w = `${where} 行 ${row.id}`;
    checkCells(w, row.cells);
    for (const id of row.sumOf ?? []) if (!rowIds.has(id)) add(w, `sumOf 引用了不存在的行“${id}”`);
    if (row.parent && !rowIds.has(row.parent)) add(w, `parent 引用了不存在的行“${row.parent}”`);
    for (const [dsName, filter] of Object.entries(row.filter ?? {})) {
      const ds = t.datasets[dsName];
      if (!ds) add(w, `筛选引用了不存在的数据集“${dsName}”`);
      else for (const f of Object.keys(filter)) if (!ds.fields[f]) add(w, `数据集 ${dsName} 没有字段“${f}”`);
    }
    if ('each' in block && !t.catalogues[block.each.list]) add(w, `不存在的目录“${block.each.list}”`);
    return;
  }
  const group = block.group;
  if ('like' in group) {
    const other = tables.get(group.like);
    if (!other?.rows?.some((b) => 'group' in b && 'sources' in b.group)) add(where, `like 应引用一个按数据分组的表，“${group.like}”不是`);
    return;
  }
  for (const s of group.sources) if (!t.datasets[s]) add(where, `分组来源引用了不存在的数据集“${s}”`);
  const hasField = (field: string) => group.sources.every((s) => !t.datasets[s] || t.datasets[s].fields[field]);
  for (const [i, level] of group.levels.entries()) {
    const w = `${where} 层级“${level.name}”`;
    const last = i === group.levels.length - 1;
    checkCells(w, level.cells);
    if (level.after && last) add(w, 'after 只用于有下级的层级');
    if (level.lines) {
      if (!last) add(w, 'lines 只用于最后一个层级');
      if (level.cells) add(w, '有 lines 的层级不能另有 cells，请写在各行中');
      for (const line of level.lines) {
        checkCells(`${w} 行 ${line.id}`, line.cells);
        for (const f of Object.keys(line.filter ?? {})) if (!hasField(f)) add(`${w} 行 ${line.id}`, `分组来源没有筛选字段“${f}”`);
      }
    }
    for (const part of level.by ?? []) {
      const field = typeof part === 'string' ? part : part.field;
      if (field === 'id') continue;
      for (const s of group.sources) if (t.datasets[s] && !t.datasets[s].fields[field]) add(w, `数据集 ${s} 没有分组字段“${field}”`);
    }
  }
}
