import { describe, expect, it } from 'vitest';
import { DEFAULT_FOOTER, footerChoiceLabel, footerLabel, numberedPages } from './footer';

describe('page numbers', () => {
  it('fills page and page count into the style', () => {
    expect(footerLabel(DEFAULT_FOOTER, 3, 54)).toBe('第 3 页 / 共 54 页');
    expect(footerLabel('- {page} -', 12, 54)).toBe('- 12 -');
    expect(footerLabel('{page} / {pages}', 1, 1)).toBe('1 / 1');
  });

  it('numbers every page but the cover, counting the cover', () => {
    expect(numberedPages(4)).toEqual([2, 3, 4]);
    expect(numberedPages(1)).toEqual([]);
  });

  it('shows each style by an example, and the empty style as 不印页码', () => {
    expect(footerChoiceLabel('第 {page} 页')).toBe('第 1 页');
    expect(footerChoiceLabel('')).toBe('不印页码');
  });
});
