/**
 * The printed form of a table: header tree with spans, 栏次 labels, rows as printed (hidden zero rows left out,
 * vertically merged cells blanked, side-by-side panels joined), and notes. The editor, the workbook and the print
 * document all render this one view.
 */
import { type AmountFormat, amountToNumber, type Fen, formatFigure, type MoneyFormat } from '../money/money';
import { amountFormat } from '../template/amounts';
import type { ColumnNode, LeafColumn } from '../template/schema';
import type { Engine } from './engine';
import type { Row, TableModel } from './model';
import { bookLookup, fillText } from './text';

export interface HeaderCell {
  readonly label: string;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export type ViewCell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'amount'; readonly value: Fen; readonly text: string }
  | { readonly kind: 'rate'; readonly text: string }
  | { readonly kind: 'blank' };

export interface ViewRow {
  /** The derived row's id (or `#n` for a 手工填报 row that matches none). */
  readonly id: string;
  /** In a table printed as panels side by side: the row each panel shows on this line ('' where none). */
  readonly panelRows?: readonly string[];
  readonly level: string;
  readonly cells: readonly ViewCell[];
}

export interface TableView {
  readonly id: string;
  readonly caption: string;
  readonly title: string;
  readonly orgLine: string;
  readonly unitLine: string;
  readonly orientation: 'portrait' | 'landscape';
  readonly columns: readonly LeafColumn[];
  /** Per column: the unit its amounts are counted in and how they print (a form's 元 in a 万元 document). */
  readonly formats: readonly AmountFormat[];
  readonly header: readonly HeaderCell[];
  readonly headerDepth: number;
  /** The 栏次 labels of the columns that have one (null when the table has none). */
  readonly columnNumbers: readonly string[] | null;
  /** The 栏次 row as printed, one label per column ('' where none), or null when not printed. */
  readonly colNoRow: readonly string[] | null;
  readonly rows: readonly ViewRow[];
  readonly notes: readonly string[];
  readonly empty: boolean;
  readonly manual: boolean;
}

function depth(nodes: ColumnNode[]): number {
  return Math.max(...nodes.map((n) => ('children' in n ? 1 + depth(n.children) : 1)));
}

export function headerCells(nodes: ColumnNode[], label: (s: string) => string): { cells: HeaderCell[]; depth: number } {
  const total = depth(nodes);
  const cells: HeaderCell[] = [];
  let col = 0;
  const place = (list: ColumnNode[], row: number) => {
    for (const n of list) {
      const start = col;
      if ('children' in n) {
        place(n.children, row + 1);
        cells.push({ label: label(n.label), row, col: start, rowSpan: 1, colSpan: col - start });
      } else {
        col++;
        cells.push({ label: label(n.label), row, col: start, rowSpan: total - row, colSpan: 1 });
      }
    }
  };
  place(nodes, 0);
  return { cells: cells.sort((a, b) => a.row - b.row || a.col - b.col), depth: total };
}

