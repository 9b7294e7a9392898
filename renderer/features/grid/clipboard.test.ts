import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './clipboard';

describe('tab-separated clipboard text', () => {
  it('reads a block copied from Excel (CRLF rows, trailing line break, empty cells)', () => {
    const text = '2101501\t行政运行\t30101\t基本工资\t343.88\r\n\t\t30102\t津贴补贴\t191.07\r\n';
    expect(parseTsv(text)).toEqual([
      ['2101501', '行政运行', '30101', '基本工资', '343.88'],
      ['', '', '30102', '津贴补贴', '191.07'],
    ]);
  });

  it('reads quoted cells with tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('"a\tb"\t"第一行\n第二行"\t"他说""好"""\n')).toEqual([['a\tb', '第一行\n第二行', '他说"好"']]);
  });

  it('keeps a thousands separator inside a cell and a final row without line break', () => {
    expect(parseTsv('46,156.15\t0.00')).toEqual([['46,156.15', '0.00']]);
  });

  it('writes what it reads', () => {
    const rows = [['合计', '47,881.17'], ['含"引号"', '换\n行']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
    expect(toTsv([['a', 'b']])).toBe('a\tb\r\n');
  });
});
