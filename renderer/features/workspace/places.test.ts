import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../../shared/book/schema';
import type { Failure } from '../../../shared/engine/checks';
import type { Engine } from '../../../shared/engine/engine';
import { tableView, type TableView } from '../../../shared/engine/view';
import { findRecord, guizhouBook, readJson, run } from '../../../tests/support/books';
import { type CellPlace, lineOfRow, placeOfFailure } from './places';

const guizhou = guizhouBook();

function view(engine: Engine, tableId: string): TableView {
  return tableView(engine, engine.model.tableById.get(tableId)!);
}

function failure(engine: Engine, key: string): Failure {
  const f = engine.failures().find((x) => x.key === key);
  if (!f) throw new Error(`no failure ${key}: ${engine.failures().map((x) => x.key).join(', ')}`);
  return f;
}

/** Where the grid puts the place's active cell: its row and column index in the table as shown. */
function position(v: TableView, place: CellPlace | undefined): { table: string; row: number; col: number } | undefined {
  if (!place) return undefined;
  const [cell] = place.cells;
  return { table: place.tableId, row: lineOfRow(v, cell.rowId), col: v.columns.findIndex((c) => c.key === cell.columnKey) };
}

const text = (v: TableView, row: number, label: string) => {
  const cell = v.rows[row]!.cells[column(v, label)];
  return cell && cell.kind !== 'blank' ? cell.text : '';
};

/** The one column of the table with this label. */
function column(v: TableView, label: string): number {
  const found = v.columns.flatMap((c, i) => (c.label === label ? [i] : []));
  expect(found, label).toHaveLength(1);
  return found[0]!;
}

/** The one row of the table whose cells match. */
function rowWhere(v: TableView, match: (row: number) => boolean): number {
  const found = v.rows.flatMap((_, i) => (match(i) ? [i] : []));
  expect(found).toHaveLength(1);
  return found[0]!;
}

function edited(file: BookFile, edit: (data: BookFile['data']) => void): BookFile {
  const copy = structuredClone(file);
  edit(copy.data);
  return copy;
}

describe('a failed check goes to the cells it is about', () => {
  it('a record rule (S-7 定性 with a 计量单位): the indicator’s own row of 表14, on 计量单位', () => {
    const engine = run(guizhou);
    const indicator = findRecord(guizhou, 'indicators', { id: 'ind005' });
    const target = findRecord(guizhou, 'targets', { id: indicator.target! });
    const v = view(engine, 'T14');
    // The project's first indicator shares its row (the project level is inline); the indicator is the first of its
    // name from there on.
    const project = rowWhere(v, (i) => text(v, i, '项目代码') === target.code);
    const row = v.rows.findIndex((_, i) => i >= project && text(v, i, '三级指标') === indicator.name);
    expect(row).toBeGreaterThan(project);
    expect(position(v, placeOfFailure(engine, failure(engine, 'record:S-7:ind005')))).toEqual({ table: 'T14', row, col: column(v, '计量单位') });
  });

  it('the second S-7 rule (a 定量 指标值 that is not a number) goes to 指标值 of its row', () => {
    const file = edited(guizhou, (data) => {
      data['indicators']!.find((r) => r.id === 'ind001')!['value'] = '较多';
    });
    const engine = run(file);
    const v = view(engine, 'T14');
    const row = rowWhere(v, (i) => text(v, i, '三级指标') === '累计服务量' && text(v, i, '指标值') === '较多');
    expect(position(v, placeOfFailure(engine, failure(engine, 'record:S-7#2:ind001')))).toEqual({ table: 'T14', row, col: column(v, '指标值') });
  });

  /** Project p06's row of 表11 (its lines' project row, where its name is typed), found by the name printed. */
  const projectRow = (engine: Engine, key: string) => {
    const v = view(engine, 'T11');
    const row = rowWhere(v, (i) => text(v, i, '项目名称') === '省级政务信息系统运维经费(第二批)');
    expect(position(v, placeOfFailure(engine, failure(engine, key)))).toEqual({ table: 'T11', row, col: column(v, '项目名称') });
  };

  it('an exists rule (S-1, a project without a performance target): the project’s row of 表11, where its name is typed', () => {
    projectRow(run(guizhou), 'exists:S-1:p06');
  });

  it('a unique rule (S-6, a project code used twice in a unit): the second project’s row of 表11', () => {
    const file = edited(guizhou, (data) => {
      data['projects']!.find((r) => r.id === 'p06')!['code'] = 'LOCAL-0001';
    });
    projectRow(run(file), 'unique:S-6:p06');
  });

  it('a compare rule per unit (X-28): the unit’s 收入总计 in 表2, naming the other tables it reads', () => {
    const file = edited(guizhou, (data) => {
      data['income']!.find((r) => r['unit'] === '261001')!['gpb'] = '10931.33';
    });
    const engine = run(file);
    const v = view(engine, 'T2');
    const row = rowWhere(v, (i) => text(v, i, '部门名称').startsWith('261001'));
    const place = placeOfFailure(engine, failure(engine, 'rule:X-28:261001'));
    expect(position(v, place)).toEqual({ table: 'T2', row, col: column(v, '收入总计') });
    expect(place!.elsewhere).toEqual(['表10', '表11']);
  });

  describe('the 2023 决算 book', () => {
    const final = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');
    const engine = run(final);
    const v = view(engine, 'G01');
    const rowOf = (label: string) => rowWhere(v, (i) => v.rows[i]!.cells.some((c) => c.kind === 'text' && c.text === label));

    it('a compare rule within one table (F01-2): 本年支出合计 active, with each class of expenditure it adds up', () => {
      const place = placeOfFailure(engine, failure(engine, 'rule:F01-2'));
      const total = rowOf('本年支出合计');
      expect(position(v, place)).toMatchObject({ table: 'G01', row: total });
      // 行次32至57: the 26 classes printed between 本年收入合计 and 本年支出合计, the total first.
      const rows = place!.cells.map((c) => lineOfRow(v, c.rowId));
      expect(rows).toContain(rowOf('一、一般公共服务支出'));
      expect(rows).toContain(rowOf('九、卫生健康支出'));
      expect(new Set(place!.cells.map((c) => c.columnKey))).toEqual(new Set([place!.cells[0].columnKey]));
      expect(place!.elsewhere).toEqual([]);
    });

    it('a cell check of a 手工填报 table (X-5, 尾数误差): its own cell', () => {
      const f = failure(engine, 'derive:G01:208:c2');
      expect(position(v, placeOfFailure(engine, f))).toEqual({ table: 'G01', row: rowOf('八、社会保障和就业支出'), col: v.columns.findIndex((c) => c.key === f.columnKey) });
    });
  });
});
