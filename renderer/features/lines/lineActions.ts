/**
 * The line commands of an entry table — add, insert, copy, delete, move, add a project or target, paste whole lines
 * — carried out where the officer is: under the selected unit, category or project, in the view of the unit the
 * lines belong to. Each is one undoable step of renderer/db; a command that needs more input returns the form to
 * ask for it, one that cannot run here says why.
 */
import type { Row } from '../../../shared/engine/model';
import { deleteRecords, duplicateRecord, type EditProblem, insertRecord, moveRecord, type Outcome, type RecordRef } from '../../db';
import type { BookSession } from '../workspace/session';
import { askedFields, type LineFormRequest } from './LineForm';
import { inContext, isLineRow, type LineTable, lineContext, lineKey, keyLabels, lineRecords, unitField } from './lineTable';
import { ownerOf, ownerProblem } from './owner';
import { isLineBlock, pastedLines } from './pasteLines';

/** Where the officer is: the table's lines, the active row and the selected rows (view order). */
export interface LinePlace {
  readonly session: BookSession;
  readonly lines: LineTable;
  readonly active: Row | undefined;
  readonly selected: readonly Row[];
}

/** The fields a new or moved line takes from where the selection is (see lineContext). */
function placeContext({ session, lines, active }: LinePlace): Record<string, string> {
  return lineContext(session.currentEngine.model, lines, active, session.scope);
}

export interface LineResult {
  /** Said in the status bar: what was done, or why it was not. */
  readonly message?: string;
  /** A record to move the selection to (the new line). */
  readonly focus?: RecordRef;
  /** More input is needed: the form to show. */
  readonly form?: LineFormRequest;
  /** Nothing was done; `message` says why. */
  readonly refused?: true;
}

const AT_END = Number.MAX_SAFE_INTEGER;

function problemsText(problems: readonly EditProblem[]): string {
  const first = problems[0];
  return first ? `${first.where}：${first.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : ''}` : '';
}

/** The stored records of the line dataset, in their order. */
function stored(place: LinePlace) {
  return place.session.bookFile.data[place.lines.dataset] ?? [];
}

/** The first record of the active line, when the active row is a line. */
function activeRecord(place: LinePlace) {
  const { active, lines, session } = place;
  return active && isLineRow(lines, active) ? lineRecords(session.currentEngine.model, lines, active)[0] : undefined;
}

async function inserted(session: BookSession, write: Parameters<BookSession['perform']>[0], dataset: string, what: string): Promise<LineResult> {
  const outcome = (await session.perform(write)) as Outcome<{ id?: string }>;
  if (!outcome.ok) return { message: problemsText(outcome.problems) };
  return { message: `已${what}，可按 Ctrl+Z 撤销`, ...(outcome.id ? { focus: { dataset, id: outcome.id } } : {}) };
}

/**
 * Where new lines go in the dataset's order: after (or before) the active line in a table shown in record order,
 * after the last line in one sorted by code.
 */
function insertionIndex(place: LinePlace, where: 'after' | 'before'): number {
  const { lines } = place;
  const record = activeRecord(place);
  const index = record ? stored(place).findIndex((r) => r.id === record.id) : -1;
  return lines.kind === 'grouped' && lines.ordered && index >= 0 ? index + (where === 'after' ? 1 : 0) : AT_END;
}

/** A line whose codes another line of the same place has: the two would show as one row. */
function duplicateCheck(place: LinePlace) {
  const { lines } = place;
  return (inputs: Readonly<Record<string, string>>): EditProblem | undefined => {
    const key = lineKey(lines, inputs);
    if (key === undefined) return undefined;
    const same = stored(place).find((r) => inContext(r, placeFields(lines, inputs)) && lineKey(lines, r) === key);
    if (!same) return undefined;
    return { where: lines.def.label, message: `此处已有${keyLabels(lines)}相同的一行，两行会合并显示；请改选科目，或直接修改已有的行` };
  };
}

/** The fields that say where a line is (its unit, the project or target it belongs to). */
function placeFields(lines: LineTable, fields: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((e): e is [string, string] => {
      const type = lines.def.fields[e[0]]?.type;
      return e[1] !== undefined && (type === 'unit' || type === 'ref');
    }),
  );
}

