import { describe, expect, it } from 'vitest';
import { findTemplate } from '../template/registry';
import { describeMessage, type WorkbookMessage } from './messages';
import { PrintedCodes } from './printed-codes';

const template = findTemplate('guizhou-budget-2024', 1)!;
const at = (row: number, column: number) => ({ sheet: '表3', row, column });

/** The codes taken from the printings, with what the reader was told. */
function read(extra: { code: string; name: string }[] | undefined, print: (codes: PrintedCodes) => void) {
  const problems: WorkbookMessage[] = [];
  const notices: WorkbookMessage[] = [];
  const codes = new PrintedCodes(template, extra ? { functional: extra } : undefined, problems);
  print(codes);
  const added = codes.added(notices);
  return { added, problems: problems.map(describeMessage), notices: notices.map(describeMessage) };
}

describe('codes the catalogue lacks, as the tables print them', () => {
  it('a 项 under a known 款 is added, reported where first printed; a catalogue code and a repeated printing are not', () => {
    const { added, problems, notices } = read(undefined, (codes) => {
      codes.printed('functional', '功能分类科目', '2080505', '机关事业单位基本养老保险缴费支出', at(8, 0), at(8, 1));
      codes.printed('functional', '功能分类科目', '2080599', '其他行政事业单位养老支出', at(9, 0), at(9, 1));
      codes.take('functional', '功能分类科目', '2080599', { sheet: '表10', row: 12, column: 2 });
      codes.printed('functional', '功能分类科目', '2080599', '其他行政事业单位养老支出', { sheet: '表10', row: 12, column: 2 }, { sheet: '表10', row: 12, column: 3 });
    });
    expect(problems).toEqual([]);
    expect(added).toEqual({ functional: [{ code: '2080599', name: '其他行政事业单位养老支出' }] });
    expect(notices).toEqual(['表3 第 9 行 A 列：新增功能分类科目“2080599 其他行政事业单位养老支出”：目录中没有此编码，按表中列示的名称作为本部门补充的科目导入']);
  });

  it('the book’s own codes (from its 数据包) are kept, the new ones follow by code; nothing new leaves them as they were', () => {
    const own = [{ code: '2080599', name: '其他行政事业单位养老支出' }];
    expect(read(own, () => {}).added).toEqual({ functional: own });
    const { added } = read(own, (codes) => {
      codes.printed('functional', '功能分类科目', '2080599', '其他行政事业单位养老支出', at(9, 0), at(9, 1));
      codes.printed('functional', '功能分类科目', '2080507', '职业年金补缴', at(10, 0), at(10, 1));
    });
    expect(added).toEqual({ functional: [...own, { code: '2080507', name: '职业年金补缴' }] });
  });

  it('a new 项 is refused when its 类 and 款 are unknown and unnamed, or when it takes a sibling’s name', () => {
    const { added, problems } = read(undefined, (codes) => {
      codes.printed('functional', '功能分类科目', '2990101', '行政运行', at(20, 0), at(20, 1));
      codes.printed('functional', '功能分类科目', '2080598', '行政单位离退休', at(21, 0), at(21, 1));
    });
    expect(added).toBeUndefined();
    expect(problems).toEqual([
      '表3 第 21 行 A 列：未知的功能分类科目编码“2080598”：名称“行政单位离退休”是同级编码“2080501”的名称，请核对编码',
      '表3 第 20 行 A 列：功能分类科目“2990101”所属的“299”不在目录中，表中也没有列示它的名称',
    ]);
  });
});
