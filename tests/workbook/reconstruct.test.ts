/**
 * What the tables do not print, recovered from what they do: 单位性质 from 表6's blocks, 资金来源 from 表5's 中央补助
 * column, reported when the tables allow several answers.
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { allTemplates } from '../../shared/template/registry';
import { describeMessage } from '../../shared/workbook/messages';
import { readWorkbook } from '../../shared/workbook/read';
import { guizhouBook } from '../support/books';
import { exportBook, withoutPackage } from './support';

async function fromTables(book: BookFile) {
  const result = await readWorkbook(await withoutPackage(await exportBook(book)), allTemplates());
  if (!result.ok) throw new Error(result.problems.map(describeMessage).join('\n'));
  return result;
}

describe('reconstructing what the tables do not print', () => {
  it('finds a 事业 unit from 表6, whose 事业 blocks (505/506) only 事业 units fill', async () => {
    const book = guizhouBook();
    book.units[1]!.kind = '事业';
    const result = await fromTables(book);
    expect(result.book.units.map((u) => u.kind)).toEqual(['行政', '事业']);
    expect(result.manualTables).toEqual([]);
    expect(result.notices.map(describeMessage)).toContain('表2 第 12 行 A 列：单位“261101贵州省卫生项目管理办公室”的单位性质未在表中列示，按“事业”导入，请核对');
  });

  it('reports 资金来源 as ambiguous when two projects could each be the 中央补助 one', async () => {
    const book = guizhouBook();
    // A second project in the same unit with exactly the 中央补助 project's lines per 功能 code, but 省本级财力安排.
    book.data['projects']!.push({ id: 'p18', unit: '261001', code: 'TWIN-1', name: '孪生项目', origin: '省本级财力安排' });
    book.data['projectLines']!.push(
      { id: 'pl900', project: 'p18', func: '2101504', econ: '30201', gpb: '2669.00' },
      { id: 'pl901', project: 'p18', func: '2101505', econ: '30201', gpb: '907.00' },
    );
    const result = await fromTables(book);
    // Either assignment prints the same 表5, so the tables still derive unchanged.
    expect(result.manualTables).toEqual([]);
    const notice = result.notices.map(describeMessage).find((m) => m.includes('资金来源'));
    expect(notice).toBe(
      '表5：“261001 待补充-1 孪生项目”、“261001 52000021S3Y9RL09DAPWF 中央财政医疗服务与保障能力提升补助资金”的资金来源未在表中列示，由表5、表7、表8的金额有多种可能，暂按其中一种导入，请核对',
    );
    const origins = result.book.data['projects']!.filter((p) => p['unit'] === '261001' && ['孪生项目', '中央财政医疗服务与保障能力提升补助资金'].includes(p['name']!));
    expect(origins.map((p) => p['origin']).sort()).toEqual(['中央补助', '省本级财力安排']);
  });
});
