import { describe, expect, it } from 'vitest';
import { guizhouBook, run } from '../../tests/support/books';
import { allViews, type TableView } from '../engine/view';
import { tableLayout } from './layout';
import { contentWidthMm, PT_PER_MM } from './page';

/** Advance widths of Noto Serif SC measured in Chromium (em): tabular digits, `,` and `.`; cell padding 0.3 em a side. */
function figureEm(text: string): number {
  let em = 0.6;
  for (const ch of text) em += /[0-9]/.test(ch) ? 0.557 : /[,.]/.test(ch) ? 0.327 : ch === '%' ? 0.923 : 0.5;
  return em;
}

function columnPt(view: TableView, widthPercent: number): number {
  return (widthPercent / 100) * contentWidthMm(view.orientation) * PT_PER_MM;
}

const views = allViews(run(guizhouBook()));

describe('tableLayout on the 14 Guizhou tables', () => {
  it.each(views.map((v) => [v.caption, v] as const))('%s: widths add up to the page, font between 5 and 10.5 pt', (_, view) => {
    const layout = tableLayout(view);
    expect(layout.widths).toHaveLength(view.columns.length);
    expect(layout.widths.reduce((n, w) => n + w, 0)).toBeCloseTo(100, 9);
    expect(layout.fontPt).toBeGreaterThanOrEqual(5);
    expect(layout.fontPt).toBeLessThanOrEqual(10.5);
  });

  it.each(views.map((v) => [v.caption, v] as const))('%s: every figure fits its column on one line', (_, view) => {
    const layout = tableLayout(view);
    view.columns.forEach((col, i) => {
      if (col.type === 'text') return;
      const longest = Math.max(...view.rows.map((r) => (r.cells[i]?.kind === 'amount' || r.cells[i]?.kind === 'rate' ? figureEm(r.cells[i]!.text) : 0)));
      expect(columnPt(view, layout.widths[i]!)).toBeGreaterThanOrEqual(longest * layout.fontPt);
    });
  });

  it('prints 表1 in 五号: its longest label (16 characters) and figures fit a portrait page at 10.5 pt', () => {
    expect(tableLayout(views[0]!).fontPt).toBe(10.5);
  });

  it('shrinks 表3 below 8 pt: its 22 columns need more than a landscape page holds at 8 pt', () => {
    // By hand, with padding: 7 columns of figures up to 47,881.17 (5.4 em), 13 of 0.00 (3 em at least, 3.8 em),
    // the 7-digit codes (4.7 em) and the names at their narrowest (8 em): 99.8 em > 757 pt / 8 pt = 94.6 em.
    const widthPt = contentWidthMm('landscape') * PT_PER_MM;
    expect(7 * 5.38 + 13 * 3.8 + 4.72 + 8).toBeGreaterThan(widthPt / 8);
    expect(tableLayout(views[2]!).fontPt).toBeLessThan(8);
  });

  it('keeps 7-digit function codes on one line', () => {
    const t3 = views[2]!;
    const layout = tableLayout(t3);
    expect(columnPt(t3, layout.widths[0]!)).toBeGreaterThanOrEqual(figureEm('2101504') * layout.fontPt);
  });
});
