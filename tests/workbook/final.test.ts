/**
 * The 部门决算 book through its workbook: export, then import with the hidden 数据包 sheet (the book exactly) and
 * without it (a workbook that lost the sheet in Excel): the entry tables are read back, everything the tables cannot
 * say is reported, and the book derives the published tables (tests/fixtures/guizhou-health-office-2023-final.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { allTemplates } from '../../shared/template/registry';
import { describeMessage } from '../../shared/workbook/messages';
import { readWorkbook, type WorkbookImport } from '../../shared/workbook/read';
import { workbookFileName } from '../../shared/workbook/write';
import { allViews } from '../../shared/engine/view';
import { findRecord, type PublishedTable, readJson, run } from '../support/books';
import { editWorkbook, exportBook, imported, openWorkbook, shown, tables, withoutPackage } from './support';

const original = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');
const published = readJson<{ tables: PublishedTable[] }>('tests/fixtures/guizhou-health-office-2023-final.json').tables;
let exported: Uint8Array;

beforeAll(async () => {
  exported = await exportBook(original);
});

describe('the 决算 workbook with its 数据包', () => {
  it('reads back as the book exactly, indents (　基本工资) and dashes (-) as printed, nothing to report', async () => {
    const result = imported(await readWorkbook(exported, allTemplates()));
    expect(result.source).toBe('package');
    expect(result.notices).toEqual([]);
    expect(result.book.data).toEqual(original.data);
    expect(result.book.manual).toEqual(original.manual);
  });
});

describe('the 决算 workbook: one sheet per published table', () => {
  it('is offered under the name the 决算 document gives it', () => {
    expect(workbookFileName(run(original))).toBe('贵州省卫生项目管理办公室2023年度部门决算公开表.xlsx');
  });

  it.each(published.map((t) => [t.id]))('%s: every row as published, below its header and 栏次 rows', async (id) => {
    const wb = await openWorkbook(exported);
    const t = published.find((p) => p.id === id)!;
    const sheet = wb.getWorksheet(id)!;
    // Four heading lines, then the header rows and the 栏次 row when the table has one.
    const first = 5 + t.headerRows.length + (t.columnNumbers ? 1 : 0);
    expect(t.rows.map((row, r) => row.map((_, c) => shown(sheet.getCell(first + r, c + 1))))).toEqual(t.rows);
  });
});

describe('the 自评表 sheets: amounts in 元 as the published forms print them', () => {
  it('the view every output renders (grid, PDF, workbook) prints them so, and the 公开表 in 万元 with separators', () => {
    const views = allViews(run(original));
    const text = (caption: string, row: number) => views.find((v) => v.caption === caption)!.rows[row]!.cells.map((c) => (c.kind === 'blank' ? '' : c.text));
    expect(text('自评表-资金', 0)).toEqual(['财政对职工基本医疗保险基金的补助', '年度资金总额：', '251624000', '251624000', '188730000', '10', '75.00', '7.5']);
    expect(text('自评表-资金', 25).slice(2)).toEqual(['1183865', '680000', '544600', '10', '80.09', '8.01']);
    expect(text('自评表-指标', 6).slice(6, 8)).toEqual(['90', '90']);
    expect(text('公开02表', 0).slice(2, 5)).toEqual(['12,366.72', '12,308.79', '0.00']);
  });

  /** Row r (0-based) of a sheet's data, which starts below the two header rows (rows 1–4 hold the heading lines). */
  const FIRST_DATA = 7;

  it('every cell carries the published figure, in 元, with the number format of its column', async () => {
    const wb = await openWorkbook(exported);
    for (const caption of ['自评表-资金', '自评表-指标']) {
      const sheet = wb.getWorksheet(caption)!;
      const pub = published.find((t) => t.id === caption)!;
      pub.rows.forEach((row, r) => {
        const cells = row.map((_, c) => shown(sheet.getCell(FIRST_DATA + r, c + 1)));
        expect(cells, `${caption} row ${r + 1}`).toEqual(row);
      });
    }
    const funds = wb.getWorksheet('自评表-资金')!;
    expect(funds.getCell('A4').value).toBe('金额单位：元');
    // 年初预算数 … 得分: Excel's default General, as short as possible (251624000, 10, 7.5); 执行率 75.00.
    expect(['C', 'D', 'E', 'F', 'G', 'H'].map((col) => funds.getCell(`${col}${FIRST_DATA}`).numFmt)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      '0.00',
      undefined,
    ]);
    expect(wb.getWorksheet('公开02表')!.getCell('C11').numFmt).toBe('#,##0.00');
  });

  it('a figure typed in Excel naming its unit is read in the column’s: 25000万元 in a 元 column is 250,000,000 元', async () => {
    const edited = await editWorkbook(exported, (wb) => {
      const cell = wb.getWorksheet('自评表-资金')!.getCell(`C${FIRST_DATA + 2}`); // 本级安排 年初预算数
      expect(shown(cell)).toBe(251624000);
      cell.value = '25000万元';
    });
    const result = imported(await readWorkbook(edited, allTemplates()));
    const p = findRecord(result.book, 'evalProjects', { name: '财政对职工基本医疗保险基金的补助' });
    expect(findRecord(result.book, 'evalFunds', { project: p.id, source: '本级安排' })['initial']).toBe('250000000.00');
  });
});

