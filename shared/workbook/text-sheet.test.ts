import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guizhouBook, run } from '../../tests/support/books';
import { writeWorkbook } from './write';

describe('the 说明 sheet of the workbook', () => {
  it('carries the document\'s text as printed, after the tables', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeWorkbook(run(guizhouBook()))) as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names.slice(0, 15)).toEqual([...Array.from({ length: 14 }, (_, i) => `表${i + 1}`), '说明']);
    const sheet = workbook.getWorksheet('说明')!;
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push(String(row.getCell(1).value)));
    // The first sentence of 第三部分 一 and the first 名词解释, as the published document prints them.
    expect(lines).toContain('第三部分：部门预算安排说明');
    expect(lines.some((l) => l.startsWith('2024年部门收入预算总额47,881.17万元，其中：本年收入46,156.15万元'))).toBe(true);
    expect(lines.some((l) => l.includes('一般公共预算：是指对以税收为主体的财政收入'))).toBe(true);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('ends, as the document does, with 第五部分：附件 and the officer\'s 附件 text, or 无。 when there is none', async () => {
    const lastLines = async (annex?: string) => {
      const file = guizhouBook();
      if (annex !== undefined) file.text = { ...file.text, annex };
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await writeWorkbook(run(file))) as unknown as ArrayBuffer);
      const lines: string[] = [];
      workbook.getWorksheet('说明')!.eachRow((row) => lines.push(String(row.getCell(1).value)));
      return lines.slice(lines.indexOf('第五部分：附件'));
    };
    expect(await lastLines()).toEqual(['第五部分：附件', '无。']);
    expect(await lastLines('1. 机构设置表\n\n2. 人员编制表')).toEqual(['第五部分：附件', '1. 机构设置表', '2. 人员编制表']);
  });
});
