/**
 * `{…}` placeholders of template text: `{year}`, `{prev}`, `{dept.name}`, and in grouped rows the key and record
 * fields (`{func}`, `{func.name}` for a code's catalogue name, `{unit.code}{unit.name}`, `{project.name}` through a
 * reference, `{target.unit}` through a reference to a derived field).
 */
import type { LoadedBook, LoadedRecord } from '../book/load';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 24 → 二十四 (the ordinals of 表1's classes and 第四部分's lists). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
  }
  return String(n);
}

export type Lookup = (path: string) => string | undefined;

/** A template split once into literal text and `{path}` placeholders (templates are filled for every row). */
type Piece = { readonly text: string } | { readonly path: string; readonly whole: string };
const compiled = new Map<string, readonly Piece[]>();

function pieces(template: string): readonly Piece[] {
  let list = compiled.get(template);
  if (!list) {
    const out: Piece[] = [];
    let last = 0;
    for (const m of template.matchAll(/\{([^{}]+)\}/g)) {
      if (m.index > last) out.push({ text: template.slice(last, m.index) });
      out.push({ path: m[1]!, whole: m[0] });
      last = m.index + m[0].length;
    }
    if (last < template.length) out.push({ text: template.slice(last) });
    compiled.set(template, (list = out));
  }
  return list;
}

/** Fills `{…}` placeholders; an unknown one is left as written. */
export function fillText(template: string, lookup: Lookup): string {
  let out = '';
  for (const p of pieces(template)) out += 'text' in p ? p.text : (lookup(p.path) ?? p.whole);
  return out;
}

/**
 * A template compiled once for many contexts of one kind (the groups of a level): `placeholder` is asked once per
 * `{path}` for the function that resolves it in a context; what it resolves to undefined is left as written.
 */
export function compileText<C>(
  template: string,
  placeholder: (path: string) => (context: C) => string | undefined,
): (context: C) => string {
  const parts = pieces(template).map((p) => ('text' in p ? p.text : { resolve: placeholder(p.path), whole: p.whole }));
  if (parts.every((p) => typeof p === 'string')) {
    const text = parts.join('');
    return () => text;
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && typeof only !== 'string') return (context) => only.resolve(context) ?? only.whole;
  return (context) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : (p.resolve(context) ?? p.whole);
    return out;
  };
}

/** Placeholders every text of a book may use. */
const bookLookups = new WeakMap<LoadedBook, Lookup>();

export function bookLookup(book: LoadedBook): Lookup {
  let lookup = bookLookups.get(book);
  if (!lookup) bookLookups.set(book, (lookup = makeBookLookup(book)));
  return lookup;
}

function makeBookLookup(book: LoadedBook): Lookup {
  const year = book.file.year;
  return (path) => {
    switch (path) {
      case 'year':
        return String(year);
      case 'prev':
        return String(year - 1);
      case 'dept.code':
        return book.file.department.code;
      case 'dept.name':
        return book.file.department.name;
      default:
        return undefined;
    }
  };
}

/**
 * Resolves `field` or `field.sub` against a record: a code's catalogue name, a unit's code/name/kind, or a field
 * of the record a reference points to (recursively).
 */
export function recordLookup(book: LoadedBook, record: LoadedRecord | undefined): Lookup {
  const base = bookLookup(book);
  return (path) => {
    const fromBook = base(path);
    if (fromBook !== undefined) return fromBook;
    const [field, ...rest] = splitPath(path);
    return recordPath(book, record, field, rest);
  };
}

/** What `{field.rest…}` stands for in a record; `key` (a group's key value, a code's 类 prefix) stands in for its field. */
export function recordPath(
  book: LoadedBook,
  record: LoadedRecord | undefined,
  field: string,
  rest: readonly string[],
  key?: string,
): string | undefined {
  if (field === 'id' && rest.length === 0) return record?.id ?? key;
  const value = key ?? record?.fields[field];
  if (value === undefined || !record) return value;
  return resolveField(book, record.dataset, value, field, rest);
}

/** The text `field.rest…` stands for, given the field's value in a record of `dataset`. */
function resolveField(
  book: LoadedBook,
  dataset: string,
  value: string,
  field: string,
  rest: readonly string[],
): string | undefined {
  if (rest.length === 0) return value;
  const def = book.template.datasets[dataset]?.fields[field];
  if (!def) return undefined;
  const [next, ...more] = rest as [string, ...string[]];
  if ((def.type === 'code' || def.type === 'mapped') && next === 'name') return book.codes.name(def.catalogue, value);
  const unitField = def.type === 'unit' || (def.type === 'via' && viaTargetType(book, dataset, field) === 'unit');
  if (unitField) {
    const unit = book.unitByCode.get(value);
    if (!unit) return '';
    if (next === 'code') return unit.code;
    if (next === 'name') return unit.name;
    if (next === 'kind') return unit.kind;
    return undefined;
  }
  if (def.type === 'ref') {
    const target = book.recordById.get(def.dataset)?.get(value);
    if (!target) return '';
    if (next === 'id') return target.id;
    return resolveField(book, def.dataset, target.fields[next] ?? '', next, more);
  }
  return undefined;
}

const splitPaths = new Map<string, readonly [string, ...string[]]>();

/** `project.name` → ['project', 'name'], remembered (the same few paths are resolved for every row). */
export function splitPath(path: string): readonly [string, ...string[]] {
  let parts = splitPaths.get(path);
  if (!parts) splitPaths.set(path, (parts = path.split('.') as [string, ...string[]]));
  return parts;
}

function viaTargetType(book: LoadedBook, dataset: string, field: string): string | undefined {
  const def = book.template.datasets[dataset]?.fields[field];
  if (def?.type !== 'via') return def?.type;
  const ref = book.template.datasets[dataset]?.fields[def.ref];
  return ref?.type === 'ref' ? viaTargetType(book, ref.dataset, def.field) : undefined;
}
