/**
 * Loading a narrative file: schema validation, then a pass that checks every name it uses against its template
 * (tables, columns, levels, datasets, fields, lists, values, wordings, rules), so a broken file fails at load with
 * the paragraph named, never later while an officer is writing.
 */
import { type Expr, walk } from '../engine/expr';
import { leafColumns } from '../template/load';
import { narrativeFileOf } from '../template/registry';
import type { TableDef, Template } from '../template/schema';
import { type Problem, ValidationError, zodProblems } from '../validation/issues';
import { type Condition, type ListDef, NarrativeFile, type ParagraphDef } from './schema';
import { parseSentence, parseValue, SentenceError, type Token, type ValueExpr } from './sentence';

const BOOK_PLACEHOLDERS = ['year', 'prev', 'dept.code', 'dept.name'];
/** What a list item's sentence may name besides the book's: its label and its place (一 / 1). */
const ITEM_PLACEHOLDERS = ['label', 'ordinal', 'number'];

/** Validates a narrative file against its template; throws ValidationError listing every problem. */
export function loadNarrative(raw: unknown, template: Template): NarrativeFile {
  const subject = `模板“${template.id}”的说明文件`;
  // reportInput keeps each issue's value, so describeIssue can tell a wrong type from a missing item.
  const parsed = NarrativeFile.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(subject, zodProblems(parsed.error));
  const problems = checkNarrative(parsed.data, template);
  if (problems.length > 0) throw new ValidationError(subject, problems);
  return parsed.data;
}

const loaded = new Map<Template, NarrativeFile | null>();

/** The narrative of a shipped template, validated once; undefined when the set has none. */
export function narrativeFor(template: Template): NarrativeFile | undefined {
  let n = loaded.get(template);
  if (n === undefined) {
    const raw = narrativeFileOf(template.id, template.version);
    n = raw === undefined ? null : loadNarrative(raw, template);
    loaded.set(template, n);
  }
  return n ?? undefined;
}

/** Where a sentence is used, which names it may use. */
interface Context {
  readonly where: string;
  /** Variables a `$x` may name. */
  readonly vars: ReadonlySet<string>;
  /** Placeholders other than the book's (`label`, `ordinal` in an item; `delta`, `rate` in a wording). */
  readonly placeholders: readonly string[];
  /** Inside a list item, `value` is the item's value. */
  readonly inItem: boolean;
  /** Whether directives may appear (not in wordings). */
  readonly directives: boolean;
}

