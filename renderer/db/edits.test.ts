import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBook } from '../../shared/book/load';
import { Engine } from '../../shared/engine/engine';
import { findTemplate } from '../../shared/template/registry';
import { readBookFile } from './bookfile';
import type { BudgetDb } from './database';
import { deleteRecords, duplicateRecord, insertRecord, moveRecord, type Pasted, pasteBlock, setField } from './edits';
import { historyOf, redo, stepsOf, undo } from './journal';
import { setManualTable } from './manual';
import { guizhouBook } from '../../tests/support/books';
import { addGuizhou, freshDb, rowCounts } from './testing';
import { setText } from './texts';
import { putUnit, removeUnit } from './units';

let db: BudgetDb;
let bookId: string;

beforeEach(async () => {
  db = freshDb();
  bookId = await addGuizhou(db);
});

async function record(dataset: string, id: string): Promise<Record<string, string> | undefined> {
  return (await readBookFile(db, bookId))!.data[dataset]!.find((r) => r.id === id);
}

async function ids(dataset: string): Promise<string[]> {
  return (await readBookFile(db, bookId))!.data[dataset]!.map((r) => r.id);
}

/** Expects a refused edit: its problems, and no row of any table changed. */
async function refused(edit: () => Promise<{ ok: boolean }>): Promise<{ where: string; message: string }[]> {
  const before = await rowCounts(db);
  const file = await readBookFile(db, bookId);
  const outcome = await edit();
  expect(outcome.ok).toBe(false);
  expect(await rowCounts(db)).toEqual(before);
  expect(await readBookFile(db, bookId)).toEqual(file);
  return (outcome as unknown as { problems: { where: string; message: string }[] }).problems.map(({ where, message }) => ({ where, message }));
}

describe('setting a field', () => {
  it('stores the amount as typed by an officer, normalised, and records one undoable step', async () => {
    expect(await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, ' 1,234.5 ')).toEqual({ ok: true });
    expect(await record('basic', 'b001')).toEqual({ id: 'b001', unit: '261001', func: '2080505', econ: '30108', gpb: '1234.50' });
    expect(await historyOf(db, bookId)).toEqual({ undo: '修改基本支出明细“261001 2080505 30108”的“一般公共预算”' });
  });

  it('removes an amount set to zero or blank (a missing amount is zero)', async () => {
    await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '');
    expect(await record('basic', 'b001')).toEqual({ id: 'b001', unit: '261001', func: '2080505', econ: '30108' });
  });

  it('is what the engine derives from', async () => {
    await setField(db, bookId, { dataset: 'income', id: 'inc-261001', field: 'gpb' }, '10931.33'); // published 10,931.32
    const engine = Engine.run(loadBook(await readBookFile(db, bookId), findTemplate));
    expect(engine.evaluate('sum(income.gpb)')).toBe(46_156_160_000); // 46,156.15 + 0.01 万元, in 分
  });

  it('refuses bad input with the record and field named, writing nothing', async () => {
    const basic = (field: string) => ({ dataset: 'basic', id: 'b001', field });
    expect(await refused(() => setField(db, bookId, basic('gpb'), '12o.5'))).toEqual([
      { where: '基本支出明细“261001 2080505 30108”的“一般公共预算”', message: '“12o.5”不是有效金额，请输入数字，例如 46,156.15' },
    ]);
    expect((await refused(() => setField(db, bookId, basic('gpb'), '1.234')))[0]!.message).toBe('“1.234”超过 2 位小数（单位：万元），请核对后输入');
    expect((await refused(() => setField(db, bookId, basic('econ'), '39999')))[0]!.message).toMatch(/^“39999”不是.*中的编码$/);
    expect((await refused(() => setField(db, bookId, basic('func'), '208')))[0]!.message).toBe('编码“208”应为 7 位');
    expect((await refused(() => setField(db, bookId, basic('func'), '')))[0]!.message).toBe('不能为空');
    expect((await refused(() => setField(db, bookId, basic('unit'), '999999')))[0]!.message).toBe('本账套没有编码或名称为“999999”的单位');
    expect((await refused(() => setField(db, bookId, basic('category'), '公用经费支出')))[0]!.message).toBe('此项由程序推导，不能填写');
    expect((await refused(() => setField(db, bookId, basic('nope'), '1')))[0]!.message).toBe('基本支出明细没有此字段');
    expect(await refused(() => setField(db, bookId, { dataset: 'basic', id: 'zzz', field: 'gpb' }, '1'))).toEqual([
      { where: '记录 zzz', message: '记录不存在，它可能已在其他窗口被删除' },
    ]);
  });

  it('checks references and enumerations', async () => {
    const line = { dataset: 'projectLines', id: 'pl001', field: 'project' };
    expect(await refused(() => setField(db, bookId, line, 'p99'))).toEqual([
      { where: '项目支出明细“p99 2101505 30227”的“项目”', message: '项目中没有编号为“p99”的记录' },
    ]);
    expect(await setField(db, bookId, line, 'p02')).toEqual({ ok: true });
    const indicator = { dataset: 'indicators', id: 'ind001', field: 'symbol' };
    expect((await refused(() => setField(db, bookId, indicator, '>')))[0]!.message).toBe('“>”无效，应为“≥”、“≤”、“=”、“定性”之一');
  });

  it('accepts a unit by its name and a code the book added to a catalogue', async () => {
    expect(await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'unit' }, '贵州省卫生项目管理办公室')).toEqual({ ok: true });
    expect((await record('basic', 'b001'))!['unit']).toBe('261101');
    const own = { ...guizhouBook(), extraCodes: { deptEconomic: [{ code: '3029998', name: '本部门增列的经济科目' }] } };
    const other = await addGuizhou(db, { ...own, year: 2025 });
    expect(await setField(db, other, { dataset: 'basic', id: 'b001', field: 'econ' }, '3029998')).toEqual({ ok: true });
    expect((await refused(() => setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'econ' }, '3029998')))[0]!.message).toMatch(/^“3029998”不是/);
  });

  it('keeps one record per unit where the template says so', async () => {
    expect(await refused(() => setField(db, bookId, { dataset: 'income', id: 'inc-261101', field: 'unit' }, '261001'))).toEqual([
      { where: '收入预算“261001”的“单位”', message: '每个单位只能有一条收入预算记录，单位“261001”已有一条' },
    ]);
  });

  it('writes nothing and records no step when the value does not change', async () => {
    expect(await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '123.53')).toEqual({ ok: true });
    expect(await historyOf(db, bookId)).toEqual({});
  });
});

