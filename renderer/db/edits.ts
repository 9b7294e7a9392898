/**
 * The edits of a book's entered records. Each is one undoable step written in one Dexie transaction together with
 * its journal entry; its promise resolves only after the transaction has committed, so the editor shows 已保存 only
 * for what is on disk. Every input is validated first (amounts, codes against the catalogues and the book's own
 * codes, units, references, one record per unit) and an edit with any problem writes nothing.
 */
import type { EntryRecord } from '../../shared/book/schema';
import type { DatasetDef } from '../../shared/template/schema';
import type { BudgetDb, RecordRow } from './database';
import { Draft } from './draft';
import { describeRecord, fieldPlace, isRequired, parseInput } from './fields';
import { runStep } from './journal';
import type { EditProblem, Outcome } from './outcome';
import { type BookScope, isProblem } from './scope';

export interface FieldRef {
  readonly dataset: string;
  readonly id: string;
  readonly field: string;
}

/** A pasted block: cells of existing records, and rows past the last record that become new records. */
export interface PasteBlock {
  readonly dataset: string;
  readonly cells: readonly { readonly id: string; readonly field: string; readonly input: string }[];
  /** Field → input for each new record, in order. */
  readonly newRows?: readonly Readonly<Record<string, string>>[];
  /** Where the new records go in the dataset's order (0 = first); default: after the last record. */
  readonly at?: number;
}

/** What a paste added: its new records as the book file holds them, in order, and the record they follow (none: they come first). */
export interface Pasted {
  readonly inserted: readonly EntryRecord[];
  readonly after: string | undefined;
}

export interface RecordRef {
  readonly dataset: string;
  readonly id: string;
}

type Built<T> = { readonly label: string; readonly result: T } | { readonly problems: EditProblem[] };

/** One step over the draft of the records it touches: built, checked as a whole, then written as field changes. */
function step<T extends object>(db: BudgetDb, bookId: string, build: (scope: BookScope, draft: Draft) => Promise<Built<T>>): Promise<Outcome<T>> {
  return runStep(db, bookId, async (scope) => {
    const draft = new Draft(db, bookId);
    const built = await build(scope, draft);
    // The records as far as they could be changed are checked too, so one answer lists every problem.
    const problems = [...('problems' in built ? built.problems : []), ...(await checkDraft(scope, draft))];
    if ('problems' in built || problems.length > 0) return { problems };
    return { label: built.label, changes: draft.changes(), result: built.result };
  });
}

function datasetDef(scope: BookScope, dataset: string): DatasetDef | EditProblem {
  return scope.template.datasets[dataset] ?? { where: `数据集“${dataset}”`, message: '模板中没有此数据集', dataset };
}

/** Sets one field of a record from what the officer typed. */
export function setField(db: BudgetDb, bookId: string, ref: FieldRef, input: string): Promise<Outcome> {
  return step(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    await draft.readAll([ref]);
    const row = setInput(scope, draft, ref, input, problems);
    if (!row) return { problems };
    return { label: `修改${fieldPlace(scope.template, ref.dataset, ref.id, row.fields, ref.field)}`, result: {} };
  });
}

/** Pastes a block of cells (and new rows) as one step: all of it is written, or nothing when any cell is wrong. */
export function pasteBlock(db: BudgetDb, bookId: string, block: PasteBlock): Promise<Outcome<Pasted>> {
  return step<Pasted>(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    const refs = block.cells.map((cell) => ({ dataset: block.dataset, id: cell.id, field: cell.field }));
    await draft.readAll(refs);
    for (const [i, ref] of refs.entries()) setInput(scope, draft, ref, block.cells[i]!.input, problems);
    const newRows = block.newRows ?? [];
    // The places and ids of all new records at once: one read of the dataset, however many rows are pasted.
    const places = newRows.length > 0 ? await newPlaces(draft, block.dataset, block.at ?? AT_END, newRows.length) : [];
    const inserted: EntryRecord[] = [];
    for (const [i, inputs] of newRows.entries()) {
      const fields = addRecord(scope, draft, block.dataset, inputs, places[i]!, `新增的第 ${i + 1} 行`, problems);
      if (fields) inserted.push({ id: places[i]!.id, ...fields });
    }
    if (problems.length > 0) return { problems };
    const order = inserted.length > 0 ? await draft.dataset(block.dataset) : [];
    const after = order[order.findIndex((r) => r.id === inserted[0]?.id) - 1]?.id;
    const rows = newRows.length > 0 ? `，新增 ${newRows.length} 行` : '';
    return { label: `粘贴 ${block.cells.length} 个单元格${rows}`, result: { inserted, after } };
  });
}