/** Semantic checks of a parsed narrative file. Exported for tests of broken files. */
export function checkNarrative(n: NarrativeFile, t: Template): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });
  const tables = new Map(t.tables.map((d) => [d.id, d]));
  const columnsOf = (id: string) => new Set(leafColumns(tables.get(id)?.columns ?? []).map((c) => c.key));

  if (n.template.id !== t.id || n.template.version !== t.version) {
    add('template', `说明文件属于模板“${n.template.id}”第 ${n.template.version} 版，而不是“${t.id}”第 ${t.version} 版`);
  }
  for (const ds of n.inputs) if (!t.datasets[ds]) add('inputs', `模板中没有数据集“${ds}”`);
  for (const [what, ruleId] of Object.entries(n.ruleFor)) if (!n.rules[ruleId]) add(`ruleFor.${what}`, `rules 中没有规则“${ruleId}”`);

  const checkFormula = (where: string, expr: Expr) => {
    walk(expr, (e) => {
      if (e.kind === 'cell') {
        if (!tables.has(e.table)) add(where, `公式引用了不存在的表“${e.table}”`);
        else if (!columnsOf(e.table).has(e.column)) add(where, `公式引用了表 ${e.table} 中不存在的列“${e.column}”`);
      } else if (e.kind === 'aggregate') {
        const ds = t.datasets[e.dataset];
        if (!ds) return add(where, `公式引用了不存在的数据集“${e.dataset}”`);
        if (ds.fields[e.field]?.type !== 'amount') add(where, `数据集 ${e.dataset} 没有金额字段“${e.field}”`);
        for (const w of e.where) {
          if (!ds.fields[w.field]) add(where, `数据集 ${e.dataset} 没有字段“${w.field}”`);
          // Whether an input's record exists is decided from these values, so they must be plain.
          if (n.inputs.includes(e.dataset) && w.value.kind !== 'string' && w.value.kind !== 'var') {
            add(where, `填报数据集 ${e.dataset} 的筛选值应为文字或变量`);
          }
        }
      } else if (e.kind === 'name') add(where, `公式中的名称“${e.name}”无法解析（说明中的公式只能引用单元格和数据集）`);
    });
  };
  /**
   * Fields that explain or give a figure of this year (a reason for a change, a typed 年初预算数): what they say is
   * never true of next year, so they must be declared annual, or next year's book would print last year's words.
   */
  const ofTheYear = new Map<string, string>();
  const checkValue = (where: string, v: ValueExpr, ctx: Pick<Context, 'inItem' | 'vars'>): void => {
    if (v.kind === 'item' && !ctx.inItem) add(where, '“value”只能用在列表的条目中');
    if (v.kind === 'total' && !n.lists[v.list]) add(where, `没有列表“${v.list}”`);
    if (v.kind === 'total' && v.of) {
      const list = n.lists[v.list];
      checkValue(where, v.of, { inItem: true, vars: new Set(['label', ...(list ? itemVars(list, n, t) : [])]) });
    }
    if (v.kind === 'field') {
      const def = n.fields[v.key];
      if (!def) add(where, `fields 中没有字段“${v.key}”`);
      else if (def.kind !== 'amount') add(where, `字段“${v.key}”不是金额字段（kind 应为 amount），不能当作数字使用`);
      else ofTheYear.set(v.key, '是本年度的数字');
      checkKeyVars(where, v.key, ctx.vars);
    }
    if (v.kind === 'named' && !n.values[v.name]) add(where, `values 中没有“${v.name}”`);
    if (v.kind === 'formula') checkFormula(where, v.expr);
  };

  for (const [name, def] of Object.entries(n.values)) {
    const where = `values.${name}`;
    try {
      const v = parseValue(def.expr);
      if (v.kind === 'named' || v.kind === 'item') add(where, '应为公式或 total(列表)');
      else checkValue(where, v, { inItem: false, vars: new Set() });
    } catch (e) {
      add(where, e instanceof Error ? e.message : String(e));
    }
  }

  /** A value written on its own (a list's threshold, a condition), outside any item. */
  const checkSource = (where: string, source: string) => {
    try {
      checkValue(where, parseValue(source), { inItem: false, vars: new Set() });
    } catch (e) {
      add(where, e instanceof Error ? e.message : String(e));
    }
  };

  const checkSentence = (text: string, ctx: Context) => {
    let tokens: readonly Token[];
    try {
      tokens = parseSentence(text);
    } catch (e) {
      if (!(e instanceof SentenceError)) throw e;
      return add(ctx.where, e.message);
    }
    for (const tok of tokens) checkToken(tok, ctx);
  };
  /** A `$x` in a field key must be a variable where the key is used, or every item would share one text. */
  const checkKeyVars = (where: string, key: string, vars: ReadonlySet<string>) => {
    for (const m of key.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) if (!vars.has(m[1]!)) add(where, `字段“${key}”中的变量“$${m[1]}”在此处没有值`);
  };
  const checkField = (where: string, key: string, inline: boolean) => {
    const def = n.fields[key];
    if (!def) add(where, `fields 中没有字段“${key}”`);
    else if (inline && def.multiline) add(where, `多行字段“${key}”不能用在句子中，应作为 lines 段落`);
  };
  const checkToken = (tok: Token, ctx: Context) => {
    const where = ctx.where;
    switch (tok.kind) {
      case 'text':
        return;
      case 'placeholder':
        if (!BOOK_PLACEHOLDERS.includes(tok.name) && !ctx.placeholders.includes(tok.name)) add(where, `此处不能使用“{${tok.name}}”`);
        return;
      case 'var':
        if (!ctx.vars.has(tok.name)) add(where, `没有变量“$${tok.name}”`);
        return;
    }
    if (!ctx.directives) return add(where, `此处不能使用“${tok.source}”`);
    switch (tok.kind) {
      case 'amount':
        return checkValue(where, tok.value, ctx);
      case 'percent':
        checkValue(where, tok.numerator, ctx);
        return checkValue(where, tok.denominator, ctx);
      case 'change': {
        const wording = n.changes[tok.wording];
        if (!wording) add(where, `changes 中没有措辞“${tok.wording}”`);
        else if (tok.reason === undefined && Object.values(wording).some((w) => w.includes('{reason}'))) {
          add(where, `措辞“${tok.wording}”含有“{reason}”，“${tok.source}”应以第 4 个参数指明原因字段`);
        } else if (tok.reason !== undefined && !Object.values(wording).some((w) => w.includes('{reason}'))) {
          add(where, `措辞“${tok.wording}”没有“{reason}”，“${tok.source}”的原因字段“${tok.reason}”无处打印`);
        }
        if (tok.reason !== undefined) {
          ofTheYear.set(tok.reason, '是本年度数字增减变动的原因');
          checkField(where, tok.reason, true);
          checkKeyVars(where, tok.reason, ctx.vars);
        }
        checkValue(where, tok.current, ctx);
        return checkValue(where, tok.prior, ctx);
      }
      case 'reason':
        ofTheYear.set(tok.key, '是本年度数字增减变动的原因');
        checkField(where, tok.key, true);
        checkKeyVars(where, tok.key, ctx.vars);
        checkValue(where, tok.current, ctx);
        return checkValue(where, tok.prior, ctx);
      case 'field':
        checkKeyVars(where, tok.key, ctx.vars);
        return checkField(where, tok.key, true);
      case 'count':
      case 'list':
        if (!n.lists[tok.list]) add(where, `没有列表“${tok.list}”`);
        else if (tok.kind === 'list' && ctx.inItem) add(where, '列表的条目中不能再列出列表');
        return;
    }
  };
  const wordingCtx = (where: string, placeholders: string[]): Context => ({ where, vars: new Set(), placeholders, inItem: false, directives: false });

  checkSentence(n.placeholder, wordingCtx('placeholder', ['label']));
  checkSentence(n.reason, wordingCtx('reason', ['reason']));
  for (const [name, w] of Object.entries(n.changes)) {
    for (const [form, text] of Object.entries(w)) checkSentence(text, wordingCtx(`changes.${name}.${form}`, ['delta', 'rate', 'ratio', 'reason']));
  }

  for (const [name, def] of Object.entries(n.lists)) {
    checkList(`lists.${name}`, def, n, t, tables, columnsOf, add);
    const vars = new Set(['label', ...itemVars(def, n, t)]);
    const ctx: Context = { where: `lists.${name}.item`, vars, placeholders: ITEM_PLACEHOLDERS, inItem: true, directives: true };
    checkSentence(def.item ?? '', ctx);
    if (def.minShare) checkSource(`lists.${name}.minShare.of`, def.minShare.of);
  }
  for (const [key, def] of Object.entries(n.fields)) {
    if (def.kind && def.kind !== 'text' && def.multiline) add(`fields.${key}`, '数字字段不能是多行的');
    if (Array.isArray(def.default) && !def.multiline) add(`fields.${key}`, '只有多行字段的默认值可以是列表');
  }

  const ids = new Set<string>();
  for (const part of n.parts) {
    // Titles may name the book (its year, its department), nothing else.
    checkSentence(part.title, wordingCtx(`${part.id}.title`, []));
    for (const section of part.sections) {
      checkSentence(section.title, wordingCtx(`${part.id}.${section.id}.title`, []));
      for (const p of section.paragraphs) {
        const id = `${part.id}.${section.id}.${p.id}`;
        if (ids.has(id)) add(id, '段落编号重复');
        ids.add(id);
        checkParagraph(id, p, n, t, checkSentence, checkField, add);
        if ('if' in p && p.if !== undefined) checkCondition(`${id}.if`, p.if);
      }
    }
  }
  /** A condition's values are read outside any list item or paragraph variables. */
  function checkCondition(where: string, condition: Condition): void {
    if ('blank' in condition) return checkField(where, condition.blank, true);
    for (const source of 'zero' in condition ? condition.zero : condition.nonZero) checkSource(where, source);
  }
  for (const [key, what] of ofTheYear) {
    const def = n.fields[key];
    if (def && !def.annual) add(`fields.${key}`, `字段“${key}”${what}，应声明 "annual": true，不带入下一年度账套`);
  }
  return problems;
}