describe('pasting a block', () => {
  it('sets every cell and adds new rows as one step', async () => {
    const outcome = await pasteBlock(db, bookId, {
      dataset: 'basic',
      cells: [
        { id: 'b001', field: 'gpb', input: '100' },
        { id: 'b002', field: 'gpb', input: '200' },
      ],
      newRows: [{ unit: '261001', func: '2080505', econ: '30108', gpb: '1.00' }],
    });
    expect(outcome).toMatchObject({ ok: true, inserted: [{ id: expect.stringMatching(/^r[0-9a-f]{8}$/) }], after: 'b039' });
    const list = (await readBookFile(db, bookId))!.data['basic']!;
    expect(list[0]!['gpb']).toBe('100.00');
    expect(list[1]!['gpb']).toBe('200.00');
    expect(list.at(-1)).toEqual({ id: (outcome as Pasted).inserted[0]!.id, unit: '261001', func: '2080505', econ: '30108', gpb: '1.00' });
    expect(list.at(-1)).toEqual((outcome as Pasted).inserted[0]);
    expect(await historyOf(db, bookId)).toEqual({ undo: '粘贴 2 个单元格，新增 1 行' });
  });

  it('writes nothing when any cell is wrong, and names every wrong cell', async () => {
    const problems = await refused(() =>
      pasteBlock(db, bookId, {
        dataset: 'basic',
        cells: [
          { id: 'b001', field: 'gpb', input: '100' },
          { id: 'b002', field: 'gpb', input: 'abc' },
        ],
        newRows: [{ unit: '261001', econ: '30108' }],
      }),
    );
    expect(problems).toEqual([
      { where: '基本支出明细“261001 2080506 30109”的“一般公共预算”', message: '“abc”不是有效金额，请输入数字，例如 46,156.15' },
      { where: '基本支出明细新增的第 1 行的“功能分类科目”', message: '不能为空' },
    ]);
  });
});

