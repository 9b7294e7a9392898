/**
 * Parsing sentence templates (see schema.ts for the directives) into tokens, and directive arguments into values.
 * Parsing is pure and cached by text, so a template is parsed once however often the narrative is regenerated.
 */
import { compileFormula } from '../engine/build';
import type { Expr } from '../engine/expr';

/** A value a directive reads. */
export type ValueExpr =
  /** The current list item's value. */
  | { readonly kind: 'item' }
  /** The sum over a list's items of their values, or of `of` read for each item. */
  | { readonly kind: 'total'; readonly list: string; readonly of?: ValueExpr }
  /** An amount the officer types, kept in book.text under the field's key (`$x` filled from the variables). */
  | { readonly kind: 'field'; readonly key: string }
  /** A value declared under `values` in the narrative file. */
  | { readonly kind: 'named'; readonly name: string }
  /** A formula evaluated by the engine. */
  | { readonly kind: 'formula'; readonly source: string; readonly expr: Expr };

export type Token =
  | { readonly kind: 'text'; readonly text: string }
  /** `{year}`, `{label}`, `{delta}`: a name the context fills in. */
  | { readonly kind: 'placeholder'; readonly name: string }
  /** `{$name}`: a variable of the paragraph or item. */
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'amount'; readonly source: string; readonly value: ValueExpr }
  | { readonly kind: 'percent'; readonly source: string; readonly numerator: ValueExpr; readonly denominator: ValueExpr }
  | { readonly kind: 'count'; readonly source: string; readonly list: string }
  | {
      readonly kind: 'change';
      readonly source: string;
      readonly wording: string;
      readonly current: ValueExpr;
      readonly prior: ValueExpr;
      /** The field of the officer's reason, printed where the wording says `{reason}`. */
      readonly reason?: string;
    }
  | { readonly kind: 'reason'; readonly source: string; readonly key: string; readonly current: ValueExpr; readonly prior: ValueExpr }
  | { readonly kind: 'field'; readonly source: string; readonly key: string }
  | { readonly kind: 'list'; readonly source: string; readonly list: string };

export type DirectiveToken = Exclude<Token, { kind: 'text' | 'placeholder' | 'var' }>;

export class SentenceError extends Error {}

/** How many arguments each directive takes: exactly, or [fewest, most]. */
const ARITY = { amount: 1, percent: 2, count: 1, change: [3, 4], reason: 3, field: 1, list: 1 } as const;
type Directive = keyof typeof ARITY;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A list, wording or field name; a field key may hold `$x` variables (`reason.initial.$code`). */
const KEY = /^[A-Za-z_$][A-Za-z0-9_.$]*$/;

const cache = new Map<string, readonly Token[]>();

/** The tokens of a sentence template; throws SentenceError with a Chinese message naming the bad `{…}`. */
export function parseSentence(text: string): readonly Token[] {
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = tokenize(text);
    cache.set(text, tokens);
  }
  return tokens;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    out.push(token(m[1]!.trim(), m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  const stray = out.find((t) => t.kind === 'text' && /[{}]/.test(t.text));
  if (stray) throw new SentenceError(`“${text}”中的花括号不成对`);
  return out;
}

function token(inner: string, whole: string): Token {
  if (inner.startsWith('$')) {
    if (!NAME.test(inner.slice(1))) throw new SentenceError(`“${whole}”：“$”后应为变量名`);
    return { kind: 'var', name: inner.slice(1) };
  }
  const directive = /^([a-z]+)\s*:(.*)$/s.exec(inner);
  if (!directive) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(inner)) throw new SentenceError(`无法识别的“${whole}”`);
    return { kind: 'placeholder', name: inner };
  }
  const name = directive[1]!;
  if (!(name in ARITY)) throw new SentenceError(`“${whole}”：未知的指令“${name}”，应为${Object.keys(ARITY).join('、')}之一`);
  const args = splitArgs(directive[2]!);
  const arity = ARITY[name as Directive];
  const [fewest, most] = typeof arity === 'number' ? [arity, arity] : arity;
  if (args.length < fewest || args.length > most || args.some((a) => a === '')) {
    const count = fewest === most ? `${fewest}` : `${fewest} 或 ${most}`;
    throw new SentenceError(`“${whole}”：“${name}”应有 ${count} 个参数，用逗号分隔`);
  }
  return directiveToken(name as Directive, args, whole);
}

function directiveToken(name: Directive, args: string[], source: string): DirectiveToken {
  const a = args as [string, string, string, string?];
  const plain = (arg: string, what: string): string => {
    if (!KEY.test(arg)) throw new SentenceError(`“${source}”：“${arg}”不是有效的${what}`);
    return arg;
  };
  switch (name) {
    case 'amount':
      return { kind: 'amount', source, value: parseValue(a[0], source) };
    case 'percent':
      return { kind: 'percent', source, numerator: parseValue(a[0], source), denominator: parseValue(a[1], source) };
    case 'count':
      return { kind: 'count', source, list: plain(a[0], '列表名') };
    case 'change': {
      const change = { kind: 'change', source, wording: plain(a[0], '措辞名'), current: parseValue(a[1], source), prior: parseValue(a[2], source) } as const;
      return a[3] === undefined ? change : { ...change, reason: plain(a[3], '字段名') };
    }
    case 'reason':
      return { kind: 'reason', source, key: plain(a[0], '字段名'), current: parseValue(a[1], source), prior: parseValue(a[2], source) };
    case 'field':
      return { kind: 'field', source, key: plain(a[0], '字段名') };
    case 'list':
      return { kind: 'list', source, list: plain(a[0], '列表名') };
  }
}

/**
 * `value`, `total(list)`, `total(list, V)`, `field(key)`, `@name`, or an engine formula (`T1[totalIn].in`,
 * `sum(basic.gpb | unit = $unit)`).
 */
export function parseValue(arg: string, source = arg): ValueExpr {
  if (arg === 'value') return { kind: 'item' };
  const total = /^total\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,(.*))?\)$/s.exec(arg);
  if (total) {
    const of = total[2]?.trim();
    if (of === '') throw new SentenceError(`“${source}”：total 的第二个参数不能为空`);
    return of === undefined ? { kind: 'total', list: total[1]! } : { kind: 'total', list: total[1]!, of: parseValue(of, source) };
  }
  const field = /^field\(\s*([^()\s]*)\s*\)$/.exec(arg);
  if (field) {
    if (!KEY.test(field[1]!)) throw new SentenceError(`“${source}”：“${field[1]}”不是有效的字段名`);
    return { kind: 'field', key: field[1]! };
  }
  if (arg.startsWith('@')) {
    if (!NAME.test(arg.slice(1))) throw new SentenceError(`“${source}”：“@”后应为数值名`);
    return { kind: 'named', name: arg.slice(1) };
  }
  try {
    return { kind: 'formula', source: arg, expr: compileFormula(arg) };
  } catch (e) {
    throw new SentenceError(`“${source}”：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Splits at commas outside brackets, parentheses and quotes. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/** Replaces `$name` in a field key by the variable's value (`reason.sanGong.$id` → `reason.sanGong.reception`). */
export function expandKey(key: string, vars: Readonly<Record<string, string>>): string {
  return key.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => vars[name] ?? whole);
}
