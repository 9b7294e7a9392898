/**
 * The Guizhou workbook read back with ExcelJS, sheet by sheet against the published disclosure
 * (tests/fixtures/guizhou-2024-published.json): labels, numbers, layout, cell types, print setup and formulas.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { workbookFileName } from '../../shared/workbook/write';
import { guizhouBook, publishedGuizhou, run } from '../support/books';
import { exportBook, formulaOf, openWorkbook, shown } from './support';

const published = publishedGuizhou().tables;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  wb = await openWorkbook(await exportBook(guizhouBook()));
});

const HEADER_TOP = 5;
/** Where a published table's rows begin on its sheet: after 4 heading lines, the header rows and the 栏次 row. */
const firstDataRow = (t: (typeof published)[number]) => HEADER_TOP + t.headerRows.length + (t.columnNumbers ? 1 : 0);
const sheet = (id: string) => wb.getWorksheet(id)!;
const table = (id: string) => published.find((t) => t.id === id)!;
/** The sheet row of the first published row of `id` whose cells include `label`. */
const rowOf = (id: string, label: string) => firstDataRow(table(id)) + table(id).rows.findIndex((r) => r.includes(label));

describe('the Guizhou workbook, read back with ExcelJS', () => {
  it('has one sheet per table, 表1 … 表14, the 说明 text sheet and the hidden 数据包 sheet', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual([...published.map((t) => t.id), '说明', '数据包']);
    expect(wb.worksheets.map((s) => s.state)).toEqual([...published.map(() => 'visible'), 'visible', 'hidden']);
  });

  it.each(published.map((t) => [t.id]))('%s: heading lines, header at its merge masters, 栏次 row, rows and notes as published', (id) => {
    const t = table(id);
    const ws = sheet(id);
    expect([1, 2, 3, 4].map((r) => shown(ws.getCell(r, 1)))).toEqual([id, t.title, '部门名称：贵州省医疗保障局', '单位：万元']);
    t.headerRows.forEach((labels, r) => {
      labels.forEach((label, c) => {
        const cell = ws.getCell(HEADER_TOP + r, c + 1);
        if (label) {
          expect(cell.value, `${id} header ${cell.address}`).toBe(label);
          expect(cell.isMerged ? cell.master.address : cell.address).toBe(cell.address);
        } else {
          // Covered by the merged label to its left or above.
          expect(cell.isMerged && cell.master.address !== cell.address, `${id} header ${cell.address}`).toBe(true);
        }
      });
    });
    if (t.columnNumbers) {
      const row = ws.getRow(HEADER_TOP + t.headerRows.length);
      const labels = t.headerRows[0]!.map((_, c) => shown(row.getCell(c + 1))).filter((v) => v !== '' && v !== '栏次');
      expect(labels).toEqual(t.columnNumbers);
    }
    const first = firstDataRow(t);
    const rows = t.rows.map((r, i) => r.map((_, c) => shown(ws.getCell(first + i, c + 1))));
    expect(rows).toEqual(t.rows);
    const notes = t.notes.map((_, i) => shown(ws.getCell(first + t.rows.length + i, 1)));
    expect(notes).toEqual(t.notes);
  });

  it('writes amounts as numbers formatted #,##0.00, and codes and rates as text', () => {
    for (const t of published) {
      const ws = sheet(t.id);
      t.rows.forEach((r, i) => {
        r.forEach((v, c) => {
          const cell = ws.getCell(firstDataRow(t) + i, c + 1);
          if (typeof v === 'number') {
            expect(typeof shown(cell), `${t.id} ${cell.address}`).toBe('number');
            expect(cell.numFmt, `${t.id} ${cell.address}`).toBe('#,##0.00');
          } else if (v !== '') {
            expect(typeof cell.value, `${t.id} ${cell.address}`).toBe('string');
          }
        });
      });
    }
    // 功能科目编码 and 经济科目编码 stay text (never 2.1E+6), and Excel keeps what is typed there as text.
    const code = sheet('表3').getCell(rowOf('表3', '2101504'), 1);
    expect(code.value).toBe('2101504');
    expect(code.numFmt).toBe('@');
    expect(sheet('表10').getCell(rowOf('表10', '30108'), 5).value).toBe('30108');
    expect(shown(sheet('表9').getCell(firstDataRow(table('表9')), 14))).toBe('3.06%');
    expect(shown(sheet('表9').getCell(firstDataRow(table('表9')), 16))).toBe('-');
  });

  it('draws a thin border on every cell of every merged header range, and on every table cell', () => {
    for (const t of published) {
      const ws = sheet(t.id);
      const headerBottom = firstDataRow(t) - 1;
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      const headerMerges = merges.filter((m) => Number(/\d+/.exec(m)![0]) >= HEADER_TOP && Number(/\d+/.exec(m)![0]) <= headerBottom);
      if (t.headerRows.length > 1) expect(headerMerges.length, t.id).toBeGreaterThan(0);
      for (const range of headerMerges) {
        const [from, to] = range.split(':') as [string, string];
        const a = ws.getCell(from);
        const b = ws.getCell(to);
        for (let r = Number(a.row); r <= Number(b.row); r++) {
          for (let c = Number(a.col); c <= Number(b.col); c++) {
            const border = ws.getCell(r, c).border;
            expect([border?.top?.style, border?.left?.style, border?.bottom?.style, border?.right?.style], `${t.id} ${range} ${r}/${c}`).toEqual(['thin', 'thin', 'thin', 'thin']);
          }
        }
      }
      const lastRow = firstDataRow(t) + t.rows.length - 1;
      for (let r = HEADER_TOP; r <= lastRow; r++) {
        for (let c = 1; c <= t.headerRows[0]!.length; c++) expect(ws.getCell(r, c).border?.left?.style, `${t.id} ${r}/${c}`).toBe('thin');
      }
    }
  });

  it('prints on A4, landscape where the template says so, one page wide, header and 栏次 rows repeated, page numbers in the footer', () => {
    const landscape = ['表2', '表3', '表9', '表10', '表11', '表14'];
    for (const t of published) {
      const ws = sheet(t.id);
      const headerBottom = firstDataRow(t) - 1;
      expect(ws.pageSetup.paperSize, t.id).toBe(9);
      expect(ws.pageSetup.orientation, t.id).toBe(landscape.includes(t.id) ? 'landscape' : 'portrait');
      expect(ws.pageSetup.fitToPage, t.id).toBe(true);
      expect(ws.pageSetup.fitToWidth, t.id).toBe(1);
      expect(ws.pageSetup.fitToHeight, t.id).toBe(0);
      expect(ws.pageSetup.printTitlesRow, t.id).toBe(`${HEADER_TOP}:${headerBottom}`);
      expect(ws.headerFooter.oddFooter, t.id).toContain('第 &P 页，共 &N 页');
      expect(ws.views[0], t.id).toMatchObject({ state: 'frozen', ySplit: headerBottom });
    }
  });

  it('fits columns to their content: wide enough for the longest amount and the template hint', () => {
    const ws = sheet('表13');
    // 460,024.63 is 10 characters wide; 项目名称 has the hint 30.
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(30);
    // CJK characters count double: 261贵州省医疗保障局 needs 3 + 2 × 8 = 19.
    expect(sheet('表12').getColumn(1).width).toBeGreaterThanOrEqual(30);
  });
});

