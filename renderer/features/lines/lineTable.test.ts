import { describe, expect, it } from 'vitest';
import { loadBook } from '../../../shared/book/load';
import { Engine } from '../../../shared/engine/engine';
import { tableView } from '../../../shared/engine/view';
import { findTemplate } from '../../../shared/template/registry';
import { guizhouBook, publishedGuizhou } from '../../../tests/support/books';
import { inContext, isLineRow, lineContext, lineKey, lineTable } from './lineTable';
import { isLineBlock, pastedLines } from './pasteLines';

const template = findTemplate('guizhou-budget-2024', 1)!;
const engine = Engine.run(loadBook(guizhouBook(), findTemplate));
const rowOf = (table: string, id: string) => engine.model.tableById.get(table)!.rowById.get(id)!;
const published = (id: string) => publishedGuizhou().tables.find((t) => t.id === id)!;
const viewOf = (id: string) => tableView(engine, engine.model.tableById.get(id)!);
const asCopied = (rows: (string | number)[][]) => rows.map((r) => r.map(String));

describe('the lines of an entry table, from the template', () => {
  it('表10: basic lines sorted by code; pasted 功能/经济 codes and the entered amount columns', () => {
    const t10 = lineTable(template, 'T10')!;
    expect(t10).toMatchObject({ kind: 'grouped', dataset: 'basic', ordered: false, referenced: [] });
    if (t10.kind !== 'grouped') throw new Error('grouped');
    // 0 部门名称, 1 项目名称, 2/3 功能编码/名称, 4/5 经济编码/名称, 6 本年支出合计, 7 财政拨款小计, 12 单位资金小计.
    expect(Object.fromEntries([...t10.paste].map(([col, t]) => [col, t.kind === 'field' ? t.field : t]))).toEqual({
      2: 'func',
      4: 'econ',
      8: 'gpb',
      9: 'gfb',
      10: 'soe',
      11: 'special',
      13: 'biz',
      14: 'oper',
      15: 'upper',
      16: 'affil',
      17: 'other',
    });
  });

  it('表11: project lines refer to projects, found by the pasted 项目名称', () => {
    const t11 = lineTable(template, 'T11')!;
    expect(t11).toMatchObject({ dataset: 'projectLines', ordered: false, referenced: [{ field: 'project', dataset: 'projects' }] });
    expect(t11.kind === 'grouped' && t11.paste.get(1)).toEqual({ kind: 'ref', field: 'project', dataset: 'projects', by: 'name' });
  });

  it('表12, 表13 and 表14 follow the record order; 表9 takes one record per declared row; 表1 has no lines', () => {
    expect(lineTable(template, 'T12')).toMatchObject({ dataset: 'procurement', ordered: true });
    expect(lineTable(template, 'T13')).toMatchObject({ dataset: 'transfers', ordered: true });
    expect(lineTable(template, 'T14')).toMatchObject({ dataset: 'indicators', ordered: true, referenced: [{ field: 'target', dataset: 'targets' }] });
    const t9 = lineTable(template, 'T9')!;
    expect(t9.kind === 'fixed' && [...t9.rows.keys()]).toEqual(['abroad', 'reception', 'carRun', 'carBuy']);
    expect(lineTable(template, 'T1')).toBeUndefined();
  });
});

