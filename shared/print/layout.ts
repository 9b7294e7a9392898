/**
 * A printed table's font size and column widths. Amounts never wrap, so each amount column is as wide as its
 * longest figure; text columns wrap and share what is left by the template's width hints. The font shrinks until
 * every amount fits the page width: a narrow column must never clip a figure.
 */
import type { TableView } from '../engine/view';
import { contentWidthMm, PT_PER_MM } from './page';

export interface TableLayout {
  /** Font size of the table's cells, in points. */
  readonly fontPt: number;
  /** Each column's share of the table width, in percent (they add up to 100). */
  readonly widths: readonly number[];
}

/** Font sizes: 五号 at most; below 六号 only when the figures need it; never below 5 pt. */
const MAX_PT = 10.5;
const COMFORT_PT = 7.5;
const MIN_PT = 5;
/**
 * Advance widths in em of Noto Serif SC (measured in Chromium): digits with tabular figures, the separators of a
 * figure, other Latin characters (at most), CJK characters. A cell adds its padding and rules.
 */
const DIGIT_EM = 0.56;
const SEPARATOR_EM = 0.33;
const LATIN_EM = 0.75;
const PADDING_EM = 0.8;
/** A text column without a hint; the narrowest a wrapping text column gets (unless its hint is narrower). */
const DEFAULT_TEXT_CHARS = 8;
const MIN_TEXT_EM = 8;
const TEXT_QUANTILE = 0.9;
/** Codes up to this width stay whole; a longer unbroken run (a 21-character project code) may wrap. */
const MAX_UNBROKEN_EM = 8;

function charEm(ch: string): number {
  if (/[0-9]/.test(ch)) return DIGIT_EM;
  if (/[,.\-]/.test(ch)) return SEPARATOR_EM;
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : LATIN_EM;
}

function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/** The longest run that cannot break (a code, a figure): CJK text breaks between any two characters. */
function unbreakableEm(text: string): number {
  return Math.max(0, ...text.split(/[\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/).map(textEm));
}

interface ColumnNeed {
  readonly fixed: boolean;
  /** Em the column needs at least. */
  readonly min: number;
  /** Em it would like. */
  readonly want: number;
}

/** The length under which `share` of the values lie (0.9: nine in ten). */
function quantile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(values.length * share))]!;
}

function needs(view: TableView): ColumnNeed[] {
  return view.columns.map((col, i) => {
    const lengths: number[] = [];
    let unbroken = 0;
    for (const row of view.rows) {
      const cell = row.cells[i];
      if (!cell || cell.kind === 'blank' || cell.text === '') continue;
      lengths.push(textEm(cell.text));
      if (col.type === 'text') unbroken = Math.max(unbroken, Math.min(MAX_UNBROKEN_EM, unbreakableEm(cell.text)));
    }
    if (col.type !== 'text') {
      const em = Math.max(3, ...lengths) + PADDING_EM;
      return { fixed: true, min: em, want: em };
    }
    // Wide enough for nine texts in ten on one line (the longest wrap), within the template's hint; never narrower
    // than its longest code.
    const want = Math.max(unbroken, Math.min(quantile(lengths, TEXT_QUANTILE), col.width ?? DEFAULT_TEXT_CHARS)) + PADDING_EM;
    return { fixed: false, min: Math.max(unbroken + PADDING_EM, Math.min(want, MIN_TEXT_EM)), want };
  });
}

export function tableLayout(view: TableView): TableLayout {
  const widthPt = contentWidthMm(view.orientation) * PT_PER_MM;
  const cols = needs(view);
  const sum = (pick: (c: ColumnNeed) => number) => cols.reduce((n, c) => n + pick(c), 0);
  const fixedEm = sum((c) => (c.fixed ? c.want : 0));
  const textMin = sum((c) => (c.fixed ? 0 : c.min));
  const textWant = sum((c) => (c.fixed ? 0 : c.want));

  // The largest font at which every column gets what it wants; else text columns give up width (they wrap) before
  // the font goes below the comfortable size; below it, they keep their minimum and the font shrinks.
  const wanted = widthPt / (fixedEm + textWant);
  const fontPt = wanted >= COMFORT_PT ? Math.min(MAX_PT, wanted) : Math.max(MIN_PT, Math.min(COMFORT_PT, widthPt / (fixedEm + textMin)));
  const textRoom = widthPt / fontPt - fixedEm;
  const em = cols.map((c) => {
    if (c.fixed) return c.want;
    if (textRoom <= textMin) return c.min;
    if (textRoom <= textWant) return c.min + ((c.want - c.min) * (textRoom - textMin)) / (textWant - textMin);
    // Room to spare goes to the text columns, so fewer of their texts wrap.
    return c.want * (textRoom / textWant);
  });
  const total = em.reduce((n, w) => n + w, 0);
  return { fontPt: Math.floor(fontPt * 10) / 10, widths: em.map((w) => (w / total) * 100) };
}
