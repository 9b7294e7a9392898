import { describe, expect, it } from 'vitest';
import { columnLetter, displayWidth, linesNeeded } from './layout';

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('displayWidth', () => {
  it('counts CJK characters, full-width forms and Chinese punctuation double', () => {
    expect(displayWidth('46,156.15')).toBe(9);
    expect(displayWidth('合计')).toBe(4);
    expect(displayWidth('(一) 财政拨款收入')).toBe(5 + 12);
    expect(displayWidth('“三公”经费（境）')).toBe(18);
  });

  it('gives the lines a text wraps onto in a column', () => {
    expect(linesNeeded('', 10)).toBe(1);
    expect(linesNeeded('一二三四', 9)).toBe(1);
    expect(linesNeeded('一二三四五', 9)).toBe(2);
  });
});
