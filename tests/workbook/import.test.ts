/**
 * Export → import → derive again. Our own workbook reads back exactly from its 数据包; without it the entered data
 * is recovered from the printed tables and derives the identical 14 tables, with a precise list of what the tables
 * do not say; a figure edited in Excel wins over the 数据包, as entered data or as 手工填报.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { fen } from '../../shared/money/money';
import { allTemplates } from '../../shared/template/registry';
import { describeMessage } from '../../shared/workbook/messages';
import { readWorkbook } from '../../shared/workbook/read';
import { writeWorkbook } from '../../shared/workbook/write';
import { guizhouBook, run } from '../support/books';
import { editWorkbook, exportBook, imported, openWorkbook, tables, withoutPackage } from './support';

const original = guizhouBook();
let exported: Uint8Array;

beforeAll(async () => {
  exported = await exportBook(original);
});

/** The book without its checksum (a file written by the app carries one; the example may not). */
function content(file: BookFile): Omit<BookFile, 'checksum'> {
  const { checksum: _, ...rest } = file;
  return rest;
}

describe('our own workbook', () => {
  it('reads back exactly from its 数据包, with nothing to report', async () => {
    const result = imported(await readWorkbook(exported, allTemplates()));
    expect(result.source).toBe('package');
    expect(result.notices).toEqual([]);
    expect(result.manualTables).toEqual([]);
    expect(content(result.book)).toEqual(content(original));
  });

  it('without its 数据包, derives the identical 14 tables from the printed entry tables, and lists exactly what they do not say', async () => {
    const result = imported(await readWorkbook(await withoutPackage(exported), allTemplates()));
    expect(result.source).toBe('tables');
    expect(result.manualTables).toEqual([]);
    expect(tables(result.book)).toEqual(tables(original));
    expect(result.notices.map(describeMessage)).toEqual([
      // 表14's four 省对下转移支付 targets have names found in neither 表11 nor 表13.
      '表14 第 176 行：项目绩效目标“52000023P008DFH10016U 建国初期退休干部医疗补助”在项目或省对下转移支付中找不到同名的记录，导入后未关联',
      '表14 第 185 行：项目绩效目标“52000023P008DFH10017F 城乡居民基本医疗保险省级补助资金”在项目或省对下转移支付中找不到同名的记录，导入后未关联',
      '表14 第 192 行：项目绩效目标“52000023P00C0EE100098 离休人员及遗孀医疗补助资金”在项目或省对下转移支付中找不到同名的记录，导入后未关联',
      '表14 第 199 行：项目绩效目标“52000023P00P02H10007P 城乡医疗救助资金”在项目或省对下转移支付中找不到同名的记录，导入后未关联',
      // The two projects without a 表14 target have no 项目代码 anywhere in the tables.
      '表11 第 19 行：项目“261001 省级政务信息系统运维经费”的项目代码未在表中列示，暂记为“待补充-1”，请补填',
      '表11 第 21 行：项目“261001 省级政务信息系统运维经费(第二批)”的项目代码未在表中列示，暂记为“待补充-2”，请补填',
      // 单位性质 only chooses 表6 blocks, where 行政 and 参公 map alike.
      '表2 第 11 行 A 列：单位“261001贵州省医疗保障局本级”的单位性质未在表中列示，按“行政”导入（与“参公”在表中无法区分），请核对',
      '表2 第 12 行 A 列：单位“261101贵州省卫生项目管理办公室”的单位性质未在表中列示，按“行政”导入（与“参公”在表中无法区分），请核对',
      // Data no table is entered through: lost without the 数据包 (the reference book has none of the first).
      '工作簿：年终结转结余（非财政拨款）不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：说明中的数字（上年预算数、资产）不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
      '工作簿：重要项目（第四部分三）不在任何可填报的表中，无法从表格恢复，导入后没有这些数据',
    ]);
  });

  it('recovers what the tables determine: 项目代码 from 表14, 资金来源 from 表5, each target’s project', async () => {
    const { book } = imported(await readWorkbook(await withoutPackage(exported), allTemplates()));
    const projects = book.data['projects']!;
    const byName = (name: string) => projects.filter((p) => p['name'] === name);
    // 表5's 中央补助 3,785.00 is exactly this project in both units.
    expect(byName('中央财政医疗服务与保障能力提升补助资金').map((p) => [p['unit'], p['origin'], p['code']])).toEqual([
      ['261001', '中央补助', '52000021S3Y9RL09DAPWF'],
      ['261101', '中央补助', '52000021S3Y9RL09DAPWF'],
    ]);
    expect(projects.filter((p) => p['origin'] === '中央补助')).toHaveLength(2);
    // The same name in two units: each target goes to its own unit's project, in 表14's order.
    expect(byName('医疗保障业务经费').map((p) => [p['unit'], p['code']])).toEqual([
      ['261001', '52000021C4D9589068250'],
      ['261101', '52000021C4D9589065C00'],
    ]);
    // 表14 prints the name with a full-width comma, 表11 with a half-width one.
    expect(byName('药品、医用耗材集中采购,新增医疗服务价格事务经费')[0]!['code']).toBe('52000021C4D95890688F0');
    expect(book.data['basic']).toHaveLength(original.data['basic']!.length);
    expect(book.data['indicators']).toHaveLength(203);
  });

  it('reads a damaged 数据包 as absent: says so, and recovers from the tables', async () => {
    const damaged = await editWorkbook(exported, (wb) => {
      const cell = wb.getWorksheet('数据包')!.getCell('A3');
      cell.value = String(cell.value).replace('"10931.32"', '"10931.33"');
    });
    const result = imported(await readWorkbook(damaged, allTemplates()));
    expect(result.source).toBe('tables');
    expect(describeMessage(result.notices[0]!)).toMatch(/^数据包：工作簿中保存的数据包无法使用（checksum：校验码与文件内容不符/);
    expect(tables(result.book)).toEqual(tables(original));
  });
});

