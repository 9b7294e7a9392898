/**
 * generateNarrative: the narrative of a book written from the engine's current figures and the officer's texts.
 * Every figure is computed now, through engine.evaluate or a list of table rows, so regenerating after an edit
 * (engine.setAmount, a changed text) updates every sentence that uses it. The 提示 checks of the text (a change
 * without a reason, an overridden figure that no longer matches, a placeholder left) are collected on the way.
 */
import { columnLabel, type Failure, rowLabel } from '../engine/checks';
import type { Engine } from '../engine/engine';
import { type Expr, walk } from '../engine/expr';
import { referencedRows } from '../engine/build';
import { bookLookup, chineseOrdinal, fillText, type Lookup } from '../engine/text';
import { Dec, type Fen, formatAmount, fromUnitDecimal, parseAmount, percent, roundToFormat } from '../money/money';
import type { Binding, CellRef, FigureValue, Missing, NarrativeDoc, Paragraph, Part, Segment, TypedField } from './document';
import { type BookText, fieldForm, fieldLines, fieldText } from './fields';
import { type ListItem, Lists } from './lists';
import { narrativeFor } from './load';
import type { Condition, FieldDef, NarrativeFile, PartDef, SectionDef, SentenceParagraphDef } from './schema';
import { expandKey, parseSentence, parseValue, type Token, type ValueExpr } from './sentence';

const DEFAULT_ITEM = '{label}{amount: value}万元';
const DEFAULT_JOIN = '、';
/** A generated paragraph ends with one of these; otherwise a 。 is added after the officer's last text. */
const TERMINAL = /[。；！？：]$/;

/**
 * The narrative of the engine's book with the officer's texts (book.text by default; the editor passes its
 * unsaved texts). A template set without a narrative file gives an empty document.
 */
export function generateNarrative(engine: Engine, text: BookText = engine.book.file.text ?? {}): NarrativeDoc {
  const file = narrativeFor(engine.book.template);
  if (!file) return { parts: [], failures: [] };
  return new Generator(engine, file, text).document();
}

/** Where a paragraph is, for the checks panel. */
interface Place {
  readonly part: string;
  readonly section: string;
  readonly index: number;
}

interface ItemScope {
  readonly list: string;
  readonly item: ListItem;
  /** 一, 二 … and 1, 2 …: the item's place in its list. */
  readonly ordinal: string;
  readonly number: string;
}

function itemScope(list: string, item: ListItem, index: number): ItemScope {
  return { list, item, ordinal: chineseOrdinal(index + 1), number: String(index + 1) };
}

interface Scope {
  readonly paragraph: string;
  readonly place: Place;
  readonly rule: string | undefined;
  readonly vars: Readonly<Record<string, string>>;
  readonly item?: ItemScope;
  readonly report: (f: Failure) => void;
}

type Evaluated =
  | { readonly ok: true; readonly fen: Fen; readonly binding: Binding }
  | { readonly ok: false; readonly label: string; readonly missing: Missing };

class Generator {
  private readonly lists: Lists;
  private readonly lookup: Lookup;
  private readonly failures: Failure[] = [];
  private readonly figureIds = new Map<string, number>();

  constructor(
    private readonly engine: Engine,
    private readonly file: NarrativeFile,
    private readonly text: BookText,
  ) {
    this.lookup = bookLookup(engine.book);
    this.lists = new Lists(engine, file, (source) => {
      const v = this.value(parseValue(source), {}, undefined);
      return v.ok ? v.fen : undefined;
    });
  }

  document(): NarrativeDoc {
    const parts: Part[] = this.file.parts.map((part) => ({
      id: part.id,
      title: fillText(part.title, this.lookup),
      sections: part.sections.map((section) => ({ id: section.id, title: fillText(section.title, this.lookup), paragraphs: this.section(part, section) })),
    }));
    return { parts, failures: this.failures };
  }