/** Inserts a record at `at` (0 = first; default: after the last) with the fields the officer filled in. */
export function insertRecord(
  db: BudgetDb,
  bookId: string,
  dataset: string,
  inputs: Readonly<Record<string, string>>,
  at = AT_END,
): Promise<Outcome<{ id: string }>> {
  return step<{ id: string }>(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    const [place] = await newPlaces(draft, dataset, at, 1);
    if (!addRecord(scope, draft, dataset, inputs, place!, '新增的记录', problems)) return { problems };
    return { label: `新增${scope.template.datasets[dataset]!.label}记录`, result: { id: place!.id } };
  });
}

/** Copies a record to a new one right after it. */
export function duplicateRecord(db: BudgetDb, bookId: string, dataset: string, id: string): Promise<Outcome<{ id: string }>> {
  return step<{ id: string }>(db, bookId, async (scope, draft) => {
    const original = await draft.get(dataset, id);
    if (!original) return { problems: [missing(dataset, id)] };
    const place = fieldPlace(scope.template, dataset, id, original.fields);
    const [{ id: copyId, position }] = (await newPlaces(draft, dataset, (await draft.dataset(dataset)).findIndex((r) => r.id === id) + 1, 1)) as [NewPlace];
    const copy: RecordRow = { ...original, id: copyId, position, fields: { ...original.fields } };
    draft.create(copy, `${place}的副本`);
    return { label: `复制${place}`, result: { id: copy.id } };
  });
}

/** Deletes records (of one or several datasets) as one step; refused while other records still refer to them. */
export function deleteRecords(db: BudgetDb, bookId: string, refs: readonly RecordRef[]): Promise<Outcome> {
  return step(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    let place = '';
    for (const { dataset, id } of refs) {
      const row = await draft.get(dataset, id);
      if (!row) problems.push(missing(dataset, id));
      else {
        place = fieldPlace(scope.template, dataset, id, row.fields);
        draft.remove(dataset, id);
      }
    }
    if (problems.length > 0) return { problems };
    return { label: refs.length === 1 ? `删除${place}` : `删除 ${refs.length} 条记录`, result: {} };
  });
}

/** Moves a record to position `toIndex` (0 = first) of its dataset's order. */
export function moveRecord(db: BudgetDb, bookId: string, dataset: string, id: string, toIndex: number): Promise<Outcome> {
  return step(db, bookId, async (scope, draft) => {
    const row = await draft.get(dataset, id);
    if (!row) return { problems: [missing(dataset, id)] };
    const [position] = (await positionsAt(draft, dataset, toIndex, 1, id)) as [number];
    draft.put({ ...row, position });
    return { label: `移动${fieldPlace(scope.template, dataset, id, row.fields)}`, result: {} };
  });
}

function missing(dataset: string, id: string): EditProblem {
  return { where: `记录 ${id}`, message: '记录不存在，它可能已在其他窗口被删除', dataset, id };
}