describe('pasting a thousand lines', () => {
  const line = (i: number) => ({ project: 'p01', func: '2101505', econ: '30227', gpb: `${i + 1}.00` });
  const lines = Array.from({ length: 1000 }, (_, i) => line(i));

  it('puts them where they are pasted, in the pasted order, as one step that undo and redo take whole', async () => {
    const before = await ids('projectLines');
    const steps = await stepsOf(db, bookId).count();
    const outcome = await pasteBlock(db, bookId, { dataset: 'projectLines', cells: [], newRows: lines, at: 5 });
    expect(outcome.ok).toBe(true);
    const { inserted: records, after } = outcome as Pasted;
    expect(after).toBe(before[4]);
    const inserted = records.map((r) => r.id);
    expect(new Set(inserted).size).toBe(1000);
    expect(await ids('projectLines')).toEqual([...before.slice(0, 5), ...inserted, ...before.slice(5)]);
    // Each line's figure says which pasted line it is: the 1st is 1.00, the 1,000th 1000.00.
    const stored = (await readBookFile(db, bookId))!.data['projectLines']!;
    expect(stored.slice(5, 1005).map((r) => r['gpb'])).toEqual(lines.map((l) => l.gpb));
    expect(stored[5]).toEqual({ id: inserted[0], ...line(0) });

    expect(await stepsOf(db, bookId).count()).toBe(steps + 1);
    expect(await historyOf(db, bookId)).toEqual({ undo: '粘贴 0 个单元格，新增 1000 行' });
    expect(await undo(db, bookId)).toEqual({ ok: true, label: '粘贴 0 个单元格，新增 1000 行' });
    expect(await ids('projectLines')).toEqual(before);
    expect(await redo(db, bookId)).toEqual({ ok: true, label: '粘贴 0 个单元格，新增 1000 行' });
    expect(await ids('projectLines')).toEqual([...before.slice(0, 5), ...inserted, ...before.slice(5)]);
  });

  it('goes after the last line by default, and before the first at 0', async () => {
    const before = await ids('projectLines');
    const last = (await pasteBlock(db, bookId, { dataset: 'projectLines', cells: [], newRows: lines.slice(0, 3) })) as Pasted;
    const first = (await pasteBlock(db, bookId, { dataset: 'projectLines', cells: [], newRows: lines.slice(0, 2), at: 0 })) as Pasted;
    expect([last.after, first.after]).toEqual([before.at(-1), undefined]);
    expect(await ids('projectLines')).toEqual([...first.inserted.map((r) => r.id), ...before, ...last.inserted.map((r) => r.id)]);
  });

  it('writes nothing when one cell of line 700 is wrong, and names that line and column', async () => {
    const bad = lines.map((l, i) => (i === 699 ? { ...l, gpb: '7OO' } : l));
    expect(await refused(() => pasteBlock(db, bookId, { dataset: 'projectLines', cells: [], newRows: bad, at: 5 }))).toEqual([
      { where: '项目支出明细新增的第 700 行的“一般公共预算”', message: '“7OO”不是有效金额，请输入数字，例如 46,156.15' },
    ]);
    expect(await historyOf(db, bookId)).toEqual({});
  });

  it('checks every pasted line as a whole: a line of a project that does not exist writes nothing', async () => {
    const bad = lines.map((l, i) => (i === 999 ? { ...l, project: 'p99' } : l));
    expect(await refused(() => pasteBlock(db, bookId, { dataset: 'projectLines', cells: [], newRows: bad }))).toEqual([
      { where: '项目支出明细新增的第 1000 行的“项目”', message: '项目中没有编号为“p99”的记录' },
    ]);
  });

  it('keeps order when pastes at one place have used up the room between two lines', async () => {
    const before = await ids('transfers');
    const pasted: string[][] = [];
    // Each paste goes between t1 and the one before: 60 halvings of the room leave none.
    for (let i = 0; i < 60; i++) {
      const outcome = (await pasteBlock(db, bookId, { dataset: 'transfers', cells: [], newRows: [{ name: `第${i}批甲` }, { name: `第${i}批乙` }], at: 1 })) as Pasted;
      pasted.push(outcome.inserted.map((r) => r.id));
    }
    expect(await ids('transfers')).toEqual([before[0], ...pasted.reverse().flat(), ...before.slice(1)]);
  });
});

