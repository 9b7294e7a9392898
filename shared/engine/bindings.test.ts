import { describe, expect, it } from 'vitest';
import { findRecord, guizhouBook, run } from '../../tests/support/books';
import { bindingOf, originOf } from './bindings';

const book = guizhouBook();
const engine = run(book);
const { model } = engine;

function cell(tableId: string, rowId: string, columnKey: string) {
  const table = model.tableById.get(tableId)!;
  const row = table.rowById.get(rowId);
  if (!row) throw new Error(`no row ${tableId}/${rowId}`);
  return { row, column: table.columnByKey.get(columnKey)! };
}

function binding(tableId: string, rowId: string, columnKey: string) {
  const { row, column } = cell(tableId, rowId, columnKey);
  const b = bindingOf(engine.book, model, row, column);
  return b && { dataset: b.dataset, recordId: b.recordId, field: b.field };
}

describe('which printed cells are entered figures', () => {
  it('表2: a unit row\'s 一般公共预算拨款 is that unit\'s income record; 收入总计 (栏次 1=2+14) is derived', () => {
    const income = findRecord(book, 'income', { unit: '261001' });
    expect(binding('T2', '261001', 'c4')).toEqual({ dataset: 'income', recordId: income.id, field: 'gpb' });
    expect(binding('T2', '261001', 'c16')).toEqual({ dataset: 'income', recordId: income.id, field: 'carryGpb' });
    expect(binding('T2', '261001', 'c1')).toBeUndefined();
    expect(binding('T2', 'total', 'c4')).toBeUndefined();
    const { row, column } = cell('T2', '261001', 'c1');
    expect(originOf(engine.book, model, row, column)).toEqual({ kind: 'colNo', colNo: '1=2+14' });
  });

  it('表10: a line\'s codes and amounts are its basic record; names from the catalogue are not typed', () => {
    const line = findRecord(book, 'basic', { unit: '261001', func: '2080505', econ: '30108' });
    const rowId = '261001/人员类项目支出/2080505/30108';
    expect(binding('T10', rowId, 'c3')).toEqual({ dataset: 'basic', recordId: line.id, field: 'gpb' });
    expect(binding('T10', rowId, 'c12')).toEqual({ dataset: 'basic', recordId: line.id, field: 'other' });
    expect(binding('T10', rowId, 'funcCode')).toEqual({ dataset: 'basic', recordId: line.id, field: 'func' });
    expect(binding('T10', rowId, 'econCode')).toEqual({ dataset: 'basic', recordId: line.id, field: 'econ' });
    expect(binding('T10', rowId, 'funcName')).toBeUndefined();
    expect(binding('T10', rowId, 'c1')).toBeUndefined();
  });

  it('表11: a project row\'s name is the project record, shared by all its lines', () => {
    const project = findRecord(book, 'projects', { unit: '261001', name: '12393医疗保障热线服务经费' });
    expect(binding('T11', `261001/${project.id}`, 'projectName')).toEqual({ dataset: 'projects', recordId: project.id, field: 'name' });
  });

  it('表14: the project columns on an entry\'s first indicator row are the target record', () => {
    const target = findRecord(book, 'targets', { code: '5200002177TNK484G6GG6' });
    const first = findRecord(book, 'indicators', { target: target.id, name: '累计服务量' });
    const rowId = `${target.id}/${first.id}`;
    expect(binding('T14', rowId, 'projName')).toEqual({ dataset: 'targets', recordId: target.id, field: 'name' });
    expect(binding('T14', rowId, 'l3')).toEqual({ dataset: 'indicators', recordId: first.id, field: 'name' });
  });

  it('表9: prior-year figures are typed, this year\'s (from basic and project lines) are not', () => {
    const prior = findRecord(book, 'sanGongPrior', { item: '公务接待费' });
    expect(binding('T9', 'reception', 'c2')).toEqual({ dataset: 'sanGongPrior', recordId: prior.id, field: 'gpb' });
    expect(binding('T9', 'carRun', 'c6')).toBeUndefined(); // one basic line (6.45), still not typed here
  });

  it('derived tables explain their cells: 表3 rows add up records or children, 表1 reads 表2', () => {
    const leaf = cell('T3', '2101501', 'c6');
    const origin = originOf(engine.book, model, leaf.row, leaf.column);
    expect(origin.kind).toBe('records');
    // 2101501 行政运行 in 表10 (tables.md Appendix C): 本级 5 人员 + 12 公用 lines, 卫生项目管理办公室 4 + 8.
    if (origin.kind === 'records') expect(origin.records.filter((r) => r.dataset === 'basic')).toHaveLength(29);
    const kuan = cell('T3', '21015', 'c6');
    expect(originOf(engine.book, model, kuan.row, kuan.column).kind).toBe('children');
    const income = cell('T1', 'income', 'in');
    expect(originOf(engine.book, model, income.row, income.column)).toEqual({
      kind: 'formula',
      refs: [{ tableId: 'T2', rowId: 'total', columnKey: 'c2' }],
    });
    expect(bindingOf(engine.book, model, leaf.row, leaf.column)).toBeUndefined();
  });
});
