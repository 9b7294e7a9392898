import { describe, expect, it } from 'vitest';
import { guizhouBook, load, publishedGuizhou, readJson, run } from '../../tests/support/books';
import type { Fen } from '../money/money';
import { allViews, plainCells } from '../engine/view';
import { isAnnual } from '../narrative/fields';
import { narrativeFor } from '../narrative/load';
import { nextYearBook, priorFields } from './rollover';
import type { BookFile } from './schema';

function rollOver(file: BookFile): BookFile {
  const engine = run(file);
  const narrative = narrativeFor(engine.book.template)!;
  return nextYearBook(engine.book, (t, r, c) => engine.evaluate(`${t}[${r}].${c}`) as Fen, (key) => isAnnual(narrative, key));
}

describe('next year’s book, based on this year’s', () => {
  const book = guizhouBook();
  const next = rollOver(book);

  it('finds the prior-year fields from the template: 表9’s {prev} columns and their {year} twins', () => {
    const found = priorFields(load(book).template).map((p) => `${p.dataset}.${p.field}[${Object.values(p.match).join()}] ← ${p.table}[${p.row}].${p.column}`);
    expect(found).toEqual([
      'sanGongPrior.gpb[因公出国（境）费] ← T9[abroad].c6',
      'sanGongPrior.gpb[公务接待费] ← T9[reception].c6',
      'sanGongPrior.gpb[公务用车运行维护费] ← T9[carRun].c6',
      'sanGongPrior.gpb[公务用车购置费] ← T9[carBuy].c6',
      'sanGongPrior.gfb[因公出国（境）费] ← T9[abroad].c7',
      'sanGongPrior.gfb[公务接待费] ← T9[reception].c7',
      'sanGongPrior.gfb[公务用车运行维护费] ← T9[carRun].c7',
      'sanGongPrior.gfb[公务用车购置费] ← T9[carBuy].c7',
      'sanGongPrior.soe[因公出国（境）费] ← T9[abroad].c8',
      'sanGongPrior.soe[公务接待费] ← T9[reception].c8',
      'sanGongPrior.soe[公务用车运行维护费] ← T9[carRun].c8',
      'sanGongPrior.soe[公务用车购置费] ← T9[carBuy].c8',
    ]);
  });

  it('is for the next year of the same department, units and template', () => {
    expect(next.year).toBe(2025);
    expect(next.department).toEqual(book.department);
    expect(next.units).toEqual(book.units);
    expect(next.template).toEqual(book.template);
  });

  it('takes this year’s 三公 (published 表9 columns 5–8) as next year’s prior-year 三公', () => {
    expect(next.data['sanGongPrior']).toEqual([
      { id: 'sg1', item: '因公出国（境）费' },
      { id: 'sg2', item: '公务接待费', gpb: '2.65' },
      { id: 'sg3', item: '公务用车运行维护费', gpb: '6.45' },
      { id: 'sg4', item: '公务用车购置费' },
    ]);
    const published9 = publishedGuizhou().tables.find((t) => t.id === '表9')!;
    const engine = run(next);
    const view = allViews(engine).find((v) => v.caption === '表9')!;
    expect(view.title).toBe('2025年财政拨款“三公”经费预算支出表');
    // Columns 1–4 (上年) of next year's 表9 are this year's published columns 5–8.
    const prior = view.rows.map((r) => plainCells(r, engine.book.template.money).slice(1, 5));
    expect(prior).toEqual(published9.rows.map((r) => r.slice(5, 9)));
  });

  it('carries projects, targets and indicators whole, and the transfers they refer to without amounts', () => {
    for (const name of ['projects', 'targets', 'indicators']) expect(next.data[name], name).toEqual(book.data[name]);
    expect(next.data['transfers']).toEqual(book.data['transfers']!.map(({ id, name }) => ({ id, name })));
    for (const name of ['income', 'basic', 'projectLines', 'carryover', 'procurement']) expect(next.data[name], name).toEqual([]);
  });

  it('leaves out a transfer no carried record refers to', () => {
    const copy = structuredClone(book);
    const dropped = new Set(copy.data['targets']!.filter((t) => t['transfer'] === 't3').map((t) => t.id));
    copy.data['targets'] = copy.data['targets']!.filter((t) => !dropped.has(t.id));
    copy.data['indicators'] = copy.data['indicators']!.filter((i) => !dropped.has(i['target']!));
    expect(rollOver(copy).data['transfers']!.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('creates a prior-year record the book did not have', () => {
    const copy = structuredClone(book);
    copy.data['sanGongPrior'] = copy.data['sanGongPrior']!.filter((r) => r['item'] !== '公务接待费');
    expect(rollOver(copy).data['sanGongPrior']).toContainEqual({ id: 'sanGongPrior-4', item: '公务接待费', gpb: '2.65' });
  });

  it('gives a book that loads and passes every 强制 check', () => {
    expect(run(next).summary().强制).toBe(0);
  });

  it('carries the texts that stay from year to year: 部门概况, each carried project’s 主要用途, the 附件', () => {
    const copy = structuredClone(book);
    copy.text = { ...copy.text, annex: '1. 城乡医疗救助资金绩效目标表', glossary: '1. 财政拨款收入：指省级财政当年拨付的资金。' };
    const carried = rollOver(copy).text!;
    const purposes = ['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09', 'p10', 'p11', 'p12', 'p13', 'p14', 'p15'].map((p) => `purpose.${p}`);
    expect(Object.keys(carried).sort()).toEqual(['annex', 'glossary', 'part1.functions', 'part1.organization', 'part1.staff', 'part1.units', ...purposes].sort());
    for (const [key, text] of Object.entries(carried)) expect(text, key).toBe(copy.text[key]);
  });

  it('leaves out the texts about this year only: the reasons for 增减, the year-end assets, this year’s performance and purchases', () => {
    const left = Object.keys(book.text!).filter((key) => !(key in next.text!));
    expect(left.sort()).toEqual(
      [
        'reason.income',
        'reason.expense',
        'reason.fiscal',
        'reason.sanGong.reception',
        'reason.procurement',
        'reason.running',
        'performance.projects',
        'performance.keyProject',
        'assets.buildings',
        'assets.vehicles',
        'assets.equipment',
        'assets.purchase',
      ].sort(),
    );
  });
});

describe('next year’s 决算 book, based on this year’s', () => {
  const book = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');

  it('leaves out every 项’s typed 年初预算数 and every reason, and carries 部门职责 and 机构设置', () => {
    const copy = structuredClone(book);
    copy.text = {
      ...copy.text,
      'part1.functions': '负责省卫生健康委机关及直属单位干部职工的医疗保健工作。',
      'part1.organization': '内设综合科、保健科。',
      'reason.total': '退休老干人员有所减少',
      'reason.sanGong': '严格执行中央八项规定精神',
      'reason.initial.2101101': '年中追加经费',
    };
    const next = rollOver(copy);
    expect(next.year).toBe(2024);
    expect(next.text).toEqual({ 'part1.functions': copy.text['part1.functions'], 'part1.organization': copy.text['part1.organization'] });
  });
});
