import { describe, expect, it } from 'vitest';
import { guizhouBook, load, run } from '../../tests/support/books';
import { allViews, plainCells } from '../engine/view';
import { WAN_YUAN_2 } from '../money/money';
import { unitView } from './unit-view';

describe('a unit\'s view of a department book', () => {
  const book = load(guizhouBook());

  it('holds the unit\'s records only, and its tables add up to that unit\'s figures', () => {
    const view = unitView(book, '261101');
    expect(view.units.map((u) => u.code)).toEqual(['261101']);
    // 卫生项目管理办公室 (tables.md Appendix C): 6 projects with 1+1+1+1+2+2 = 8 lines in 表11, 17 basic lines in
    // 表10 (9 人员 + 8 公用), and none of the department's transfers.
    expect(view.data['projects']).toHaveLength(6);
    expect(view.data['projectLines']).toHaveLength(8);
    expect(view.data['basic']).toHaveLength(17);
    expect(view.data['transfers']).toEqual([]);
    const tables = allViews(run(view));
    const t2 = tables[1]!;
    // 表2 unit row of the published table: 35,224.83 收入总计.
    expect(plainCells(t2.rows[0]!, WAN_YUAN_2).slice(0, 2)).toEqual(['合计', 35224.83]);
    const t10 = tables[9]!;
    expect(plainCells(t10.rows[0]!, WAN_YUAN_2)[6]).toBe(606.86);
  });
});
