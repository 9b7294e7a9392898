/**
 * The edits of a book's entered records. Each is one undoable step written in one Dexie transaction together with
 * its journal entry; its promise resolves only after the transaction has committed, so the editor shows 已保存 only
 * for what is on disk. Every input is validated first (amounts, codes against the catalogues and the book's own
 * codes, units, references, one record per unit) and an edit with any problem writes nothing.
 */
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
  /** Field → input for each new record, in order; they go after the dataset's last record. */
  readonly newRows?: readonly Readonly<Record<string, string>>[];
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
    const row = await setInput(scope, draft, ref, input, problems);
    if (!row) return { problems };
    return { label: `修改${fieldPlace(scope.template, ref.dataset, ref.id, row.fields, ref.field)}`, result: {} };
  });
}

/** Pastes a block of cells (and new rows) as one step: all of it is written, or nothing when any cell is wrong. */
export function pasteBlock(db: BudgetDb, bookId: string, block: PasteBlock): Promise<Outcome<{ insertedIds: string[] }>> {
  return step<{ insertedIds: string[] }>(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    for (const cell of block.cells) await setInput(scope, draft, { dataset: block.dataset, id: cell.id, field: cell.field }, cell.input, problems);
    const insertedIds: string[] = [];
    for (const [i, inputs] of (block.newRows ?? []).entries()) {
      const id = await addRecord(scope, draft, block.dataset, inputs, Number.MAX_SAFE_INTEGER, `新增的第 ${i + 1} 行`, problems);
      if (id) insertedIds.push(id);
    }
    if (problems.length > 0) return { problems };
    const rows = block.newRows?.length ? `，新增 ${block.newRows.length} 行` : '';
    return { label: `粘贴 ${block.cells.length} 个单元格${rows}`, result: { insertedIds } };
  });
}

/** Inserts a record at `at` (0 = first; default: after the last) with the fields the officer filled in. */
export function insertRecord(
  db: BudgetDb,
  bookId: string,
  dataset: string,
  inputs: Readonly<Record<string, string>>,
  at = Number.MAX_SAFE_INTEGER,
): Promise<Outcome<{ id: string }>> {
  return step<{ id: string }>(db, bookId, async (scope, draft) => {
    const problems: EditProblem[] = [];
    const id = await addRecord(scope, draft, dataset, inputs, at, '新增的记录', problems);
    if (!id) return { problems };
    return { label: `新增${scope.template.datasets[dataset]!.label}记录`, result: { id } };
  });
}

/** Copies a record to a new one right after it. */
export function duplicateRecord(db: BudgetDb, bookId: string, dataset: string, id: string): Promise<Outcome<{ id: string }>> {
  return step<{ id: string }>(db, bookId, async (scope, draft) => {
    const original = await draft.get(dataset, id);
    if (!original) return { problems: [missing(dataset, id)] };
    const place = fieldPlace(scope.template, dataset, id, original.fields);
    const position = await placeAt(draft, dataset, (await draft.dataset(dataset)).findIndex((r) => r.id === id) + 1);
    const copy: RecordRow = { ...original, id: await newRecordId(draft, dataset), position, fields: { ...original.fields } };
    await draft.create(copy, `${place}的副本`);
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
        await draft.remove(dataset, id);
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
    await draft.put({ ...row, position: await placeAt(draft, dataset, toIndex, id) });
    return { label: `移动${fieldPlace(scope.template, dataset, id, row.fields)}`, result: {} };
  });
}

function missing(dataset: string, id: string): EditProblem {
  return { where: `记录 ${id}`, message: '记录不存在，它可能已在其他窗口被删除', dataset, id };
}

/** Puts one parsed input into the draft; on a problem records it and returns undefined. */
async function setInput(scope: BookScope, draft: Draft, ref: FieldRef, input: string, problems: EditProblem[]): Promise<RecordRow | undefined> {
  const def = datasetDef(scope, ref.dataset);
  if (isProblem(def)) {
    problems.push(def);
    return undefined;
  }
  const row = await draft.get(ref.dataset, ref.id);
  if (!row) {
    problems.push(missing(ref.dataset, ref.id));
    return undefined;
  }
  const field = def.fields[ref.field];
  const where = fieldPlace(scope.template, ref.dataset, ref.id, row.fields, ref.field);
  const parsed = field ? parseInput(scope, field, input) : { ok: false as const, message: `${def.label}没有此字段` };
  if (!parsed.ok) {
    problems.push({ where, message: parsed.message, ...ref });
    return undefined;
  }
  const fields = { ...row.fields };
  if (parsed.value === undefined) delete fields[ref.field];
  else fields[ref.field] = parsed.value;
  const next = { ...row, fields };
  await draft.put(next);
  return next;
}