/** Whether the place already says which unit a new line belongs to (else the form's reference will). */
function ownerKnown(lines: LineTable, context: Readonly<Record<string, string>>): boolean {
  return unitField(lines.def) !== undefined || Object.entries(lines.def.fields).every(([name, f]) => f.type !== 'ref' || name in context);
}

/** 新增行 (after the active line, or at the end of its place) and 插入行 (before it). */
export async function addLine(place: LinePlace, where: 'after' | 'before'): Promise<LineResult> {
  const { session, lines, active } = place;
  const book = session.departmentBook;
  if (lines.kind === 'fixed' && !(active && lines.rows.has(active.id))) return { message: '请先选中要填报的行' };
  if (lines.kind === 'fixed' && lineRecords(session.currentEngine.model, lines, active!).length > 0) return { message: '此行已有数据，请直接在表格中修改' };
  if (unitField(lines.def) && !session.scope) return { message: '请先在“单位”中选择要填报的单位' };
  const context = placeContext(place);
  const refused = ownerKnown(lines, context) ? ownerProblem(book, ownerOf(book, lines.def, context), session.scope) : undefined;
  if (refused) return { message: refused };
  const at = insertionIndex(place, where);
  if (askedFields(lines.def, context).length === 0) {
    return inserted(session, (db, bookId) => insertRecord(db, bookId, lines.dataset, context, at), lines.dataset, '新增一行');
  }
  return {
    form: {
      title: `${where === 'after' ? '新增' : '插入'}${lines.def.label}`,
      dataset: lines.dataset,
      context,
      check: duplicateCheck(place),
      submit: async (inputs) => {
        const problem = ownerProblem(book, ownerOf(book, lines.def, inputs), session.scope);
        if (problem) return [{ where: lines.def.label, message: problem }];
        const outcome = await session.perform((db, bookId) => insertRecord(db, bookId, lines.dataset, inputs, at));
        return outcome.ok ? [] : outcome.problems;
      },
    },
  };
}

/** 复制行: a line of its own is copied beside it; a line of a code-sorted table is copied with codes to change. */
export async function duplicateLine(place: LinePlace): Promise<LineResult> {
  const { session, lines } = place;
  const record = activeRecord(place);
  if (!record) return { message: '请先选中要复制的一行' };
  const refused = ownerProblem(session.departmentBook, session.ownerOf(lines.dataset, record.id) ?? '', session.scope);
  if (refused) return { message: refused };
  const { id: _id, ...fields } = stored(place).find((r) => r.id === record.id)!;
  if (lineKey(lines, fields) === undefined) {
    return inserted(session, (db, bookId) => duplicateRecord(db, bookId, lines.dataset, record.id), lines.dataset, '复制一行');
  }
  return {
    form: {
      title: `复制${lines.def.label}（请改选科目）`,
      dataset: lines.dataset,
      context: placeFields(lines, fields),
      initial: fields,
      check: duplicateCheck(place),
      // The copy takes the original's amounts too.
      submit: async (inputs) => {
        const outcome = await session.perform((db, bookId) => insertRecord(db, bookId, lines.dataset, { ...fields, ...inputs }));
        return outcome.ok ? [] : outcome.problems;
      },
    },
  };
}

/** 删除行: the records of the selected lines, as one step. */
export async function deleteLines(place: LinePlace): Promise<LineResult> {
  const { session, lines } = place;
  const model = session.currentEngine.model;
  const refs = place.selected.filter((row) => isLineRow(lines, row)).flatMap((row) => lineRecords(model, lines, row).map((r) => ({ dataset: r.dataset, id: r.id })));
  if (refs.length === 0) return { message: `请先选中要删除的${lines.def.label}行（合计、小计行不能删除）` };
  for (const ref of refs) {
    const refused = ownerProblem(session.departmentBook, session.ownerOf(ref.dataset, ref.id) ?? '', session.scope);
    if (refused) return { message: refused };
  }
  const outcome = await session.perform((db, bookId) => deleteRecords(db, bookId, refs));
  return { message: outcome.ok ? `已删除 ${refs.length} 条${lines.def.label}，可按 Ctrl+Z 撤销` : problemsText(outcome.problems) };
}