  private section(part: PartDef, section: SectionDef): Paragraph[] {
    const out: Paragraph[] = [];
    const place = () => ({ part: fillText(part.title, this.lookup), section: fillText(section.title, this.lookup), index: out.length + 1 });
    for (const p of section.paragraphs) {
      const id = `${part.id}.${section.id}.${p.id}`;
      if ('lines' in p) {
        out.push(...this.lines(id, p.lines, p.number, place()));
        continue;
      }
      if (p.if !== undefined && !this.holds(p.if)) continue;
      if (p.items !== undefined) {
        this.lists.get(p.items).forEach((item, i) => out.push(this.sentence(p, `${id}.${item.key}`, item.vars, place(), itemScope(p.items!, item, i))));
        continue;
      }
      for (const vars of p.each ?? [{}]) out.push(this.sentence(p, p.each ? `${id}.${vars['id']}` : id, vars, place()));
    }
    return out;
  }

  /** Whether a conditional paragraph is part of the document; a value whose input is missing is not zero. */
  private holds(condition: Condition): boolean {
    if ('blank' in condition) return this.field(condition.blank, {}).text.trim() === '';
    const isZero = (source: string) => {
      const v = this.value(parseValue(source), {}, undefined);
      return v.ok && v.fen === 0;
    };
    return 'zero' in condition ? condition.zero.every(isZero) : !condition.nonZero.every(isZero);
  }

  private sentence(p: SentenceParagraphDef, id: string, vars: Readonly<Record<string, string>>, place: Place, item?: ItemScope): Paragraph {
    // A figure missing twice in one sentence (a 年初预算数 and the rate read from it) is one thing to do.
    const found = new Map<string, Failure>();
    const report = (f: Failure) => found.has(f.key) || found.set(f.key, f);
    const scope: Scope = { paragraph: id, place, rule: p.rule, vars, report, ...(item ? { item } : {}) };
    const segments = joinTexts(this.render(parseSentence(p.text), scope));
    const text = segments.map((s) => s.text).join('');
    if (text !== '' && !TERMINAL.test(text)) segments.push({ kind: 'text', text: '。' });
    const printed = p.when === undefined || this.field(p.when, vars).text.trim() !== '';
    if (printed) this.failures.push(...found.values());
    return { id, segments, text: segments.map((s) => s.text).join(''), printed };
  }

  /** A multi-line field, one paragraph per line, numbered when the paragraph says so. */
  private lines(id: string, key: string, number: string | undefined, place: Place): Paragraph[] {
    const scopeAt = (index: number, paragraph: string): Scope => ({
      paragraph,
      place: { ...place, index },
      rule: undefined,
      vars: {},
      report: (f) => this.failures.push(f),
    });
    const { def, label, text, isDefault } = this.field(key, {});
    const lines = fieldLines(text);
    if (lines.length === 0) {
      if (!def.required) return [];
      const segment = this.placeholder(scopeAt(place.index, id), label, { kind: 'field', key }, this.file.ruleFor.placeholder);
      return [{ id, segments: [segment], text: segment.text, printed: true }];
    }
    return lines.map((line, i) => {
      const lineId = `${id}.${i + 1}`;
      this.checkMarks(scopeAt(place.index + i, lineId), key, label, line);
      const n = number === undefined ? [] : [{ kind: 'text' as const, text: fillText(number, (p) => (p === 'n' ? String(i + 1) : undefined)) }];
      const segments: Segment[] = [...n, { kind: 'field', key, label, text: line, multiline: true, isDefault }];
      return { id: lineId, segments, text: segments.map((s) => s.text).join(''), printed: true };
    });
  }