describe('an edit made in the app before export', () => {
  it('is in the tables and in the 数据包 alike, so the workbook reads back with the edit', async () => {
    const engine = run(original);
    engine.setAmount('procurement', 'proc-261101', 'goods', fen(20_010_000)); // 20.01 万元
    const result = imported(await readWorkbook(await writeWorkbook(engine), allTemplates()));
    expect(result.source).toBe('package');
    const expected = structuredClone(original.data);
    expected['procurement']!.find((r) => r.id === 'proc-261101')!['goods'] = '20.01';
    expect(result.book.data).toEqual(expected);
  });
});

describe('a workbook edited in Excel after export: the printed tables win', () => {
  it('a derived figure typed over: imported as 手工填报 with the printed figures, the entered data kept from the 数据包', async () => {
    const edited = await editWorkbook(exported, (wb) => {
      const ws = wb.getWorksheet('表3')!;
      const row = ws.getColumn(1).values.findIndex((v) => v === '2101504');
      ws.getCell(row, 3).value = 7000;
    });
    const result = imported(await readWorkbook(edited, allTemplates()));
    expect(result.source).toBe('tables');
    expect(result.manualTables).toEqual(['表3']);
    expect(result.notices.map(describeMessage)).toEqual([
      '工作簿：表格与工作簿中保存的数据包不一致（可能在 Excel 中修改过），以表格为准；数据包只用于补充表格中没有列示的信息',
      '表3 第 28 行 C 列：表格中为“7,000.00”，数据包中为“7,816.96”',
      '表3 第 28 行 C 列：表3有 1 处与按填报数据推导的结果不同，按表格中的数字作为手工填报导入，由审核规则检查；第一处：表格中为“7,000.00”，推导为“7,816.96”',
    ]);
    // Everything entered, ids and unprinted attributes included, is the 数据包's.
    expect(result.book.data).toEqual(original.data);
    expect(result.book.units).toEqual(original.units);
    // The rules now flag the typed figure: 表3 支出总计 = 本年支出 + 年终结转结余 on that row.
    const failed = run(result.book).failures().filter((f) => f.severity === '强制' && f.tableId === 'T3');
    expect(failed.map((f) => f.row)).toContain('2101504 信息化建设');
  });

  it('an entered figure changed (with Excel’s recalculated totals): the new figure is entered data, nothing else changes', async () => {
    const edited = await editWorkbook(exported, (wb) => {
      const ws = wb.getWorksheet('表12')!;
      // Rows 8 合计, 9 部门, 10 261101 (printed before 261001): 货物类 14.01 → 20.01, and the totals Excel recomputes.
      ws.getCell('C10').value = 20.01;
      ws.getCell('B10').value = { formula: 'C10+D10+E10', result: 222.01 };
      for (const r of [8, 9]) {
        ws.getCell(`C${r}`).value = { formula: r === 8 ? 'SUM(C9)' : 'SUM(C10:C11)', result: 41.93 };
        ws.getCell(`B${r}`).value = { formula: `C${r}+D${r}+E${r}`, result: 6963.84 };
      }
    });
    const result = imported(await readWorkbook(edited, allTemplates()));
    expect(result.source).toBe('tables');
    expect(result.manualTables).toEqual([]);
    const expected = structuredClone(original.data);
    expected['procurement']!.find((r) => r['unit'] === '261101')!['goods'] = '20.01';
    expect(result.book.data).toEqual(expected);
    expect(result.notices.map(describeMessage).slice(1)).toEqual([
      '表12 第 8 行 B 列：表格中为“6,963.84”，数据包中为“6,957.84”',
      '表12 第 8 行 C 列：表格中为“41.93”，数据包中为“35.93”',
      '表12 第 9 行 B 列：表格中为“6,963.84”，数据包中为“6,957.84”',
      '表12 第 9 行 C 列：表格中为“41.93”，数据包中为“35.93”',
      '表12 第 10 行 B 列：表格中为“222.01”，数据包中为“216.01”',
      '表12 第 10 行 C 列：表格中为“20.01”，数据包中为“14.01”',
    ]);
  });
});

describe('text that looks like a formula', () => {
  const names = ['=1+1', '+86 热线', '-减支项目', '@人员经费', '=HYPERLINK("http://example.com","点击")'];
  const book = structuredClone(original);
  names.forEach((name, i) => {
    book.data['projects']![i]!['name'] = name;
  });

  it('is written as text, never as a formula, and reads back as the same text', async () => {
    const bytes = await exportBook(book);
    const ws = (await openWorkbook(bytes)).getWorksheet('表11')!;
    const cells: { value: unknown; formula: unknown; type: number }[] = [];
    ws.eachRow((row) => {
      const cell = row.getCell(2);
      if (names.includes(cell.value as string)) cells.push({ value: cell.value, formula: cell.formula, type: cell.type });
    });
    expect(cells.map((c) => c.value).sort()).toEqual([...names].sort());
    for (const c of cells) {
      expect(c.formula).toBeUndefined();
      expect(c.type).toBe(3); // ExcelJS ValueType.String
    }
    const result = imported(await readWorkbook(await withoutPackage(bytes), allTemplates()));
    expect(result.book.data['projects']!.map((p) => p['name'])).toEqual(expect.arrayContaining(names));
  });
});