function checkParagraph(
  where: string,
  p: ParagraphDef,
  n: NarrativeFile,
  t: Template,
  checkSentence: (text: string, ctx: Context) => void,
  checkField: (where: string, key: string, inline: boolean) => void,
  add: (where: string, message: string) => void,
): void {
  if ('lines' in p) {
    checkField(where, p.lines, false);
    return;
  }
  if (p.items !== undefined) {
    const list = n.lists[p.items];
    if (!list) add(`${where}.items`, `没有列表“${p.items}”`);
    if (p.each) add(where, '段落不能同时有 each 和 items');
    const vars = new Set(['label', ...(list ? itemVars(list, n, t) : [])]);
    checkSentence(p.text, { where, vars, placeholders: ITEM_PLACEHOLDERS, inItem: true, directives: true });
  } else {
    const names = p.each?.map((e) => new Set(Object.keys(e))) ?? [];
    if (names.some((s) => !s.has('id'))) add(`${where}.each`, '每一项都应有 id');
    const vars = new Set(names.length > 0 ? [...names[0]!].filter((k) => names.every((s) => s.has(k))) : []);
    checkSentence(p.text, { where, vars, placeholders: [], inItem: false, directives: true });
  }
  const rules = n.rules;
  if (p.when !== undefined) checkField(`${where}.when`, p.when, true);
  if (p.rule !== undefined && !rules[p.rule]) add(`${where}.rule`, `rules 中没有规则“${p.rule}”`);
  if (p.rule === undefined && hasFigures(p.text)) add(where, '含有数字的段落应指明规则 rule');
}