  private render(tokens: readonly Token[], scope: Scope, named?: (name: string) => Segment[] | undefined): Segment[] {
    const out: Segment[] = [];
    for (const tok of tokens) {
      switch (tok.kind) {
        case 'text':
          out.push({ kind: 'text', text: tok.text });
          break;
        case 'placeholder':
          out.push(...(named?.(tok.name) ?? [{ kind: 'text', text: this.placeholderText(tok.name, scope) }]));
          break;
        case 'var':
          out.push({ kind: 'text', text: scope.vars[tok.name] ?? '' });
          break;
        case 'amount': {
          const v = this.value(tok.value, scope.vars, scope.item);
          out.push(v.ok ? this.figure(scope, tok.source, { format: 'amount', fen: v.fen }, v.binding) : this.missing(scope, v));
          break;
        }
        case 'percent': {
          const a = this.value(tok.numerator, scope.vars, scope.item);
          const b = this.value(tok.denominator, scope.vars, scope.item);
          if (!a.ok) out.push(this.missing(scope, a));
          else if (!b.ok) out.push(this.missing(scope, b));
          else out.push(this.figure(scope, tok.source, { format: 'percent', text: percent(a.fen, b.fen) ?? '-' }, combined('/', a.binding, b.binding)));
          break;
        }
        case 'count': {
          const items = this.lists.get(tok.list);
          out.push(this.figure(scope, tok.source, { format: 'count', count: items.length }, this.listBinding('count', tok.list)));
          break;
        }
        case 'change':
          out.push(...this.change(tok, scope));
          break;
        case 'reason':
          out.push(...this.reason(tok, scope));
          break;
        case 'field':
          out.push(...this.inlineField(tok.key, scope));
          break;
        case 'list':
          out.push(...this.list(tok.list, scope));
          break;
      }
    }
    return out;
  }

  private placeholderText(name: string, scope: Scope): string {
    if (name === 'label' && scope.item) return scope.item.item.label;
    if (name === 'ordinal' && scope.item) return scope.item.ordinal;
    if (name === 'number' && scope.item) return scope.item.number;
    return this.lookup(name) ?? `{${name}}`;
  }

  /**
   * The clause comparing current with prior: the wording for up, down, unchanged or a zero prior, with Δ, its rate,
   * current / prior, and the officer's reason where the wording asks for one (required there).
   */
  private change(tok: Extract<Token, { kind: 'change' }>, scope: Scope): Segment[] {
    const current = this.value(tok.current, scope.vars, scope.item);
    const prior = this.value(tok.prior, scope.vars, scope.item);
    if (!current.ok) return [this.missing(scope, current)];
    if (!prior.ok) return [this.missing(scope, prior)];
    const delta = current.fen - prior.fen;
    const wording = this.file.changes[tok.wording]!;
    const form =
      delta === 0 ? (prior.fen === 0 ? (wording.zero ?? wording.same) : wording.same) : prior.fen === 0 ? wording.fromZero : delta > 0 ? wording.up : wording.down;
    const size = Math.abs(delta) as Fen;
    const deltaBinding = combined('-', current.binding, prior.binding);
    const rateBinding = combined('/', { ...deltaBinding, formula: `|${deltaBinding.formula}|` }, prior.binding);
    return this.render(parseSentence(form), scope, (name) => {
      if (name === 'delta') return [this.figure(scope, `${tok.source}:delta`, { format: 'amount', fen: size }, deltaBinding)];
      if (name === 'rate') return [this.figure(scope, `${tok.source}:rate`, { format: 'percent', text: percent(size, prior.fen) ?? '-' }, rateBinding)];
      if (name === 'ratio') {
        const ratio = percent(current.fen, prior.fen) ?? '-';
        return [this.figure(scope, `${tok.source}:ratio`, { format: 'percent', text: ratio }, combined('/', current.binding, prior.binding))];
      }
      if (name === 'reason' && tok.reason !== undefined) return this.requiredReason(tok.reason, scope);
      return undefined;
    });
  }

  /** The officer's reason where a wording asks for one: a placeholder (and a 提示) while none is written. */
  private requiredReason(pattern: string, scope: Scope): Segment[] {
    const { key, label, text } = this.field(pattern, scope.vars);
    if (text.trim() === '') return [this.placeholder(scope, label, { kind: 'field', key }, this.file.ruleFor.missingReason)];
    return this.inlineField(pattern, scope);
  }

