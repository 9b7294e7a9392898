import { describe, expect, it } from 'vitest';
import { guizhouBook, load, publishedGuizhou, run } from '../../tests/support/books';
import type { Fen } from '../money/money';
import { allViews, plainCells } from '../engine/view';
import { nextYearBook, priorFields } from './rollover';
import type { BookFile } from './schema';

function rollOver(file: BookFile): BookFile {
  const engine = run(file);
  return nextYearBook(engine.book, (t, r, c) => engine.evaluate(`${t}[${r}].${c}`) as Fen);
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
});
