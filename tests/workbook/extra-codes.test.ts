/**
 * A book that adds 功能分类 codes the national catalogue lacks (its extraCodes), read back from a workbook without its
 * 数据包: the tables print each code with its name (表3 also its 类 and 款), so the codes are taken as the book's own
 * and reported; only tables that contradict themselves are refused.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { allTemplates } from '../../shared/template/registry';
import { describeMessage } from '../../shared/workbook/messages';
import { readWorkbook } from '../../shared/workbook/read';
import { guizhouBook } from '../support/books';
import { editWorkbook, exportBook, imported, openWorkbook, problemsOf, tables, withoutPackage } from './support';

/** The reference book with a basic line under a new 项 of a known 款, and a project line under a new 款 and 项. */
function bookWithExtraCodes(): BookFile {
  const book = guizhouBook();
  book.extraCodes = {
    functional: [
      { code: '20113', name: '商贸事务' },
      { code: '2011301', name: '行政运行' },
      { code: '2080599', name: '其他行政事业单位养老支出' },
    ],
  };
  const retag = (dataset: string, from: string, to: string) => {
    const records = book.data[dataset]!.filter((r) => r['func'] === from);
    expect(records).toHaveLength(1);
    records[0]!['func'] = to;
  };
  retag('basic', '2080506', '2080599');
  retag('projectLines', '2101202', '2011301');
  return book;
}

const original = bookWithExtraCodes();
let plain: Uint8Array;
let sheets: ExcelJS.Workbook;

beforeAll(async () => {
  plain = await withoutPackage(await exportBook(original));
  sheets = await openWorkbook(plain);
});

/** The first sheet row whose column-`col` cell (1-based) is `text`. */
function rowWith(sheet: string, col: number, text: string): number {
  const r = sheets.getWorksheet(sheet)!.getColumn(col).values.findIndex((v) => v === text);
  if (r < 0) throw new Error(`no ${text} in ${sheet}`);
  return r;
}

describe('codes the catalogue lacks, in a workbook without its 数据包', () => {
  it('are taken with their printed names as the book’s extraCodes: the same tables, each code reported once where first printed', async () => {
    const result = imported(await readWorkbook(plain, allTemplates()));
    expect(result.source).toBe('tables');
    expect(result.manualTables).toEqual([]);
    expect(result.book.extraCodes).toEqual(original.extraCodes);
    expect(tables(result.book)).toEqual(tables(original));
    // 表3 lists each 类 with its 款 and 项 before any entry table prints them.
    expect(result.notices.map(describeMessage).filter((m) => m.includes('新增'))).toEqual([
      `表3 第 ${rowWith('表3', 1, '20113')} 行 A 列：新增功能分类科目“20113 商贸事务”：目录中没有此编码，按表中列示的名称作为本部门补充的科目导入`,
      `表3 第 ${rowWith('表3', 1, '2011301')} 行 A 列：新增功能分类科目“2011301 行政运行”：目录中没有此编码，按表中列示的名称作为本部门补充的科目导入`,
      `表3 第 ${rowWith('表3', 1, '2080599')} 行 A 列：新增功能分类科目“2080599 其他行政事业单位养老支出”：目录中没有此编码，按表中列示的名称作为本部门补充的科目导入`,
    ]);
  });

  it('one new code printed under two names is refused at the second name', async () => {
    const row = rowWith('表10', 3, '2080599');
    const bytes = await editWorkbook(plain, (wb) => {
      wb.getWorksheet('表10')!.getCell(row, 4).value = '其他养老支出';
    });
    expect(await problemsOf(bytes)).toEqual([
      `表10 第 ${row} 行 D 列：功能分类科目“2080599”在此处名为“其他养老支出”，在表3 第 ${rowWith('表3', 1, '2080599')} 行 B 列名为“其他行政事业单位养老支出”，同一编码只能有一个名称`,
    ]);
  });

  it('a new 项 whose 款 is neither in the catalogue nor named in the tables is refused at its code', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      wb.getWorksheet('表3')!.getCell(rowWith('表3', 1, '20113'), 2).value = null;
    });
    expect(await problemsOf(bytes)).toEqual([
      `表3 第 ${rowWith('表3', 1, '2011301')} 行 A 列：功能分类科目“2011301”所属的“20113”不在目录中，表中也没有列示它的名称`,
    ]);
  });

  it('a new code no table names is refused where it is read', async () => {
    const row = rowWith('表11', 3, '2011301');
    const bytes = await editWorkbook(plain, (wb) => {
      const t3 = wb.getWorksheet('表3')!;
      t3.getCell(rowWith('表3', 1, '2011301'), 2).value = null;
      wb.getWorksheet('表11')!.getCell(row, 4).value = null;
    });
    expect(await problemsOf(bytes)).toEqual([`表11 第 ${row} 行 C 列：未知的功能分类科目编码“2011301”（目录中没有，表中也没有列示它的名称）`]);
  });
});
