/**
 * The texts an officer types for the narrative (book.text, by key): their current value (or the template's
 * default), and the check an editor runs before saving one, so that bad input gets a message and changes nothing.
 */
import type { FieldDef, NarrativeFile } from './schema';

export type BookText = Readonly<Record<string, string>>;

/**
 * The definition of the field stored under `key` (a segment's key): the field itself, or the pattern it was
 * made from (`reason.sanGong.reception` → `reason.sanGong.$id`). The editor checks a value with it before saving.
 */
export function fieldDefOf(file: NarrativeFile, key: string): FieldDef | undefined {
  const own = file.fields[key];
  if (own) return own;
  const parts = key.split('.');
  for (const [pattern, def] of Object.entries(file.fields)) {
    const p = pattern.split('.');
    if (p.length === parts.length && p.every((x, i) => x === parts[i] || (x.startsWith('$') && parts[i] !== ''))) return def;
  }
  return undefined;
}

/** Whether the text under `key` is about this year only, so next year's book starts without it. */
export function isAnnual(file: NarrativeFile, key: string): boolean {
  return fieldDefOf(file, key)?.annual === true;
}

/** The field's text in the book, or its default while the officer has written none. */
export function fieldText(def: FieldDef, key: string, text: BookText): { text: string; isDefault: boolean } {
  const own = text[key];
  if (own !== undefined) return { text: own, isDefault: false };
  const fallback = def.default;
  return { text: Array.isArray(fallback) ? fallback.join('\n') : (fallback ?? ''), isDefault: fallback !== undefined };
}

/**
 * What a number field must look like: counts and areas are typed as plain non-negative numbers, amounts with at
 * most two decimals and optional thousands separators (`5,186.82`), as the document prints them.
 */
export interface FieldForm {
  readonly pattern: RegExp;
  /** What it must be, for messages: `不带小数的非负整数`. */
  readonly name: string;
  readonly example: string;
}

const FORMS: Readonly<Record<'integer' | 'number' | 'amount', FieldForm>> = {
  integer: { pattern: /^\d+$/, name: '不带小数的非负整数', example: '4' },
  number: { pattern: /^\d+(\.\d+)?$/, name: '非负数', example: '120.5' },
  amount: { pattern: /^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/, name: '最多两位小数的非负金额', example: '5,186.82' },
};

/** The form a field's text must have, or undefined for free text. */
export function fieldForm(def: FieldDef): FieldForm | undefined {
  return def.kind === undefined || def.kind === 'text' ? undefined : FORMS[def.kind];
}

/** What is wrong with `value` for this field, in Chinese, or undefined when it can be saved. */
export function fieldProblem(def: FieldDef, value: string, label = def.label): string | undefined {
  const v = value.trim();
  if (v === '') return def.required ? `“${label}”不能为空` : undefined;
  const form = fieldForm(def);
  if (form && !form.pattern.test(v)) return `“${label}”应为${form.name}，例如 ${form.example}，而不是“${v}”`;
  if (!def.multiline && /[\r\n]/.test(v)) return `“${label}”应为一段文字，不能换行`;
  return undefined;
}

/** The lines of a multi-line field, one paragraph each (blank lines dropped). */
export function fieldLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
