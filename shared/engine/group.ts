/**
 * The groups of a grouped block: each level partitions its parent group's records by the level's key, sorts the
 * groups and works out each one's row id and text cells. Every `{…}` template is compiled once per level rather
 * than filled through a fresh lookup per group, and a block's groups are built once per book: tables that print
 * the same rows as another (`like`) share them. The rows themselves are made per table (build.ts).
 */
import type { LoadedBook, LoadedRecord } from '../book/load';
import type { KeyPart, Level, OrderBy } from '../template/schema';
import { bookLookup, compileText, type Lookup, recordPath, splitPath } from './text';

export interface Group {
  /** Index of the group's level in the block's levels. */
  readonly level: number;
  readonly parent: Group | null;
  /** The fields the level's key fixes, and their values (a code's prefix for a prefix part). */
  readonly keyFields: readonly string[];
  readonly keyValues: readonly string[];
  readonly records: readonly LoadedRecord[];
  /** The key values of the group and its ancestors joined by `/`; null above the first keyed level. */
  readonly path: string | null;
  id: string;
  /** The level's text cells, in the order of the level's `cells`. */
  cells: readonly string[];
  children: readonly Group[];
}

type GroupText = (group: Group) => string;

/** The cells and children of a group before they are worked out (and of a group that has none). */
const NONE: readonly never[] = [];

/** What a level needs per group, compiled once. */
interface LevelPlan {
  readonly def: Level;
  /** The fields the level's key fixes, in key order (the key's values stand in for the records' own). */
  readonly keyFields: readonly string[];
  readonly keyOf: readonly ((record: LoadedRecord) => string)[];
  readonly id?: GroupText;
  readonly cells: readonly GroupText[];
  readonly sortKeys: readonly GroupText[];
}

/** The groups of a block's first level, each with its sorted descendants. */
export function groupRecords(book: LoadedBook, sources: readonly string[], levels: readonly Level[]): Group[] {
  const lists = sources.map((ds) => book.records.get(ds) ?? []);
  // Partitioning reads the records and never changes the list: one dataset's list serves as it is.
  const records = lists.length === 1 ? lists[0]! : lists.flat();
  const plans = levels.map((level) => levelPlan(book, level));
  const build = (li: number, parent: Group | null, records: readonly LoadedRecord[]): Group[] => {
    const plan = plans[li]!;
    const groups = partition(plan, li, parent, records);
    for (const g of groups) {
      g.id = plan.id ? plan.id(g) : plan.def.by ? (g.path ?? '') : plan.def.name;
      g.cells = plan.cells.map((cell) => cell(g));
    }
    const sorted = plan.sortKeys.length > 0 ? sortGroups(plan, groups) : groups;
    if (li + 1 < plans.length) for (const g of sorted) g.children = build(li + 1, g, g.records);
    return sorted;
  };
  return build(0, null, records);
}

/** `{…}` lookups in a group's context, for the few templates filled outside the compiled plans (form lines). */
export function groupLookup(book: LoadedBook, group: Group): Lookup {
  return (path) => placeholder(book, path)(group);
}

function levelPlan(book: LoadedBook, level: Level): LevelPlan {
  const compile = (template: string) => compileText<Group>(template, (path) => placeholder(book, path));
  const by = level.by ?? [];
  return {
    def: level,
    keyFields: by.map((part) => (typeof part === 'string' ? part : part.field)),
    keyOf: by.map(keyFunction),
    ...(level.id ? { id: compile(level.id) } : {}),
    cells: Object.values(level.cells ?? {}).map(compile),
    sortKeys: by.length > 0 ? (level.order ?? []).map((o) => compile(o.of)) : [],
  };
}

function keyFunction(part: KeyPart): (record: LoadedRecord) => string {
  if (part === 'id') return (r) => r.id;
  if (typeof part === 'string') return (r) => r.fields[part] ?? '';
  const { field, prefix } = part;
  return (r) => (r.fields[field] ?? '').slice(0, prefix);
}

/**
 * What `{path}` stands for in a group: the book's placeholders, the group's id or key values (a level keyed by a
 * code's prefix prints the prefix), else the field of the group's first record, resolved through codes, units and
 * references.
 */
function placeholder(book: LoadedBook, path: string): (group: Group) => string | undefined {
  const fromBook = bookLookup(book)(path);
  if (fromBook !== undefined) return () => fromBook;
  const [field, ...rest] = splitPath(path);
  return (g) => recordPath(book, g.records[0], field, rest, keyValue(g, field));
}

/** The value the group or its nearest ancestor fixes for a field. */
function keyValue(group: Group, field: string): string | undefined {
  for (let g: Group | null = group; g; g = g.parent) {
    const i = g.keyFields.indexOf(field);
    if (i >= 0) return g.keyValues[i];
  }
  return undefined;
}

function newGroup(
  plan: LevelPlan,
  level: number,
  parent: Group | null,
  keyValues: readonly string[],
  records: readonly LoadedRecord[],
): Group {
  // Joined rather than concatenated: a flat string hashes without first being copied flat (row ids are map keys).
  const parentPath = parent?.path ?? null;
  const path = keyValues.length === 0 ? parentPath : (parentPath === null ? keyValues : [parentPath, ...keyValues]).join('/');
  return { level, parent, keyFields: plan.keyFields, keyValues, records, path, id: '', cells: NONE, children: NONE };
}

/** The level's groups of `records`, in order of first appearance. */
function partition(plan: LevelPlan, li: number, parent: Group | null, records: readonly LoadedRecord[]): Group[] {
  const keyOf = plan.keyOf;
  if (keyOf.length === 0) return [newGroup(plan, li, parent, [], records)];
  // Keyed by id, every record is a group of its own.
  if (plan.def.by!.length === 1 && plan.def.by![0] === 'id') return records.map((r) => newGroup(plan, li, parent, [r.id], [r]));
  const groups: Group[] = [];
  const byKey = new Map<string, LoadedRecord[]>();
  for (const r of records) {
    const k = keyOf.length === 1 ? keyOf[0]!(r) : keyOf.map((f) => f(r)).join('\u0000');
    const list = byKey.get(k);
    if (list) list.push(r);
    else {
      const first = [r];
      byKey.set(k, first);
      groups.push(newGroup(plan, li, parent, keyOf.length === 1 ? [k] : keyOf.map((f) => f(r)), first));
    }
  }
  return groups;
}

const pinyin = new Intl.Collator('zh-CN');

function sortGroups(plan: LevelPlan, groups: Group[]): Group[] {
  const order = plan.def.order!;
  const keyed = groups.map((group) => ({ group, keys: plan.sortKeys.map((k) => k(group)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const c = compare(order[i]!, a.keys[i]!, b.keys[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.group);
}

function compare(o: OrderBy, a: string, b: string): number {
  if (a === b) return 0;
  if (o.empty && (a === '' || b === '')) return (a === '' ? 1 : -1) * (o.empty === 'last' ? 1 : -1);
  if (o.list) {
    const ia = o.list.indexOf(a);
    const ib = o.list.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : 1);
  }
  if (o.collate === 'pinyin') return pinyin.compare(a, b);
  return a < b ? -1 : 1;
}