/** Puts one parsed input into the draft (its record read before); on a problem records it and returns undefined. */
function setInput(scope: BookScope, draft: Draft, ref: FieldRef, input: string, problems: EditProblem[]): RecordRow | undefined {
  const def = datasetDef(scope, ref.dataset);
  if (isProblem(def)) {
    problems.push(def);
    return undefined;
  }
  const row = draft.known(ref.dataset, ref.id);
  if (!row) {
    problems.push(missing(ref.dataset, ref.id));
    return undefined;
  }
  const field = def.fields[ref.field];
  const where = fieldPlace(scope.template, ref.dataset, ref.id, row.fields, ref.field);
  const parsed = field ? parseInput(scope, ref, field, input) : { ok: false as const, message: `${def.label}没有此字段` };
  if (!parsed.ok) {
    problems.push({ where, message: parsed.message, ...ref });
    return undefined;
  }
  const fields = { ...row.fields };
  if (parsed.value === undefined) delete fields[ref.field];
  else fields[ref.field] = parsed.value;
  const next = { ...row, fields };
  draft.put(next);
  return next;
}

/** Adds a new record to the draft from inputs at its place; its stored fields, or undefined after recording the problems. */
function addRecord(
  scope: BookScope,
  draft: Draft,
  dataset: string,
  inputs: Readonly<Record<string, string>>,
  place: NewPlace,
  what: string,
  problems: EditProblem[],
): Record<string, string> | undefined {
  const def = datasetDef(scope, dataset);
  if (isProblem(def)) {
    problems.push(def);
    return undefined;
  }
  const fields: Record<string, string> = {};
  const before = problems.length;
  for (const [name, input] of Object.entries(inputs)) {
    const field = def.fields[name];
    const where = `${def.label}${what}的“${field?.label ?? name}”`;
    if (!field) {
      problems.push({ where, message: `${def.label}没有此字段`, dataset, field: name });
      continue;
    }
    const parsed = parseInput(scope, { dataset, field: name }, field, input);
    if (!parsed.ok) problems.push({ where, message: parsed.message, dataset, field: name });
    else if (parsed.value !== undefined) fields[name] = parsed.value;
  }
  if (problems.length > before) return undefined;
  draft.create({ bookId: draft.bookId, dataset, id: place.id, position: place.position, fields }, `${def.label}${what}`);
  return fields;
}

const AT_END = Number.MAX_SAFE_INTEGER;

/** The id and position of a record a step creates. */
interface NewPlace {
  readonly id: string;
  readonly position: number;
}

/** Places for `count` new records at `index` of the dataset's order, in order, with ids no record of it has. */
async function newPlaces(draft: Draft, dataset: string, index: number, count: number): Promise<NewPlace[]> {
  const positions = await positionsAt(draft, dataset, index, count);
  const taken = new Set((await draft.dataset(dataset)).map((r) => r.id));
  return positions.map((position) => {
    let id: string;
    do id = `r${crypto.randomUUID().slice(0, 8)}`;
    while (taken.has(id));
    taken.add(id);
    return { id, position };
  });
}

/**
 * `count` increasing positions that put records at `index` of the dataset's order (without the record `moving`):
 * spread evenly between their new neighbours. When repeated inserts at one place have used up the room between two
 * positions, the dataset is renumbered first (as moves of the same step).
 */
async function positionsAt(draft: Draft, dataset: string, index: number, count: number, moving?: string): Promise<number[]> {
  const rows = (await draft.dataset(dataset)).filter((r) => r.id !== moving);
  const at = Math.max(0, Math.min(index, rows.length));
  const spread = (before: number, after: number) => Array.from({ length: count }, (_, i) => before + ((after - before) * (i + 1)) / (count + 1));
  const before = rows[at - 1]?.position;
  const after = rows[at]?.position;
  const positions =
    before === undefined && after === undefined
      ? spread(-1, count)
      : before === undefined
        ? spread(after! - count - 1, after!)
        : after === undefined
          ? spread(before, before + count + 1)
          : spread(before, after);
  const room = [before ?? -Infinity, ...positions, after ?? Infinity];
  if (room.every((p, i) => i === 0 || p > room[i - 1]!)) return positions;
  for (const [i, r] of rows.entries()) if (r.position !== i) draft.put({ ...r, position: i });
  return spread(at - 1, at);
}

