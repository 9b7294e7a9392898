import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { readBookFile } from './bookfile';
import { deleteBook } from './books';
import { BudgetDb } from './database';
import { deleteRecords, insertRecord, pasteBlock, setField } from './edits';
import { historyOf, MAX_STEPS, redo, stepsOf, undo } from './journal';
import { addGuizhou, freshDb, rowCounts } from './testing';
import { setText } from './texts';

let db: BudgetDb;
let bookId: string;
const gpb = { dataset: 'basic', id: 'b001', field: 'gpb' };

beforeEach(async () => {
  db = freshDb();
  bookId = await addGuizhou(db);
});

const amount = async (connection = db) => (await readBookFile(connection, bookId))!.data['basic']![0]!['gpb'];

describe('undo and redo', () => {
  it('undoes and redoes an edit, one step at a time', async () => {
    await setField(db, bookId, gpb, '1');
    await setField(db, bookId, gpb, '2');
    expect(await undo(db, bookId)).toEqual({ ok: true, label: '修改基本支出明细“261001 2080505 30108”的“一般公共预算”' });
    expect(await amount()).toBe('1.00');
    await undo(db, bookId);
    expect(await amount()).toBe('123.53');
    expect(await undo(db, bookId)).toEqual({ ok: true });
    expect(await historyOf(db, bookId)).toEqual({ redo: expect.any(String) });
    await redo(db, bookId);
    await redo(db, bookId);
    expect(await amount()).toBe('2.00');
    expect(await redo(db, bookId)).toEqual({ ok: true });
  });

  it('survives a reload: a new connection undoes what the closed one did', async () => {
    await setField(db, bookId, gpb, '7');
    await pasteBlock(db, bookId, { dataset: 'basic', cells: [{ id: 'b002', field: 'gpb', input: '8' }] });
    const name = db.name;
    db.close();
    const reopened = new BudgetDb(name);
    expect(await historyOf(reopened, bookId)).toEqual({ undo: '粘贴 1 个单元格' });
    await undo(reopened, bookId);
    await undo(reopened, bookId);
    expect(await amount(reopened)).toBe('123.53');
    reopened.close();
    const again = new BudgetDb(name);
    await redo(again, bookId);
    expect(await amount(again)).toBe('7.00');
    again.close();
  });

  it('undoes a paste with new rows, and a delete of several records, each as one step', async () => {
    const before = await readBookFile(db, bookId);
    const counts = await rowCounts(db);
    await pasteBlock(db, bookId, {
      dataset: 'basic',
      cells: [{ id: 'b001', field: 'gpb', input: '1' }],
      newRows: [{ unit: '261001', func: '2080505', econ: '30108', gpb: '2' }],
    });
    const indicators = before!.data['indicators']!.filter((i) => i['target'] === 'tg01').map((i) => ({ dataset: 'indicators', id: i.id }));
    await deleteRecords(db, bookId, [{ dataset: 'targets', id: 'tg01' }, ...indicators]);
    await undo(db, bookId);
    await undo(db, bookId);
    expect(await readBookFile(db, bookId)).toEqual(before);
    expect({ ...(await rowCounts(db)), journal: counts.journal }).toEqual(counts);
  });

  it('redoes an insert with the same record id', async () => {
    const { id } = (await insertRecord(db, bookId, 'transfers', { name: '新项目' })) as { id: string };
    await undo(db, bookId);
    await redo(db, bookId);
    expect((await readBookFile(db, bookId))!.data['transfers']!.at(-1)).toEqual({ id, name: '新项目' });
  });

  it('drops the undone steps when a new edit is made', async () => {
    await setField(db, bookId, gpb, '1');
    await undo(db, bookId);
    await setText(db, bookId, '说明', '新的');
    expect(await historyOf(db, bookId)).toEqual({ undo: '修改文字“说明”' });
    expect(await redo(db, bookId)).toEqual({ ok: true });
  });

  it('keeps the last steps of each book only', async () => {
    for (let i = 0; i <= MAX_STEPS; i++) await setText(db, bookId, '说明', String(i));
    expect(await stepsOf(db, bookId).count()).toBe(MAX_STEPS);
  });

  it('refuses to undo over a change made outside the journal, changing nothing', async () => {
    await setField(db, bookId, gpb, '1');
    const row = (await db.records.get([bookId, 'basic', 'b001']))!;
    await db.records.put({ ...row, fields: { ...row.fields, gpb: '5.00' } });
    expect(await undo(db, bookId)).toEqual({ ok: false, problems: [{ where: '撤销', message: '数据已在其他窗口被修改，此步骤无法执行' }] });
    expect(await amount()).toBe('5.00');
    expect(await historyOf(db, bookId)).toMatchObject({ undo: expect.any(String) });
  });

  it('refuses to undo in a deleted book', async () => {
    await setField(db, bookId, gpb, '1');
    await deleteBook(db, bookId);
    expect(await undo(db, bookId)).toEqual({ ok: false, problems: [{ where: '账套', message: '找不到该账套，它可能已在其他窗口被删除' }] });
  });
});
