import { describe, expect, it } from 'vitest';
import { findTemplate } from '../../../shared/template/registry';
import { CodeIndex } from './codeIndex';

const functional = findTemplate('guizhou-budget-2024', 1)!.catalogues['functional']!.entries;
const codes = (list: { code: string }[]) => list.map((e) => e.code);

describe('searching a catalogue', () => {
  const items = new CodeIndex(functional, [7]);

  it('finds 行政运行 by the pinyin initials xzyx, with its 款 as parent', () => {
    expect(items.search('xzyx')).toEqual([{ code: '2101501', name: '行政运行', parent: '医疗保障管理事务', initials: 'xzyx' }]);
  });

  it('finds by leading digits of the code, the exact code first', () => {
    expect(codes(items.search('21015'))).toEqual(['2101501', '2101502', '2101504', '2101505', '2101506']);
    expect(codes(items.search('2101505'))).toEqual(['2101505']);
  });

  it('finds by part of the name, and by initials inside the name', () => {
    expect(codes(items.search('职业年金'))).toEqual(['2080506']);
    // 机关事业单位基本养老保险缴费支出: jgsydwjbylbxjfzc; “ylbxjf” is inside it (and “ylbx” in the 医疗保险 lines too).
    expect(codes(items.search('ylbxjf'))).toEqual(['2080505']);
  });

  it('keeps only codes of the allowed lengths; all of them for an empty query', () => {
    expect(items.entries.every((e) => e.code.length === 7)).toBe(true);
    expect(items.search('')).toHaveLength(items.entries.length);
    expect(codes(new CodeIndex(functional).search('2101'))).toEqual(['21011', '2101101', '2101102', '2101103', '21012', '2101201', '2101202', '21015', '2101501', '2101502', '2101504', '2101505', '2101506']);
  });

  it('finds nothing for a code that is not there', () => {
    expect(items.search('2109999')).toEqual([]);
  });
});