describe('where a new line goes', () => {
  const t10 = lineTable(template, 'T10')!;
  const t11 = lineTable(template, 'T11')!;

  it('under a 表10 category or beside one of its lines: the unit being edited (the category follows the code)', () => {
    const category = rowOf('T10', '261001/人员类项目支出');
    expect(lineContext(engine.model, t10, category, '261001')).toEqual({ unit: '261001' });
    const line = category.children[0]!;
    expect(isLineRow(t10, line)).toBe(true);
    expect(lineContext(engine.model, t10, line, '261001')).toEqual({ unit: '261001' });
  });

  it('under a 表11 project: that project; 表9 row 公务接待费: that item', () => {
    const project = rowOf('T11', '261001/p01');
    expect(lineContext(engine.model, t11, project, '261001')).toEqual({ project: 'p01' });
    expect(lineContext(engine.model, t11, project.children[0], '261001')).toEqual({ project: 'p01' });
    expect(lineContext(engine.model, lineTable(template, 'T9')!, rowOf('T9', 'reception'), '')).toEqual({ item: '公务接待费' });
  });

  it('two lines with the same codes under one unit are one row; records of a context are found', () => {
    expect(lineKey(t10, { unit: '261001', func: '2080505', econ: '30108' })).toBe(lineKey(t10, { func: '2080505', econ: '30108', gpb: '1' }));
    expect(lineKey(lineTable(template, 'T13')!, { name: '甲' })).toBeUndefined();
    expect(inContext({ unit: '261001', func: '2080505' }, { unit: '261001' })).toBe(true);
    expect(inContext({ unit: '261101' }, { unit: '261001' })).toBe(false);
  });
});

describe('pasting lines copied from Excel', () => {
  const t10 = lineTable(template, 'T10')!;
  const t11 = lineTable(template, 'T11')!;
  if (t10.kind !== 'grouped' || t11.kind !== 'grouped') throw new Error('grouped');

  it('表10: published rows become lines of the unit; the unit and category rows copied along are left out', () => {
    const table = published('表10');
    const block = asCopied(table.rows.slice(2, 6));
    expect(isLineBlock(block, 18)).toBe(true);
    expect(pastedLines(t10, engine.book, block, { unit: '261001' }, '261001', viewOf('T10'))).toEqual({
      rows: [
        { unit: '261001', func: '2080505', econ: '30108', gpb: '123.53', gfb: '0', soe: '0', special: '0', biz: '0', oper: '0', upper: '0', affil: '0', other: '0' },
        { unit: '261001', func: '2080506', econ: '30109', gpb: '23.41', gfb: '0', soe: '0', special: '0', biz: '0', oper: '0', upper: '0', affil: '0', other: '0' },
      ],
      skipped: 2,
      problems: [],
    });
  });

  it('表10: a published run whose 功能科目 is printed on its first line only fills the blanks from the line above', () => {
    // 本级 人员类项目支出: 2101501 行政运行 with 30101 基本工资 343.88, then 30102 191.07 and 30103 132.21 printed
    // without the 功能科目 (tables.md Appendix C). Columns 2 and 3 are 功能 科目编码/科目名称.
    const block = asCopied(published('表10').rows.slice(8, 11));
    expect(block.map((r) => r[2])).toEqual(['2101501', '', '']);
    const pasted = pastedLines(t10, engine.book, block, { unit: '261001' }, '261001', viewOf('T10'), new Set([2, 3]));
    expect(pasted.problems).toEqual([]);
    expect(pasted.rows.map((r) => [r['func'], r['econ'], r['gpb']])).toEqual([
      ['2101501', '30101', '343.88'],
      ['2101501', '30102', '191.07'],
      ['2101501', '30103', '132.21'],
    ]);
  });

  it('表11: the 项目名称 column finds the unit’s project; an unknown name is a problem naming the row', () => {
    const row = ['', '12393医疗保障热线服务经费', '2101505', '医疗保障政策管理', '30227', '委托业务费', '1', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    const unknown = [...row];
    unknown[1] = '不存在的项目';
    const pasted = pastedLines(t11, engine.book, [row, unknown], {}, '261001', viewOf('T11'));
    expect(pasted.rows[0]).toMatchObject({ project: 'p01', func: '2101505', econ: '30227', gpb: '1' });
    expect(pasted.problems).toEqual([{ where: '粘贴的第 2 行“项目名称”', message: '本单位没有项目“不存在的项目”，请先新增该项目' }]);
  });

  it('a block narrower than the table is not whole lines', () => {
    expect(isLineBlock([['2080505', '30108']], 18)).toBe(false);
  });
});
