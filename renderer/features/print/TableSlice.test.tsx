// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import guizhou from '../../../examples/guizhou-2024.budget.json';
import { loadBook } from '../../../shared/book/load';
import { Engine } from '../../../shared/engine/engine';
import { allViews, headerRows, type TableView } from '../../../shared/engine/view';
import type { TocEntry } from '../../../shared/print/document';
import { headingHref, rowHref } from '../../../shared/print/links';
import { findTemplate } from '../../../shared/template/registry';
import { MarkersOn } from './Marker';
import { TableSlice } from './TableSlice';

// Imported as a module: DOM test environments have no file URLs to read the book from.
const views = allViews(Engine.run(loadBook(structuredClone(guizhou), findTemplate)));
const t3 = views[2]!;
const entry = (view: TableView): TocEntry => ({ id: view.id, title: view.title, heading: view.title, level: 2 });

function slice(view: TableView, from: number, to: number, markers = true, markFrom = to) {
  return render(
    <MarkersOn.Provider value={markers}>
      <TableSlice block={{ kind: 'table', entry: entry(view), view, from, to, markFrom }} partTitle={undefined} newPage={false} />
    </MarkersOn.Provider>,
  ).container;
}

afterEach(cleanup);

describe('TableSlice', () => {
  it('prints 表3’s three header rows with their spans and the 栏次 row in the repeated <thead>', () => {
    const head = slice(t3, 0, t3.rows.length).querySelector('thead')!;
    const rows = [...head.querySelectorAll('tr')];
    expect(rows).toHaveLength(4);
    // The published header: 功能科目 over two columns, 支出总计 over three rows, 本年支出 over 18 columns.
    const first = [...rows[0]!.querySelectorAll('th')].map((th) => [th.textContent, th.rowSpan, th.colSpan]);
    expect(first).toEqual([
      ['功能科目', 1, 2],
      ['支出总计', 3, 1],
      ['本年支出', 1, 18],
      ['年终结转结余 (非财政拨款)', 3, 1],
    ]);
    expect([...rows[3]!.querySelectorAll('th')].map((th) => th.textContent).slice(0, 4)).toEqual(['', '栏次', '1=2+20', '2=3+4=5+8+11+14+17']);
    expect(headerRows(t3)[0]![0]).toBe('功能科目');
  });

  it('opens the first slice with 表N, the title as the marked heading, 部门名称 and 单位', () => {
    const html = slice(t3, 0, 5);
    expect(html.querySelector('header')!.textContent).toBe('表32024年部门支出预算总表部门名称：贵州省医疗保障局单位：万元');
    expect(html.querySelector('h2 a')!.getAttribute('href')).toBe(headingHref('T3'));
  });

  it('prints a later slice without the heading lines, and rows from..to', () => {
    const html = slice(t3, 10, 12);
    expect(html.querySelector('header')).toBeNull();
    // Rows 10 and 11 of the published 表3 (合计 is row 0).
    expect([...html.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent)).toEqual(['2101101', '2101102']);
  });

  it('puts the notes with the last row in one group, only on the last slice', () => {
    expect(slice(t3, 0, 5).textContent).not.toContain('注：');
    const closing = slice(t3, 20, t3.rows.length).querySelectorAll('tbody')[1]!;
    const rows = [...closing.querySelectorAll('tr')];
    expect(rows.map((tr) => tr.querySelector('td')!.textContent)).toEqual(['2210201', '注：保留两位小数。']);
    expect(rows[1]!.querySelector('td')!.colSpan).toBe(22);
  });

  it('prints the empty 表7: its 合计 row of zeros and both notes', () => {
    const t7 = views[6]!;
    const html = slice(t7, 0, t7.rows.length);
    expect(html.querySelector('td:nth-child(3)')!.textContent).toBe('0.00');
    expect(html.textContent).toContain('2. 本部门无政府性基金预算，本表为空表列示。');
  });

  it('marks the rows from markFrom on with a row marker in their first cell', () => {
    const html = slice(t3, 0, 10, true, 7);
    expect([...html.querySelectorAll('tbody a')].map((a) => a.getAttribute('href'))).toEqual([rowHref(7), rowHref(8), rowHref(9)]);
  });

  it('leaves the marker links out for the browser’s own print', () => {
    expect(slice(t3, 0, 5, false, 0).querySelector('a')).toBeNull();
  });
});
