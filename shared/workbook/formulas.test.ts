import { describe, expect, it } from 'vitest';
import { sumOf } from './formulas';

describe('sumOf', () => {
  it('adds contiguous rows as one range', () => {
    expect(sumOf('D', [10, 11, 12])).toBe('SUM(D10:D12)');
  });

  it('adds rows apart one by one, and runs of them as ranges, in row order', () => {
    expect(sumOf('H', [31, 10, 17])).toBe('SUM(H10,H17,H31)');
    expect(sumOf('G', [8, 12, 13, 20])).toBe('SUM(G8,G12:G13,G20)');
  });

  it('splits more than 255 arguments over several SUM calls (Excel’s limit per call)', () => {
    const rows = Array.from({ length: 300 }, (_, i) => 10 + 2 * i);
    const formula = sumOf('C', rows);
    const calls = formula.split('+');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.split(',')).toHaveLength(255);
    expect(calls[1]!.split(',')).toHaveLength(45);
    expect(calls[1]).toMatch(/^SUM\(C520,.*,C608\)$/);
  });
});