function hasFigures(text: string): boolean {
  try {
    return parseSentence(text).some((t) => ['amount', 'percent', 'count', 'change', 'list'].includes(t.kind));
  } catch {
    return false;
  }
}

function checkList(
  where: string,
  def: ListDef,
  n: NarrativeFile,
  t: Template,
  tables: ReadonlyMap<string, TableDef>,
  columnsOf: (id: string) => Set<string>,
  add: (where: string, message: string) => void,
): void {
  const from = def.from;
  if (def.strip !== undefined) {
    try {
      new RegExp(def.strip);
    } catch {
      add(`${where}.strip`, `“${def.strip}”不是有效的正则表达式`);
    }
  }
  if ('table' in from) {
    const table = tables.get(from.table);
    if (!table) return add(`${where}.from`, `没有表“${from.table}”`);
    const columns = columnsOf(from.table);
    const levels = levelsOf(table, tables);
    if (from.level !== undefined && !levels.has(from.level)) add(`${where}.from.level`, `表 ${from.table} 没有层级“${from.level}”`);
    if (from.within && !levels.has(from.within.level)) add(`${where}.from.within`, `表 ${from.table} 没有层级“${from.within.level}”`);
    const filters = [from.within?.where ?? {}, ...(from.where === undefined ? [] : Array.isArray(from.where) ? from.where : [from.where])];
    for (const f of filters) for (const k of Object.keys(f)) if (!columns.has(k)) add(`${where}.from`, `表 ${from.table} 没有列“${k}”`);
    if (!columns.has(from.value)) add(`${where}.from.value`, `表 ${from.table} 没有列“${from.value}”`);
    for (const text of [def.label ?? '', def.key ?? '']) {
      for (const m of text.matchAll(/\{([^{}]+)\}/g)) {
        if (!columns.has(m[1]!) && !BOOK_PLACEHOLDERS.includes(m[1]!)) add(`${where}.label`, `表 ${from.table} 没有列“${m[1]}”`);
      }
    }
    for (const [name, text] of Object.entries(from.vars ?? {})) {
      for (const m of text.matchAll(/\{([^{}]+)\}/g)) {
        const path = m[1]!;
        const dot = path.indexOf('.');
        if (columns.has(path) || BOOK_PLACEHOLDERS.includes(path)) continue;
        if (dot < 0) add(`${where}.from.vars.${name}`, `表 ${from.table} 没有列“${path}”`);
        else if (!levels.has(path.slice(0, dot))) add(`${where}.from.vars.${name}`, `“{${path}}”：表 ${from.table} 没有层级“${path.slice(0, dot)}”`);
        else if (!columns.has(path.slice(dot + 1))) add(`${where}.from.vars.${name}`, `“{${path}}”：表 ${from.table} 没有列“${path.slice(dot + 1)}”`);
      }
    }
    if (def.label === undefined) add(where, '按表取条目的列表应有 label');
  } else if ('records' in from) {
    if (!t.datasets[from.records]) add(`${where}.from`, `模板中没有数据集“${from.records}”`);
    if (from.lookup !== undefined && !n.lists[from.lookup]) add(`${where}.from.lookup`, `没有列表“${from.lookup}”`);
    if (def.label === undefined) add(where, '按记录取条目的列表应有 label');
  } else if (!n.lists[from.list]) add(`${where}.from`, `没有列表“${from.list}”`);
  else if (reaches(n, from.list, where.slice('lists.'.length))) add(`${where}.from`, '列表之间不能循环引用');
}

