import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../shared/engine/model';
import { leafColumns } from '../../../shared/template/load';
import { type BudgetDb, readBookFile } from '../../db';
import { openGuizhouEachTest } from '../testing/books';
import type { BookSession } from '../workspace/session';
import { addLine, deleteLines, duplicateLine, type LinePlace, moveLine, pasteLines } from './lineActions';
import { lineTable } from './lineTable';

let db: BudgetDb;
let bookId: string;
let session: BookSession;

openGuizhouEachTest((open) => ({ db, bookId, session } = open));

function place(tableId: string, rowId: string): LinePlace {
  const row: Row = session.currentEngine.model.tableById.get(tableId)!.rowById.get(rowId)!;
  return { session, lines: lineTable(session.book.template, tableId)!, active: row, selected: [row] };
}

const transfers = async () => (await readBookFile(db, bookId))!.data['transfers']!.map((r) => r.name);
const total = (tableId: string, column: string) => session.view(tableId).rows.find((r) => r.id === 'total')!.cells[session.view(tableId).columns.findIndex((c) => c.key === column)];

describe('line commands on 表13 (transfers, in record order, of the department)', () => {
  it('新增行 asks for the name and puts the line after the selected one; 复制行 copies it beside; both undo', async () => {
    const asked = await addLine(place('T13', 't1'), 'after');
    expect(asked.form).toMatchObject({ title: '新增省对下转移支付', dataset: 'transfers', context: {} });
    expect(await asked.form!.submit({ name: '城乡居民医保补助', gpb: '12.5' })).toEqual([]);
    expect(await transfers()).toEqual(['医疗保险省级补助金', '城乡居民医保补助', '医疗保险省级补助金', '医疗救助资金']);
    // 3,596.63 + 389,428 + 67,000 (published 表13) + 12.50.
    expect(total('T13', 'c1')).toMatchObject({ text: '460,037.13' });

    const copied = await duplicateLine(place('T13', 't3'));
    expect(copied).toMatchObject({ message: '已复制一行，可按 Ctrl+Z 撤销', focus: { dataset: 'transfers' } });
    expect(await transfers()).toEqual(['医疗保险省级补助金', '城乡居民医保补助', '医疗保险省级补助金', '医疗救助资金', '医疗救助资金']);
    await session.undo();
    await session.undo();
    expect(await transfers()).toEqual(['医疗保险省级补助金', '医疗保险省级补助金', '医疗救助资金']);
  });

  it('上移 / 下移 swap a line with its neighbour; the first line cannot go up', async () => {
    expect(await moveLine(place('T13', 't1'), 'up')).toEqual({ message: '已是第一行' });
    expect(await moveLine(place('T13', 't1'), 'down')).toEqual({ focus: { dataset: 'transfers', id: 't1' } });
    expect((await readBookFile(db, bookId))!.data['transfers']!.map((r) => r.id)).toEqual(['t2', 't1', 't3']);
    expect(await moveLine(place('T13', 't3'), 'up')).toEqual({ focus: { dataset: 'transfers', id: 't3' } });
    expect((await readBookFile(db, bookId))!.data['transfers']!.map((r) => r.id)).toEqual(['t2', 't3', 't1']);
  });

  it('删除行 deletes the selected lines in one step, not one a target refers to, nor in a unit’s view', async () => {
    session.setScope('261001');
    expect(await addLine(place('T13', 'dept'), 'after')).toEqual({ message: '这些数据属于部门，请在“单位”中选择“部门汇总”后再编辑' });
    session.setScope('');
    expect((await deleteLines(place('T13', 't2'))).message).toMatch(/^省对下转移支付“医疗保险省级补助金”：仍有 1 条项目绩效目标记录（.*）引用它，请先删除或改动这些记录$/);
    await (await addLine(place('T13', 't3'), 'after')).form!.submit({ name: '临时项目' });
    const added = (await readBookFile(db, bookId))!.data['transfers']![3]!.id;
    expect(await deleteLines(place('T13', added))).toEqual({ message: '已删除 1 条省对下转移支付，可按 Ctrl+Z 撤销' });
    expect(await transfers()).toEqual(['医疗保险省级补助金', '医疗保险省级补助金', '医疗救助资金']);
    expect(await deleteLines(place('T13', 'total'))).toEqual({ message: '请先选中要删除的省对下转移支付行（合计、小计行不能删除）' });
  });
});