/** Adds a new record to the draft from inputs; returns its id, or undefined after recording the problems. */
async function addRecord(
  scope: BookScope,
  draft: Draft,
  dataset: string,
  inputs: Readonly<Record<string, string>>,
  at: number,
  what: string,
  problems: EditProblem[],
): Promise<string | undefined> {
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
    const parsed = parseInput(scope, field, input);
    if (!parsed.ok) problems.push({ where, message: parsed.message, dataset, field: name });
    else if (parsed.value !== undefined) fields[name] = parsed.value;
  }
  if (problems.length > before) return undefined;
  const id = await newRecordId(draft, dataset);
  await draft.create({ bookId: draft.bookId, dataset, id, position: await placeAt(draft, dataset, at), fields }, `${def.label}${what}`);
  return id;
}

async function newRecordId(draft: Draft, dataset: string): Promise<string> {
  for (;;) {
    const id = `r${crypto.randomUUID().slice(0, 8)}`;
    if (!(await draft.get(dataset, id))) return id;
  }
}

/**
 * A position that puts a record at `index` of the dataset's order (without the record `moving`): between its new
 * neighbours. When repeated inserts at one place have used up the room between two positions, the dataset is
 * renumbered first (as moves of the same step).
 */
async function placeAt(draft: Draft, dataset: string, index: number, moving?: string): Promise<number> {
  const rows = (await draft.dataset(dataset)).filter((r) => r.id !== moving);
  const at = Math.max(0, Math.min(index, rows.length));
  const between = (before: number | undefined, after: number | undefined): number | undefined => {
    if (before === undefined) return after === undefined ? 0 : after - 1;
    if (after === undefined) return before + 1;
    const mid = (before + after) / 2;
    return mid > before && mid < after ? mid : undefined;
  };
  const position = between(rows[at - 1]?.position, rows[at]?.position);
  if (position !== undefined) return position;
  for (const [i, r] of rows.entries()) await draft.put({ ...r, position: i });
  return at - 0.5;
}

/**
 * Checks the records the step touches as they will be: required fields present, references pointing at existing
 * records, at most one record per unit where the dataset says so, and no remaining record referring to a deleted one.
 */
async function checkDraft(scope: BookScope, draft: Draft): Promise<EditProblem[]> {
  const problems: EditProblem[] = [];
  const { kept, deleted } = draft.outcome();
  const template = scope.template;
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
      } else if (field.type === 'ref' && !(await draft.get(field.dataset, value))) {
        problems.push({ ...at(name), message: `${template.datasets[field.dataset]?.label ?? field.dataset}中没有编号为“${value}”的记录` });
      }
    }
    if (def.perUnit && row.fields['unit']) {
      const same = (await draft.dataset(row.dataset)).filter((r) => r.id !== row.id && r.fields['unit'] === row.fields['unit']);
      if (same.length > 0) problems.push({ ...at('unit'), message: `每个单位只能有一条${def.label}记录，单位“${row.fields['unit']}”已有一条` });
    }
  }
  for (const row of deleted) {
    for (const [name, def] of Object.entries(template.datasets)) {
      for (const [fname, field] of Object.entries(def.fields)) {
        if (field.type !== 'ref' || field.dataset !== row.dataset) continue;
        const referring = (await draft.dataset(name)).filter((r) => r.fields[fname] === row.id);
        if (referring.length === 0) continue;
        const examples = referring.slice(0, 3).map((r) => `“${describeRecord(def, r.id, r.fields)}”`).join('、');
        problems.push({
          where: fieldPlace(template, row.dataset, row.id, row.fields),
          message: `仍有 ${referring.length} 条${def.label}记录（${examples}${referring.length > 3 ? '等' : ''}）引用它，请先删除或改动这些记录`,
          dataset: row.dataset,
          id: row.id,
        });
      }
    }
  }
  return problems;
}