/** Whether list `start` leads back to `target` through `from.list` / `from.lookup`. */
function reaches(n: NarrativeFile, start: string, target: string, seen = new Set<string>()): boolean {
  if (start === target) return true;
  if (seen.has(start)) return false;
  seen.add(start);
  const from = n.lists[start]?.from;
  if (!from) return false;
  const next = 'list' in from ? from.list : 'lookup' in from ? from.lookup : undefined;
  return next !== undefined && reaches(n, next, target, seen);
}

/** Variables of a list item: the record's fields and id for a record list (`$project`), a table list's `vars`. */
function itemVars(def: ListDef, n: NarrativeFile, t: Template, seen = new Set<ListDef>()): string[] {
  const from = def.from;
  if ('records' in from) return ['id', ...Object.keys(t.datasets[from.records]?.fields ?? {})];
  if ('table' in from) return Object.keys(from.vars ?? {});
  const source = 'list' in from ? n.lists[from.list] : undefined;
  if (!source || seen.has(source)) return [];
  seen.add(def);
  return itemVars(source, n, t, seen);
}

/** The level names of a table's grouped rows (a `like` table has the levels of the table it follows). */
function levelsOf(table: TableDef, tables: ReadonlyMap<string, TableDef>): Set<string> {
  const out = new Set<string>(['fixed']);
  for (const b of table.rows ?? []) {
    if (!('group' in b)) continue;
    if ('levels' in b.group) for (const l of b.group.levels) out.add(l.name);
    else {
      const other = tables.get(b.group.like);
      if (other && other !== table) for (const l of levelsOf(other, tables)) out.add(l);
    }
  }
  return out;
}