describe('the 决算 workbook without its 数据包', () => {
  let result: Extract<WorkbookImport, { ok: true }>;
  beforeAll(async () => {
    result = imported(await readWorkbook(await withoutPackage(exported), allTemplates()));
  });

  it('derives every published table from what it reads, cell for cell', () => {
    expect(result.source).toBe('tables');
    expect(tables(result.book)).toEqual(published.map((t) => ({ id: t.id, rows: t.rows })));
  });

  it('reads the entry tables: income by 项 under its 类 and 款, 三公 预算数, the 自评表 forms with their lines and 总分', () => {
    const { data } = result.book;
    // 公开02表 prints 12 项 rows; its 财政拨款 column is the sum of three fields and goes to the first.
    expect(data['income']!.map((r) => [r['func'], r['gpb']])).toEqual(original.data['income']!.map((r) => [r['func'], r['gpb']]));
    expect(data['sanGongBudget']).toEqual([{ id: 'sanGongBudget-001', reception: '0.46' }]);
    // One project per form, though three tables print it; its fund lines by source, in 元.
    expect(data['evalProjects']!.map((p) => p['name'])).toEqual(original.data['evalProjects']!.map((p) => p['name']));
    const p = findRecord(result.book, 'evalProjects', { name: '中央财政医疗服务与保障能力提升补助资金' });
    expect(findRecord(result.book, 'evalFunds', { project: p.id, source: '上级补助' })).toMatchObject({ initial: '1183865.00', plan: '680000.00', exec: '544600.00' });
    expect(data['evalFunds']).toHaveLength(21);
    expect(data['evalIndicators']).toHaveLength(55);
  });

  it('says what the tables cannot give back, and imports the tables that need it as 手工填报', () => {
    expect(result.manualTables).toEqual(['公开01表', '公开03表', '公开04表', '公开05表', '公开06表', '公开09表']);
    const notices = result.notices.map(describeMessage);
    expect(notices.slice(0, 8)).toEqual([
      '公开02表 第 11 行 D 列：“财政拨款收入”是一般公共预算财政拨款收入、政府性基金预算财政拨款收入、国有资本经营预算财政拨款收入之和，表格中无法区分，本列的金额都按一般公共预算财政拨款收入导入，请核对',
      // The 决算 tables name the department only: it is the book's one unit.
      '工作簿：部门编码未在表中列示，暂记为“待补充”，请补填',
      '工作簿：单位“待补充贵州省卫生项目管理办公室”的单位性质未在表中列示，按“行政”导入（与“参公”“事业”在表中无法区分），请核对',
      '工作簿：本年支出不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：政府性基金预算财政拨款年初结转和结余不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：结转结余不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：上年决算数（说明用）不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：项目支出绩效自评的“对应功能分类科目（项）”未在表中列示，无法从表格恢复，导入后为空',
    ]);
    // Without the expenditure lines and balances, the tables derived from them are 手工填报: one notice each.
    expect(notices.slice(8).map((n) => n.split('：')[0])).toEqual([
      '公开03表 第 8 行 C 列',
      '公开05表 第 8 行 C 列',
      '公开09表 第 9 行 G 列',
      '公开06表 第 7 行 C 列',
      '公开01表 第 15 行 F 列',
      '公开04表 第 15 行 F 列',
    ]);
  });

  it('refuses a 项 printed under another 款, at its cell', async () => {
    const moved = await editWorkbook(await withoutPackage(exported), (wb) => {
      wb.getWorksheet('公开02表')!.getCell('A11').value = '2101101';
    });
    const r = await readWorkbook(moved, allTemplates());
    expect(r.ok ? [] : r.problems.map(describeMessage)).toEqual(['公开02表 第 11 行 A 列：功能分类科目“2101101”不属于第 10 行的“20805”']);
  });
});