  /** `，主要原因是：…`: required while current ≠ prior, printed whenever the officer wrote one. */
  private reason(tok: Extract<Token, { kind: 'reason' }>, scope: Scope): Segment[] {
    const { text } = this.field(tok.key, scope.vars);
    const current = this.value(tok.current, scope.vars, scope.item);
    const prior = this.value(tok.prior, scope.vars, scope.item);
    const changed = current.ok && prior.ok && current.fen !== prior.fen;
    if (text.trim() === '' && !changed) return [];
    const segments = this.requiredReason(tok.key, scope);
    return this.render(parseSentence(this.file.reason), scope, (name) => (name === 'reason' ? segments : undefined));
  }

  private inlineField(pattern: string, scope: Scope): Segment[] {
    const { def, key, label, text, isDefault } = this.field(pattern, scope.vars);
    const value = text.trim();
    if (value === '' && def.required) return [this.placeholder(scope, label, { kind: 'field', key }, this.file.ruleFor.placeholder)];
    // An optional text not written yet prints nothing but stays a segment, so the editor offers it.
    if (value === '') return [{ kind: 'field', key, label, text: '', multiline: false, isDefault }];
    const form = fieldForm(def);
    if (form && !form.pattern.test(value)) {
      scope.report(this.failure(scope, this.file.ruleFor.badFormat, `format:${key}`, label, { expected: form.name, actual: value }));
    }
    this.checkMarks(scope, key, label, value);
    return [{ kind: 'field', key, label, text: value, multiline: false, isDefault }];
  }

  private checkMarks(scope: Scope, key: string, label: string, text: string): void {
    const mark = this.file.marks.find((m) => text.includes(m));
    if (mark) scope.report(this.failure(scope, this.file.ruleFor.placeholder, `mark:${key}:${text}`, label, { actual: mark }));
  }

  private list(name: string, scope: Scope): Segment[] {
    const def = this.file.lists[name]!;
    const items = this.lists.get(name);
    if (items.length === 0) return def.empty === undefined ? [] : [{ kind: 'text', text: def.empty }];
    const tokens = parseSentence(def.item ?? DEFAULT_ITEM);
    const out: Segment[] = def.prefix === undefined ? [] : [{ kind: 'text', text: def.prefix }];
    items.forEach((item, i) => {
      if (i > 0) out.push({ kind: 'text', text: def.join ?? DEFAULT_JOIN });
      out.push(...this.render(tokens, { ...scope, vars: { ...scope.vars, ...item.vars }, item: itemScope(name, item, i) }));
    });
    return out;
  }

  private value(v: ValueExpr, vars: Readonly<Record<string, string>>, item: ItemScope | undefined): Evaluated {
    switch (v.kind) {
      case 'item':
        return { ok: true, fen: item!.item.value, binding: { formula: item!.item.formula, cells: item!.item.cells } };
      case 'total':
        if (v.of === undefined) return { ok: true, fen: this.lists.total(v.list), binding: this.listBinding('total', v.list) };
        return this.totalOf(v.list, v.of, vars);
      case 'field':
        return this.typedAmount(v.key, vars);
      case 'named': {
        const def = this.file.values[v.name]!;
        const result = this.value(parseValue(def.expr), vars, item);
        return result.ok ? result : { ...result, label: fillText(def.label, this.lookup) };
      }
      case 'formula': {
        const missing = this.missingInput(v.expr, vars);
        if (missing) return { ok: false, label: v.source, missing };
        const fen = this.engine.evaluate(v.source, vars) as Fen;
        return { ok: true, fen, binding: { formula: v.source, cells: this.cells(v.expr, vars) } };
      }
    }
  }

  /** Σ of `of` over a list's items; missing while any item's is (the first one missing is named). */
  private totalOf(list: string, of: ValueExpr, vars: Readonly<Record<string, string>>): Evaluated {
    let fen = 0;
    const cells: CellRef[] = [];
    const fields: TypedField[] = [];
    const items = this.lists.get(list);
    for (const [i, item] of items.entries()) {
      const v = this.value(of, { ...vars, ...item.vars }, itemScope(list, item, i));
      if (!v.ok) return v;
      fen += v.fen;
      cells.push(...v.binding.cells);
      fields.push(...(v.binding.fields ?? []));
    }
    return { ok: true, fen: fen as Fen, binding: { formula: `total(${list}, ${valueSource(of)})`, cells, fields } };
  }