/**
 * Checks the records the step touches as they will be: required fields present, references pointing at existing
 * records, at most one record per unit where the dataset says so, and no remaining record referring to a deleted one.
 * What the checks look at is read first, a dataset or a set of records at a time, so a step of a thousand records
 * is checked without a thousand waits.
 */
async function checkDraft(scope: BookScope, draft: Draft): Promise<EditProblem[]> {
  const problems: EditProblem[] = [];
  const { kept, deleted } = draft.outcome();
  const template = scope.template;
  await draft.readAll(
    kept.flatMap(({ row }) =>
      Object.entries(template.datasets[row.dataset]!.fields).flatMap(([name, f]) => (f.type === 'ref' && row.fields[name] ? [{ dataset: f.dataset, id: row.fields[name] }] : [])),
    ),
  );
  // Records per unit of each dataset that allows one per unit, as it will be.
  const perUnit = new Map<string, Map<string, number>>();
  for (const dataset of new Set(kept.map(({ row }) => row.dataset).filter((d) => template.datasets[d]!.perUnit))) {
    const counts = new Map<string, number>();
    for (const { fields } of await draft.dataset(dataset)) if (fields['unit']) counts.set(fields['unit'], (counts.get(fields['unit']) ?? 0) + 1);
    perUnit.set(dataset, counts);
  }
  for (const { row, newName } of kept) {
    const def = template.datasets[row.dataset]!;
    const at = (field: string) => ({
      where: newName ? `${newName}的“${def.fields[field]?.label ?? field}”` : fieldPlace(template, row.dataset, row.id, row.fields, field),
      dataset: row.dataset,
      id: row.id,
      field,
    });
    for (const [name, field] of Object.entries(def.fields)) {
      const value = row.fields[name];
      if (!value) {
        if (isRequired(field)) problems.push({ ...at(name), message: '不能为空' });
      } else if (field.type === 'ref' && !draft.known(field.dataset, value)) {
        problems.push({ ...at(name), message: `${template.datasets[field.dataset]?.label ?? field.dataset}中没有编号为“${value}”的记录` });
      }
    }
    const unit = row.fields['unit'];
    if (unit && (perUnit.get(row.dataset)?.get(unit) ?? 0) > 1) {
      problems.push({ ...at('unit'), message: `每个单位只能有一条${def.label}记录，单位“${unit}”已有一条` });
    }
  }
  // Records referring to a deleted one, by the dataset and field that refer and the id they name.
  const referring = new Map<string, Map<string, RecordRow[]>>();
  for (const [name, def] of Object.entries(template.datasets)) {
    for (const [fname, field] of Object.entries(def.fields)) {
      if (field.type !== 'ref' || !deleted.some((row) => row.dataset === field.dataset)) continue;
      const byId = new Map<string, RecordRow[]>();
      for (const r of await draft.dataset(name)) {
        const id = r.fields[fname];
        if (!id) continue;
        const list = byId.get(id);
        if (list) list.push(r);
        else byId.set(id, [r]);
      }
      referring.set(`${name}.${fname}`, byId);
    }
  }
  for (const row of deleted) {
    for (const [name, def] of Object.entries(template.datasets)) {
      for (const [fname, field] of Object.entries(def.fields)) {
        if (field.type !== 'ref' || field.dataset !== row.dataset) continue;
        const list = referring.get(`${name}.${fname}`)?.get(row.id) ?? [];
        if (list.length === 0) continue;
        const examples = list.slice(0, 3).map((r) => `“${describeRecord(def, r.id, r.fields)}”`).join('、');
        problems.push({
          where: fieldPlace(template, row.dataset, row.id, row.fields),
          message: `仍有 ${list.length} 条${def.label}记录（${examples}${list.length > 3 ? '等' : ''}）引用它，请先删除或改动这些记录`,
          dataset: row.dataset,
          id: row.id,
        });
      }
    }
  }
  return problems;
}