export function tableView(engine: Engine, table: TableModel): TableView {
  const book = engine.book;
  const def = table.def;
  const lookup = bookLookup(book);
  const { cells: header, depth: headerDepth } = headerCells(def.columns, (s) => fillText(s, lookup));
  const columns = table.columns.map((c) => c.def);
  const formats = columns.map((c) => amountFormat(book.template, def, c));
  const cellOf = (c: (typeof table.columns)[number], text: readonly string[], values: readonly Fen[], rates: readonly string[]): ViewCell => {
    if (c.type === 'text') return { kind: 'text', text: text[c.index]! };
    if (c.type === 'rate') return { kind: 'rate', text: rates[c.index]! };
    // A row may print text where a figure does not apply (`-`).
    if (text[c.index]) return { kind: 'text', text: text[c.index]! };
    return { kind: 'amount', value: values[c.index]!, text: formatFigure(values[c.index]!, formats[c.index]!) };
  };

  let rows: ViewRow[];
  if (table.manual) {
    rows = (book.file.manual?.[def.id] ?? []).map((raw, i) => {
      const parts = table.manual!.rows.filter((m) => m.index === i);
      return {
        id: parts[0]?.derived?.id ?? `#${i + 1}`,
        ...(table.panels ? { panelRows: table.panels.map((_, pi) => parts.find((p) => p.panel === pi)?.derived?.id ?? '') } : {}),
        level: parts[0]?.derived?.level ?? 'manual',
        cells: table.columns.map((c) => {
          const m = parts.find((p) => p.text[c.index] !== '' || p.values[c.index] !== 0 || p.rates[c.index] !== '');
          if (String(raw[c.index]) === '' && c.type !== 'text') return { kind: 'blank' } as const;
          return m ? cellOf(c, m.text, m.values, m.rates) : cellOf(c, table.columns.map(() => ''), table.columns.map(() => 0 as Fen), table.columns.map(() => ''));
        }),
      };
    });
  } else if (table.panels) {
    const panels = table.panels.map((p) => ({ ...p, body: p.body.filter((r) => r.visible), footer: p.footer }));
    const bodyHeight = Math.max(...panels.map((p) => p.body.length));
    const footHeight = Math.max(...panels.map((p) => p.footer.length));
    const height = bodyHeight + footHeight;
    rows = [];
    for (let i = 0; i < height; i++) {
      const cells: ViewCell[] = table.columns.map(() => ({ kind: 'blank' }));
      let id = '';
      const panelRows = panels.map(() => '');
      panels.forEach((p, pi) => {
        // 行次 numbers every line of the panel, blank ones too, continuing after the previous panel's last line.
        for (const ci of p.columns) if (table.columns[ci]!.def.lineNo) cells[ci] = { kind: 'text', text: String(pi * height + i + 1) };
        const r = i < bodyHeight ? p.body[i] : p.footer[i - bodyHeight - (footHeight - p.footer.length)];
        if (!r || r.blank) return;
        id ||= r.id;
        panelRows[pi] = r.id;
        for (const ci of p.columns) if (!table.columns[ci]!.def.lineNo) cells[ci] = cellOf(table.columns[ci]!, r.text, r.values, r.rates);
      });
      rows.push({ id: id || `blank${i}`, panelRows, level: 'fixed', cells });
    }
  } else {
    const visible = table.rows.filter((r) => r.visible);
    const merged = mergedColumns(table);
    rows = visible.map((r, i) => {
      const prev = visible[i - 1];
      const blankMerged = merged.get(r.level);
      return {
        id: r.id,
        level: r.level,
        cells: table.columns.map((c) => {
          if (c.def.lineNo) return { kind: 'text', text: String(i + 1) };
          if (blankMerged?.has(c.key) && sameRun(prev, r) && prev!.text[c.index] === r.text[c.index]) return { kind: 'text', text: '' };
          return cellOf(c, r.text, r.values, r.rates);
        }),
      };
    });
  }

  const hasAmounts = table.columns.some((c) => c.type === 'amount');
  const empty = hasAmounts && rows.every((r) => r.cells.every((c) => c.kind !== 'amount' || c.value === 0));
  const notes = (empty && def.emptyNotes ? def.emptyNotes : def.notes).map((n) => fillText(n, lookup));
  const numbered = table.columns.filter((c) => c.def.colNo);
  // A table that prints bare 栏次 shows the column's own number, not its equation.
  const colNoLabel = (c: (typeof table.columns)[number]) => (def.plainColNo && c.colNo ? String(c.colNo.number) : (c.def.colNo ?? ''));
  const labelled = new Set([def.colNoRow?.at ?? []].flat());
  const colNoRow = def.colNoRow ? table.columns.map((c) => (labelled.has(c.key) ? def.colNoRow!.label : colNoLabel(c))) : null;
  return {
    id: def.id,
    caption: def.caption,
    title: fillText(def.title, lookup),
    orgLine: fillText(def.orgLine ?? '', lookup),
    unitLine: fillText(def.unitLine ?? '', lookup),
    orientation: def.orientation ?? 'portrait',
    columns,
    formats,
    header,
    headerDepth,
    columnNumbers: numbered.length > 0 ? numbered.map(colNoLabel) : null,
    colNoRow,
    rows,
    notes,
    empty,
    manual: Boolean(table.manual),
  };
}

function mergedColumns(table: TableModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const b of table.def.rows ?? []) {
    if ('group' in b && 'levels' in b.group) for (const l of b.group.levels) if (l.mergeDown) out.set(l.name, new Set(l.mergeDown));
  }
  return out;
}

function sameRun(prev: Row | undefined, row: Row): boolean {
  return prev !== undefined && prev.level === row.level && prev.parent === row.parent;
}

/** The header as rows of labels, each label at the top-left cell of its span and '' elsewhere. */
export function headerRows(view: TableView): string[][] {
  const rows = Array.from({ length: view.headerDepth }, () => view.columns.map(() => ''));
  for (const h of view.header) rows[h.row]![h.col] = h.label;
  return rows;
}

/** A row as plain JSON values: text, amounts as numbers in the display unit, rates as printed, blanks as ''. */
export function plainCells(row: ViewRow, money: MoneyFormat): (string | number)[] {
  return row.cells.map((c) => {
    switch (c.kind) {
      case 'text':
      case 'rate':
        return c.text;
      case 'amount':
        return amountToNumber(c.value, money);
      case 'blank':
        return '';
    }
  });
}

export function allViews(engine: Engine): TableView[] {
  return engine.model.tables.map((t) => tableView(engine, t));
}