  /** An amount the officer typed (an `amount` field); missing while empty or not an amount. */
  private typedAmount(pattern: string, vars: Readonly<Record<string, string>>): Evaluated {
    const { key, label, text } = this.field(pattern, vars);
    const parsed = text.trim() === '' ? undefined : parseAmount(text, this.engine.book.template.money);
    if (!parsed?.ok) return { ok: false, label, missing: { kind: 'field', key } };
    return { ok: true, fen: parsed.value, binding: { formula: key, cells: [], fields: [{ key, label }] } };
  }

  /** The first input record (a prior-year figure) the formula reads that the officer has not entered. */
  private missingInput(expr: Expr, vars: Readonly<Record<string, string>>): Missing | undefined {
    let missing: Missing | undefined;
    walk(expr, (e) => {
      if (missing || e.kind !== 'aggregate' || !this.file.inputs.includes(e.dataset)) return;
      const where: Record<string, string> = {};
      for (const w of e.where) where[w.field] = w.value.kind === 'string' ? w.value.value : w.value.kind === 'var' ? (vars[w.value.name] ?? '') : '';
      const records = this.engine.book.records.get(e.dataset) ?? [];
      if (!records.some((r) => Object.entries(where).every(([f, value]) => r.fields[f] === value))) {
        missing = { kind: 'input', dataset: e.dataset, where };
      }
    });
    return missing;
  }

  private listBinding(fn: 'count' | 'total', list: string): Binding {
    return { formula: `${fn}(${list})`, cells: this.lists.cells(list) };
  }

  private cells(expr: Expr, vars: Readonly<Record<string, string>>): CellRef[] {
    const out: CellRef[] = [];
    walk(expr, (e) => {
      if (e.kind !== 'cell') return;
      for (const row of referencedRows(this.engine.model.tableById, e, undefined, vars)) out.push({ table: e.table, row: row.id, column: e.column });
    });
    return out;
  }

  private field(pattern: string, vars: Readonly<Record<string, string>>): { def: FieldDef; key: string; label: string; text: string; isDefault: boolean } {
    const def = this.file.fields[pattern]!;
    const key = expandKey(pattern, vars);
    const label = fillText(def.label, (p) => (p.startsWith('$') ? vars[p.slice(1)] : this.lookup(p)));
    return { def, key, label, ...fieldText(def, key, this.text) };
  }

  /** A generated figure, or the officer's override of it (checked against the figure). */
  private figure(scope: Scope, source: string, value: FigureValue, binding: Binding): Segment {
    const base = `${scope.paragraph}/${scope.item ? `${scope.item.list}[${scope.item.item.key}]/` : ''}${source}`;
    const n = (this.figureIds.get(base) ?? 0) + 1;
    this.figureIds.set(base, n);
    const id = n === 1 ? base : `${base}#${n}`;
    const overrideKey = `override.${id}`;
    const generated = this.format(value);
    const override = this.text[overrideKey]?.trim() ?? '';
    if (override === '') return { kind: 'figure', id, overrideKey, text: generated, generated, value, binding, overridden: false, matches: true };
    const { matches, differenceFen } = this.compareOverride(value, override);
    if (!matches) {
      const money = this.engine.book.template.money;
      scope.report(
        this.failure(scope, scope.rule ?? this.file.ruleFor.placeholder, `override:${id}`, this.describe(binding), {
          expected: generated,
          actual: override,
          ...(differenceFen === undefined ? {} : { difference: formatAmount(differenceFen as Fen, money), differenceFen }),
        }),
      );
    }
    return { kind: 'figure', id, overrideKey, text: override, generated, value, binding, overridden: true, matches };
  }

  private format(value: FigureValue): string {
    switch (value.format) {
      case 'amount':
        return formatAmount(value.fen, this.engine.book.template.money);
      case 'percent':
        return value.text;
      case 'count':
        return String(value.count);
    }
  }

