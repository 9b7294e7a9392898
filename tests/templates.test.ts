/** Every shipped template set, on an empty book: the app can start a new book of any kind. */
import { describe, expect, it } from 'vitest';
import { resolveBook } from '../shared/book/load';
import type { BookFile } from '../shared/book/schema';
import { Engine } from '../shared/engine/engine';
import { allViews, plainCells } from '../shared/engine/view';
import { allTemplates } from '../shared/template/registry';
import type { Template } from '../shared/template/schema';

function emptyBook(t: Template): BookFile {
  return {
    format: 'budget-disclosure-book',
    formatVersion: 1,
    template: { id: t.id, version: t.version },
    department: { code: '999', name: '新建部门' },
    year: t.year,
    units: [{ code: '999', name: '新建部门', kind: t.unitKinds[0]! }],
    data: {},
  };
}

describe('every template under templates/ derives an empty book', () => {
  it('offers both kinds of book, 预算 and 决算', () => {
    expect(allTemplates().map((t) => t.kind).sort()).toEqual(['决算', '预算']);
  });

  for (const template of allTemplates()) {
    it(`${template.name}: every table, without error`, () => {
      const engine = Engine.run(resolveBook(emptyBook(template), template));
      const views = allViews(engine);
      expect(views.map((v) => v.id)).toEqual(template.tables.map((t) => t.id));
      const amounts = views.flatMap((v) => v.rows.flatMap((r) => plainCells(r, template.money).filter((c) => typeof c === 'number')));
      expect(new Set(amounts)).toEqual(new Set([0]));
      expect(engine.summary().强制).toBe(0);
    });
  }

  it('the 决算 set prints its fixed lines with 行次, and the 无数据 note of its empty fund tables', () => {
    const template = allTemplates().find((t) => t.kind === '决算')!;
    const views = allViews(Engine.run(resolveBook(emptyBook(template), template)));
    const t01 = views.find((v) => v.caption === '公开01表')!;
    expect(t01.rows).toHaveLength(31);
    expect(plainCells(t01.rows.at(-1)!, template.money)).toEqual(['总计', '31', 0, '总计', '62', 0]);
    const t07 = views.find((v) => v.caption === '公开07表')!;
    expect(t07.rows.map((r) => plainCells(r, template.money))).toEqual([['', '合计', 0, 0, 0, 0, 0, 0]]);
    expect(t07.notes[1]).toBe('2.本单位2023年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。');
  });
});
