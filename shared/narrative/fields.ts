/**
 * The texts an officer types for the narrative (book.text, by key): their current value (or the template's
 * default), and the check an editor runs before saving one, so that bad input gets a message and changes nothing.
 */
import type { FieldDef } from './schema';

export type BookText = Readonly<Record<string, string>>;

/** The field's text in the book, or its default while the officer has written none. */
export function fieldText(def: FieldDef, key: string, text: BookText): { text: string; isDefault: boolean } {
  const own = text[key];
  if (own !== undefined) return { text: own, isDefault: false };
  const fallback = def.default;
  return { text: Array.isArray(fallback) ? fallback.join('\n') : (fallback ?? ''), isDefault: fallback !== undefined };
}

/** What is wrong with `value` for this field, in Chinese, or undefined when it can be saved. */
export function fieldProblem(def: FieldDef, value: string, label = def.label): string | undefined {
  const v = value.trim();
  if (v === '') return def.required ? `“${label}”不能为空` : undefined;
  if (def.kind === 'integer' && !/^\d+$/.test(v)) return `“${label}”应为不带小数的非负整数，例如 4，而不是“${v}”`;
  if (def.kind === 'number' && !/^\d+(\.\d+)?$/.test(v)) return `“${label}”应为非负数，例如 120.5，而不是“${v}”`;
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