describe('the file name offered when saving', () => {
  it('names the department and year, without characters Windows refuses', () => {
    expect(workbookFileName(run(guizhouBook()))).toBe('贵州省医疗保障局2024年部门预算公开表.xlsx');
    const book = guizhouBook();
    book.department.name = '某局/办公室:2';
    expect(workbookFileName(run(book))).toBe('某局_办公室_22024年部门预算公开表.xlsx');
  });
});

describe('formulas with cached results', () => {
  it('writes every 栏次-computed cell as its 栏次 equation over the same row, with the published figure cached', () => {
    const letter = (i: number) => String.fromCharCode(65 + i);
    let checked = 0;
    for (const t of published.filter((x) => x.columnNumbers && x.id !== '表14')) {
      const ws = sheet(t.id);
      const amountColumns = t.headerRows[0]!.map((_, c) => c).filter((c) => t.rows.some((r) => typeof r[c] === 'number'));
      // 栏次 n is the n-th amount column (rates included).
      const numbered = t.headerRows[0]!.map((_, c) => c).slice(t.headerRows[0]!.length - t.columnNumbers!.length);
      t.columnNumbers!.forEach((label, k) => {
        const [, first] = /^\d+=([\d+-]+)(=|$)/.exec(label) ?? [];
        if (!first || label.includes('/')) return;
        const col = numbered[k]!;
        t.rows.forEach((row, i) => {
          const r = firstDataRow(t) + i;
          const cell = ws.getCell(r, col + 1);
          // 表5/7/8 columns 1–3 read 表3 (cross-table figures are values).
          if (['表5', '表7', '表8'].includes(t.id) && k < 3) {
            expect(formulaOf(cell), `${t.id} ${cell.address}`).toBeUndefined();
            return;
          }
          const expected = first.replace(/\d+/g, (n) => `${letter(numbered[Number(n) - 1]!)}${r}`);
          expect(formulaOf(cell), `${t.id} ${cell.address}`).toBe(expected);
          expect(shown(cell), `${t.id} ${cell.address}`).toBe(row[col]);
          checked++;
        });
      });
      expect(amountColumns.length, t.id).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('writes 合计 and subtotals as SUM over their child rows: ranges where contiguous, cells where not', () => {
    // 表2: 合计 = 部门; 部门 = its two units (rows 11–12).
    expect(formulaOf(sheet('表2').getCell('E9'))).toBe('SUM(E10)');
    expect(formulaOf(sheet('表2').getCell('E10'))).toBe('SUM(E11:E12)');
    expect(shown(sheet('表2').getCell('E10'))).toBe(46156.15);
    // 表3 合计 = the three 类 rows 208, 210, 221; 208 = its 款 rows 20805 and 20899.
    const t3 = (label: string) => rowOf('表3', label);
    expect(formulaOf(sheet('表3').getCell(`H${t3('合计')}`))).toBe(`SUM(H${t3('208')},H${t3('210')},H${t3('221')})`);
    expect(shown(sheet('表3').getCell(`H${t3('合计')}`))).toBe(2038.85);
    expect(formulaOf(sheet('表3').getCell(`I${t3('208')}`))).toBe(`SUM(I${t3('20805')},I${t3('20899')})`);
    // 表10: a 类别 row adds its contiguous lines; a unit its two 类别 rows.
    const t10 = table('表10');
    const first10 = firstDataRow(t10);
    const personnel = first10 + t10.rows.findIndex((r) => r[1] === '人员类项目支出');
    const publicFunds = first10 + t10.rows.findIndex((r) => r[1] === '公用经费支出');
    expect(formulaOf(sheet('表10').getCell(`I${personnel}`))).toBe(`SUM(I${personnel + 1}:I${publicFunds - 1})`);
    expect(formulaOf(sheet('表10').getCell(`I${personnel - 1}`))).toBe(`SUM(I${personnel},I${publicFunds})`);
    expect(shown(sheet('表10').getCell(`I${personnel - 1}`))).toBe(1431.99);
    // 表6 合计 = the nine 类 rows (政府预算 code of 3 digits), not every row with a 3-digit 部门预算 code.
    const t6 = table('表6');
    const classRows = t6.rows.flatMap((r, i) => (/^\[\d{3}\]/.test(String(r[0])) ? [firstDataRow(t6) + i] : []));
    expect(classRows).toEqual([7, 20, 49, 66, 79, 80, 124, 141, 153]);
    // The two 505 类 rows sit together.
    expect(formulaOf(sheet('表6').getCell(`C${firstDataRow(t6)}`))).toBe('SUM(C7,C20,C49,C66,C79:C80,C124,C141,C153)');
    expect(shown(sheet('表6').getCell(`C${firstDataRow(t6)}`))).toBe(2038.85);
    // 表9: 合计 = 一 + 二 + 三 (contiguous), 三 = 1、 + 2、.
    expect(rowOf('表9', '合计')).toBe(8);
    expect(formulaOf(sheet('表9').getCell('C8'))).toBe('SUM(C9:C11)');
    expect(formulaOf(sheet('表9').getCell('C11'))).toBe('SUM(C12:C13)');
  });

  it('writes figures read from other tables, entered figures and rates as values', () => {
    for (const id of ['表1', '表4']) {
      const ws = sheet(id);
      ws.eachRow((row) => row.eachCell((cell) => expect(formulaOf(cell), `${id} ${cell.address}`).toBeUndefined()));
    }
    expect(formulaOf(sheet('表5').getCell(`C${rowOf('表5', '合计')}`))).toBeUndefined();
    expect(formulaOf(sheet('表5').getCell(`G${rowOf('表5', '合计')}`))).toBe(`SUM(G${rowOf('表5', '208')},G${rowOf('表5', '210')},G${rowOf('表5', '221')})`);
    expect(formulaOf(sheet('表2').getCell('E11'))).toBeUndefined();
    expect(formulaOf(sheet('表9').getCell('N8'))).toBeUndefined();
  });
});