describe('inserting, duplicating, deleting and moving records', () => {
  it('inserts a record at a place in the order', async () => {
    const outcome = await insertRecord(db, bookId, 'transfers', { name: '新的转移支付', gpb: '5' }, 1);
    expect(outcome.ok).toBe(true);
    const id = (outcome as { id: string }).id;
    expect(await ids('transfers')).toEqual(['t1', id, 't2', 't3']);
    expect(await record('transfers', id)).toEqual({ id, name: '新的转移支付', gpb: '5.00' });
  });

  it('refuses a record without its required fields', async () => {
    expect(await refused(() => insertRecord(db, bookId, 'transfers', { gpb: '5' }))).toEqual([
      { where: '省对下转移支付新增的记录的“项目名称”', message: '不能为空' },
    ]);
  });

  it('duplicates a record right after it', async () => {
    const outcome = await duplicateRecord(db, bookId, 'transfers', 't1');
    const id = (outcome as { id: string }).id;
    expect(await ids('transfers')).toEqual(['t1', id, 't2', 't3']);
    expect(await record('transfers', id)).toEqual({ ...(await record('transfers', 't1')), id });
  });

  it('refuses to duplicate a record a unit may have only one of', async () => {
    expect((await refused(() => duplicateRecord(db, bookId, 'income', 'inc-261001')))[0]!.message).toBe(
      '每个单位只能有一条收入预算记录，单位“261001”已有一条',
    );
  });

  it('refuses to delete a record others refer to, and deletes it together with them', async () => {
    const problems = await refused(() => deleteRecords(db, bookId, [{ dataset: 'targets', id: 'tg01' }]));
    expect(problems).toEqual([{ where: '项目绩效目标“5200002177TNK484G6GG6 12393医疗保障热线服务经费”', message: expect.stringMatching(/^仍有 \d+ 条绩效指标记录（“tg01 累计服务量”、.*等）引用它，请先删除或改动这些记录$/) }]);
    const indicators = (await readBookFile(db, bookId))!.data['indicators']!.filter((i) => i['target'] === 'tg01');
    const refs = [{ dataset: 'targets', id: 'tg01' }, ...indicators.map((i) => ({ dataset: 'indicators', id: i.id }))];
    expect(await deleteRecords(db, bookId, refs)).toEqual({ ok: true });
    expect(await ids('targets')).not.toContain('tg01');
    expect(await historyOf(db, bookId)).toEqual({ undo: `删除 ${refs.length} 条记录` });
  });

  it('moves a record, and keeps order through many inserts at one place', async () => {
    expect(await moveRecord(db, bookId, 'transfers', 't3', 0)).toEqual({ ok: true });
    expect(await ids('transfers')).toEqual(['t3', 't1', 't2']);
    // 60 inserts between t3 and t1 use up the room between two positions; the dataset is renumbered.
    const added: string[] = [];
    for (let i = 0; i < 60; i++) added.push(((await insertRecord(db, bookId, 'transfers', { name: `第${i}项` }, 1)) as { id: string }).id);
    expect(await ids('transfers')).toEqual(['t3', ...added.reverse(), 't1', 't2']);
  });
});

describe('units, text and 手工填报 tables', () => {
  it('adds and renames a unit, and removes one no record names', async () => {
    expect(await putUnit(db, bookId, { code: '261102', name: '新单位', kind: '事业' })).toEqual({ ok: true });
    expect(await putUnit(db, bookId, { code: '261102', name: '新单位（更名）', kind: '事业' })).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.units.at(-1)).toEqual({ code: '261102', name: '新单位（更名）', kind: '事业' });
    expect(await removeUnit(db, bookId, '261102')).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.units.map((u) => u.code)).toEqual(['261001', '261101']);
  });

  it('refuses a unit of an unknown kind, and removing a unit records still name', async () => {
    expect(await refused(() => putUnit(db, bookId, { code: '261102', name: '新单位', kind: '企业' }))).toEqual([
      { where: '单位 261102 的单位性质', message: '“企业”无效，应为行政、参公、事业之一' },
    ]);
    expect((await refused(() => removeUnit(db, bookId, '261101')))[0]!.message).toMatch(/^仍有1 条收入预算记录、\d+ 条基本支出明细记录.*属于此单位/);
  });

  it('sets and clears a text', async () => {
    const texts = async () => (await readBookFile(db, bookId))!.text ?? {};
    const before = await texts();
    expect(await setText(db, bookId, '新的说明', '主要职能……')).toEqual({ ok: true });
    expect(await texts()).toEqual({ ...before, 新的说明: '主要职能……' });
    expect(await setText(db, bookId, '新的说明', '')).toEqual({ ok: true });
    expect(await texts()).toEqual(before);
  });

  it('switches a table to 手工填报 and back, refusing rows the engine cannot match', async () => {
    const rows = [['合计', 8.83, 8.83, 0, 0, 9.1, 9.1, 0, 0, 0.27, 0.27, 0, 0, '3.06%', '3.06%', '-', '-']];
    const problems = await refused(() => setManualTable(db, bookId, 'T9', [['无此行', 1]]));
    expect(problems.length).toBeGreaterThan(0);
    expect(await setManualTable(db, bookId, 'T9', rows)).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.manual).toEqual({ T9: rows });
    expect(await setManualTable(db, bookId, 'T9', undefined)).toEqual({ ok: true });
    expect((await readBookFile(db, bookId))!.manual).toBeUndefined();
  });
});
