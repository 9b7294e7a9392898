/**
 * A workbook that cannot be read as laid out gets each problem at its sheet, row and column, in Chinese, and
 * nothing is imported.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { guizhouBook } from '../support/books';
import { editWorkbook, exportBook, problemsOf, withoutPackage } from './support';

let exported: Uint8Array;
let plain: Uint8Array;

beforeAll(async () => {
  exported = await exportBook(guizhouBook());
  plain = await withoutPackage(exported);
});

/** The sheet row whose column-`col` cell (1-based) is `text`. */
function rowWith(ws: ExcelJS.Worksheet, col: number, text: string): number {
  const r = ws.getColumn(col).values.findIndex((v) => v === text);
  if (r < 0) throw new Error(`no ${text} in ${ws.name}`);
  return r;
}

describe('problems, each at its place', () => {
  it('a file that is not a workbook', async () => {
    expect(await problemsOf(new TextEncoder().encode('{"format":"budget-disclosure-book"}'))).toEqual([
      '工作簿：无法打开：不是有效的 Excel 工作簿（.xlsx），或文件已损坏',
    ]);
  });

  it('a missing sheet, also when the 数据包 is intact', async () => {
    const bytes = await editWorkbook(exported, (wb) => wb.removeWorksheet(wb.getWorksheet('表5')!.id));
    expect(await problemsOf(bytes)).toEqual(['表5：缺少工作表“表5”（2024年一般公共预算支出表）']);
  });

  it('a moved column: the header labels say which column went where', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      const ws = wb.getWorksheet('表12')!;
      // Swap 货物类政府采购 (C) and 工程类政府采购 (D), header, 栏次 and figures.
      ws.eachRow((row, r) => {
        if (r < 6) return;
        const c = row.getCell(3).value;
        row.getCell(3).value = row.getCell(4).value;
        row.getCell(4).value = c;
      });
    });
    expect(await problemsOf(bytes)).toEqual([
      '表12 第 6 行 C 列：表头应为“货物类政府采购”，实为“工程类政府采购”；“货物类政府采购”现在 D 列（列被移动）',
      '表12 第 6 行 D 列：表头应为“工程类政府采购”，实为“货物类政府采购”；“工程类政府采购”现在 C 列（列被移动）',
      '表12 第 7 行 C 列：栏次应为“2”，实为“3”',
      '表12 第 7 行 D 列：栏次应为“3”，实为“2”',
    ]);
  });

  it('a renamed column, and a column added at the end', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      const ws = wb.getWorksheet('表10')!;
      ws.getCell('G5').value = '本年支出';
      ws.getCell('S5').value = '备注';
    });
    expect(await problemsOf(bytes)).toEqual([
      '表10 第 5 行 G 列：表头应为“本年支出合计”，实为“本年支出”（列被改名、插入或删除）',
      '表10 第 5 行 S 列：表头多出一列“备注”（应只有 18 列）',
    ]);
  });

  it('a word in an amount cell', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      const ws = wb.getWorksheet('表10')!;
      ws.getCell(rowWith(ws, 5, '30108'), 9).value = '壹佰贰拾叁';
    });
    expect(await problemsOf(bytes)).toEqual(['表10 第 12 行 I 列：金额单元格中是文字“壹佰贰拾叁”，应为数字']);
  });

  it('more decimals than an amount keeps', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      const ws = wb.getWorksheet('表12')!;
      ws.getCell('C10').value = 14.015;
    });
    expect(await problemsOf(bytes)).toEqual(['表12 第 10 行 C 列：金额 14.015 超过 2 位小数']);
  });

  it('a code the catalogue lacks printed with another code’s name (mistyped), also when the 数据包 is intact (the edited table wins)', async () => {
    const bytes = await editWorkbook(exported, (wb) => {
      const ws = wb.getWorksheet('表10')!;
      ws.getCell(rowWith(ws, 3, '2080505'), 3).value = '2080599';
      const t11 = wb.getWorksheet('表11')!;
      t11.getCell(rowWith(t11, 5, '30227'), 5).value = '30298';
    });
    expect(await problemsOf(bytes)).toEqual([
      '表10 第 12 行 C 列：未知的功能分类科目编码“2080599”：名称“机关事业单位基本养老保险缴费支出”是同级编码“2080505”的名称，请核对编码',
      '表11 第 12 行 E 列：未知的部门预算经济分类科目编码“30298”：名称“委托业务费”是同级编码“30227”的名称，请核对编码',
    ]);
  });

  it('an unbalanced structure: a line without its 类别 row, a project without lines', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      const t10 = wb.getWorksheet('表10')!;
      // Emptying a row is deleting it: the reader skips empty rows.
      const personnel = rowWith(t10, 2, '人员类项目支出');
      t10.getRow(personnel).eachCell((cell) => {
        cell.value = null;
      });
      const t11 = wb.getWorksheet('表11')!;
      const hotline = rowWith(t11, 2, '12393医疗保障热线服务经费');
      t11.getRow(hotline + 1).eachCell((cell) => {
        cell.value = null;
      });
    });
    expect(await problemsOf(bytes)).toEqual([
      '表10 第 12 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 13 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 14 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 15 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 16 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 17 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 18 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 19 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 20 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表10 第 21 行：此行是“明细”行，但上面缺少它所属的“类别”行',
      '表11 第 11 行：“项目”行下面没有明细行',
    ]);
  });

  it('a title that is not the template’s', async () => {
    const bytes = await editWorkbook(plain, (wb) => {
      wb.getWorksheet('表7')!.getCell('A2').value = '2024年政府性基金支出表';
    });
    expect(await problemsOf(bytes)).toEqual(['表7：找不到标题：应形如“2024年政府性基金预算支出表”']);
  });
});