/** 上移 / 下移: the active line past its neighbour under the same parent rows (record-ordered tables only). */
export async function moveLine(place: LinePlace, direction: 'up' | 'down'): Promise<LineResult> {
  const { session, lines, active } = place;
  if (lines.kind !== 'grouped' || !lines.ordered) return { message: '本表各行按编码排列，不能上移或下移' };
  const record = activeRecord(place);
  if (!record || !active) return { message: '请先选中要移动的一行' };
  const context = placeContext(place);
  const all = stored(place);
  const siblings = all.filter((r) => inContext(r, context));
  const at = siblings.findIndex((r) => r.id === record.id);
  const neighbour = siblings[direction === 'up' ? at - 1 : at + 1];
  if (!neighbour) return { message: direction === 'up' ? '已是第一行' : '已是最后一行' };
  // Positions in the dataset without the moved record: the neighbour's, to go before it; one past it, to go after.
  const others = all.filter((r) => r.id !== record.id);
  const to = others.findIndex((r) => r.id === neighbour.id) + (direction === 'down' ? 1 : 0);
  const outcome = await session.perform((db, bookId) => moveRecord(db, bookId, lines.dataset, record.id, to));
  return outcome.ok ? { focus: { dataset: lines.dataset, id: record.id } } : { message: problemsText(outcome.problems) };
}

/** 新增项目 / 新增项目绩效目标: a record the lines of this table refer to. */
export function addReferenced(place: LinePlace, dataset: string): LineResult {
  const { session } = place;
  const def = session.departmentBook.template.datasets[dataset]!;
  const own = unitField(def);
  if (own && !session.scope) return { message: `请先在“单位”中选择${def.label}所属的单位` };
  const context = own ? { [own]: session.scope } : {};
  return {
    form: {
      title: `新增${def.label}`,
      dataset,
      context,
      done: `已新增${def.label}，再用“新增行”为它添加${place.lines.def.label}`,
      submit: async (inputs) => {
        const problem = ownerProblem(session.departmentBook, ownerOf(session.departmentBook, def, inputs), session.scope);
        if (problem) return [{ where: def.label, message: problem }];
        const outcome = await session.perform((db, bookId) => insertRecord(db, bookId, dataset, inputs));
        return outcome.ok ? [] : outcome.problems;
      },
    },
  };
}

/**
 * Whole lines pasted in the table's printed layout become new lines where the selection is (one step); undefined
 * when the block is not whole lines, so it is pasted into the cells as usual.
 */
export async function pasteLines(place: LinePlace, block: readonly (readonly string[])[], labels: readonly string[]): Promise<LineResult | undefined> {
  const { session, lines } = place;
  if (lines.kind !== 'grouped' || lines.paste.size === 0 || !isLineBlock(block, labels.length)) return undefined;
  if (unitField(lines.def) && !session.scope) return { message: '请先在“单位”中选择要填报的单位，再粘贴', refused: true };
  const context = placeContext(place);
  const view = session.view(lines.tableId);
  const mergedKeys = new Set(lines.levels.at(-1)?.mergeDown ?? []);
  const merged = new Set(view.columns.flatMap((c, i) => (mergedKeys.has(c.key) ? [i] : [])));
  const pasted = pastedLines(lines, session.departmentBook, block, context, session.scope, view, merged);
  if (pasted.problems.length > 0) return { message: `未粘贴：${problemsText(pasted.problems)}`, refused: true };
  if (pasted.rows.length === 0) return { message: '粘贴的内容中没有明细行', refused: true };
  const book = session.departmentBook;
  for (const row of pasted.rows) {
    const refused = ownerProblem(book, ownerOf(book, lines.def, row), session.scope);
    if (refused) return { message: `未粘贴：${refused}`, refused: true };
  }
  const outcome = await session.pasteRecords(lines.dataset, pasted.rows, insertionIndex(place, 'after'));
  if (!outcome.ok) return { message: `未粘贴：${problemsText(outcome.problems)}`, refused: true };
  const skipped = pasted.skipped > 0 ? `（跳过 ${pasted.skipped} 行合计或小计）` : '';
  const first = outcome.inserted[0]?.id;
  return { message: `已新增 ${pasted.rows.length} 行${skipped}，可按 Ctrl+Z 撤销`, ...(first ? { focus: { dataset: lines.dataset, id: first } } : {}) };
}