  /** Whether an override states the figure (an amount at its printed decimals); for amounts, override − figure. */
  private compareOverride(value: FigureValue, override: string): { matches: boolean; differenceFen?: number } {
    switch (value.format) {
      case 'amount': {
        const money = this.engine.book.template.money;
        const parsed = parseAmount(override, money);
        if (!parsed.ok) return { matches: false };
        const differenceFen = parsed.value - fromUnitDecimal(roundToFormat(value.fen, money), money);
        return { matches: differenceFen === 0, differenceFen };
      }
      case 'percent': {
        const text = override.replace(/[%％]$/, '');
        if (value.text === '-' || !/^\d+(\.\d+)?$/.test(text)) return { matches: text === value.text };
        return { matches: new Dec(text).eq(value.text) };
      }
      case 'count':
        return { matches: /^\d+$/.test(override) && Number(override) === value.count };
    }
  }

  /** The table cell a figure comes from, as the checks panel names cells: `表1 收入总计 预算数`. */
  private describe(binding: Binding): string {
    const first = binding.cells[0];
    const table = first && this.engine.model.tableById.get(first.table);
    const row = table?.rowById.get(first!.row);
    const column = table?.columnByKey.get(first!.column);
    if (!table || !row || !column) return binding.formula;
    const more = binding.cells.length > 1 ? ' 等' : '';
    return `${table.def.caption} ${rowLabel(table, row.text, row.panel, row.id)} ${columnLabel(column)}${more}`;
  }

  private missing(scope: Scope, v: Extract<Evaluated, { ok: false }>): Segment {
    return this.placeholder(scope, v.label, v.missing, this.file.ruleFor.placeholder);
  }

  private placeholder(scope: Scope, label: string, missing: Missing, ruleId: string): Segment {
    const key = missing.kind === 'field' ? missing.key : `${missing.dataset}:${Object.values(missing.where).join('/')}`;
    scope.report(this.failure(scope, ruleId, `missing:${key}`, label));
    const text = fillText(this.file.placeholder, (p) => (p === 'label' ? label : this.lookup(p)));
    return { kind: 'placeholder', label, text, missing };
  }

  private failure(scope: Scope, ruleId: string, what: string, column: string, extra: Partial<Failure> = {}): Failure {
    return {
      key: `narrative:${scope.paragraph}:${what}`,
      ruleId,
      severity: '提示',
      name: this.file.rules[ruleId] ?? ruleId,
      table: scope.place.part,
      row: `${scope.place.section} 第${scope.place.index}段`,
      column,
      ...extra,
    };
  }
}

function combined(op: string, a: Binding, b: Binding): Binding {
  const fields = [...(a.fields ?? []), ...(b.fields ?? [])];
  return { formula: `${a.formula} ${op} ${b.formula}`, cells: [...a.cells, ...b.cells], ...(fields.length > 0 ? { fields } : {}) };
}

/** How a value is written in a sentence, for a figure's formula. */
function valueSource(v: ValueExpr): string {
  switch (v.kind) {
    case 'item':
      return 'value';
    case 'total':
      return v.of === undefined ? `total(${v.list})` : `total(${v.list}, ${valueSource(v.of)})`;
    case 'field':
      return `field(${v.key})`;
    case 'named':
      return `@${v.name}`;
    case 'formula':
      return v.source;
  }
}

/** Adjacent text segments as one. */
function joinTexts(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s.text };
    else if (s.kind === 'text' && last?.kind === 'field' && STOP_AFTER.test(last.text) && STOP_BEFORE.test(s.text)) {
      // The officer ended their text with a full stop where the sentence goes on with its own: print one.
      if (s.text.length > 1) out.push({ kind: 'text', text: s.text.slice(1) });
    } else if (s.kind !== 'text' || s.text !== '') out.push(s);
  }
  return out;
}

/** An officer's text that ends a clause, and a sentence's text that starts with a stop of its own. */
const STOP_AFTER = /[。；！？]$/;
const STOP_BEFORE = /^[。；，]/;