describe('line commands on 表10 and 表9', () => {
  it('whole lines pasted under a unit’s category become that unit’s lines, in one undoable step', async () => {
    session.setScope('261001');
    const columns = leafColumns(session.book.template.tables.find((t) => t.id === 'T10')!.columns).map((c) => c.label);
    const line = (func: string, econ: string, gpb: string) => ['', '', func, '', econ, '', gpb, gpb, gpb, '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    const block = [['', '人员类项目支出', '', '', '', '', '5', '5', '5', '0', '0', '0', '0', '0', '0', '0', '0', '0'], line('2101501', '30199', '5.00'), line('2101501', '30299', '1.50')];
    const result = await pasteLines(place('T10', '261001/人员类项目支出'), block, columns);
    expect(result).toMatchObject({ message: '已新增 2 行（跳过 1 行合计或小计），可按 Ctrl+Z 撤销', focus: { dataset: 'basic' } });
    const added = (await readBookFile(db, bookId))!.data['basic']!.slice(-2);
    expect(added.map(({ id: _id, ...r }) => r)).toEqual([
      { unit: '261001', func: '2101501', econ: '30199', gpb: '5.00' },
      { unit: '261001', func: '2101501', econ: '30299', gpb: '1.50' },
    ]);
    // The unit's published 表10 total 1,431.99 + 5.00 + 1.50.
    expect(total('T10', 'c1')).toMatchObject({ text: '1,438.49' });
    expect(session.history.undo).toBe('粘贴 0 个单元格，新增 2 行');
  });

  it('a thousand pasted lines join the book in memory as they are stored, one undo takes them all back', async () => {
    session.setScope('261001');
    const columns = leafColumns(session.book.template.tables.find((t) => t.id === 'T10')!.columns).map((c) => c.label);
    const line = ['', '', '2101501', '', '30199', '', '0.01', '0.01', '0.01', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    const before = (await readBookFile(db, bookId))!.data['basic']!.length;
    const result = await pasteLines(place('T10', '261001/人员类项目支出'), Array<string[]>(1000).fill(line), columns);
    expect(result).toMatchObject({ message: '已新增 1000 行，可按 Ctrl+Z 撤销' });
    // What the editor computes from is what a reload would read.
    const stored = (await readBookFile(db, bookId))!;
    expect(stored.data['basic']).toHaveLength(before + 1000);
    expect(session.bookFile).toEqual(stored);
    // The unit's published 表10 total 1,431.99 + 1,000 × 0.01.
    expect(total('T10', 'c1')).toMatchObject({ text: '1,441.99' });
    expect(session.history.undo).toBe('粘贴 0 个单元格，新增 1000 行');
    await session.undo();
    expect((await readBookFile(db, bookId))!.data['basic']).toHaveLength(before);
    expect(total('T10', 'c1')).toMatchObject({ text: '1,431.99' });
  });

  it('表13 (in record order): pasted lines go after the selected line, in the pasted order', async () => {
    const lines = lineTable(session.book.template, 'T13')!;
    const labels = session.view('T13').columns.map((c) => c.label);
    const nameColumn = [...(lines.kind === 'grouped' ? lines.paste : [])].find(([, t]) => t.kind === 'field' && t.field === 'name')![0];
    const row = (name: string) => labels.map((_, i) => (i === nameColumn ? name : ''));
    const result = await pasteLines(place('T13', 't1'), [row('甲'), row('乙'), row('丙')], labels);
    expect(result).toMatchObject({ message: '已新增 3 行，可按 Ctrl+Z 撤销' });
    expect(await transfers()).toEqual(['医疗保险省级补助金', '甲', '乙', '丙', '医疗保险省级补助金', '医疗救助资金']);
    expect(session.bookFile.data['transfers']!.map((r) => r['name'])).toEqual(await transfers());
  });

  it('a line whose codes are there already is refused by the new-line form', async () => {
    session.setScope('261001');
    const asked = await addLine(place('T10', '261001/人员类项目支出'), 'after');
    expect(asked.form!.check!({ unit: '261001', func: '2080505', econ: '30108' })).toMatchObject({
      message: '此处已有功能分类科目、部门预算经济分类科目相同的一行，两行会合并显示；请改选科目，或直接修改已有的行',
    });
    expect(asked.form!.check!({ unit: '261001', func: '2080505', econ: '30199' })).toBeUndefined();
  });

  it('表9: a declared row that has its record already is edited in the grid', async () => {
    expect(await addLine(place('T9', 'reception'), 'after')).toEqual({ message: '此行已有数据，请直接在表格中修改' });
    expect(await addLine(place('T9', 'total'), 'after')).toEqual({ message: '请先选中要填报的行' });
  });
});
