/**
 * Tables switched to 手工填报: the officer's rows (as printed) are read, and each is matched to the derived row it
 * stands for by its printed labels, so that other tables read the entered figures and the table's own formulas
 * become checks against them.
 */
import type { LoadedBook } from '../book/load';
import { type Fen, parseStoredAmount, ZERO } from '../money/money';
import type { Problem } from '../validation/issues';
import type { BuiltModel } from './build';
import type { ManualRow, Row, TableModel } from './model';

/** A dash in an amount cell: the figure does not apply on that line. It is printed and counts as 0. */
const NOT_APPLICABLE = new Set(['-', '—', '－']);

/** Reads the book's 手工填报 tables into the model; returns the problems of unreadable cells. */
export function attachManual(book: LoadedBook, model: BuiltModel): Problem[] {
  const problems: Problem[] = [];
  for (const [tableId, rows] of Object.entries(book.file.manual ?? {})) {
    const t = model.tableById.get(tableId)!;
    const n = t.columns.length;
    const parsed: ManualRow[] = [];
    rows.forEach((cells, r) => {
      const where = `手工填报 ${t.def.caption} 第 ${r + 1} 行`;
      if (cells.length !== n) {
        problems.push({ where, message: `应有 ${n} 列，实际 ${cells.length} 列` });
        return;
      }
      const text = new Array<string>(n).fill('');
      const values = new Array<Fen>(n).fill(ZERO);
      const rates = new Array<string>(n).fill('');
      for (const c of t.columns) {
        const cell = cells[c.index]!;
        if (c.type === 'text') text[c.index] = String(cell);
        else if (c.type === 'rate') rates[c.index] = String(cell);
        else if (NOT_APPLICABLE.has(String(cell).trim())) text[c.index] = String(cell).trim();
        else if (cell !== '') {
          const p = parseStoredAmount(cell, book.template.money);
          if (p.ok) values[c.index] = p.value;
          else problems.push({ where: `${where} ${c.def.label}`, message: p.message });
        }
      }
      const panels = t.panels ?? [{ columns: t.columns.map((c) => c.index), body: [], footer: [] }];
      panels.forEach((p, panel) => {
        if (p.columns.every((i) => String(cells[i]) === '')) return;
        const keep = new Set(p.columns);
        parsed.push({
          index: r,
          panel,
          text: text.map((v, i) => (keep.has(i) ? v : '')),
          values: values.map((v, i) => (keep.has(i) ? v : ZERO)),
          rates: rates.map((v, i) => (keep.has(i) ? v : '')),
        });
      });
    });
    t.manual = { rows: parsed, byDerivedId: match(t, parsed) };
  }
  return problems;
}

/**
 * Text columns that identify a row. A vertically merged column is blank on continuation lines and a 行次 column
 * numbers lines rather than naming them, so both are left out.
 */
function identifyingColumns(t: TableModel): number[] {
  const merged = new Set<string>();
  for (const b of t.def.rows ?? []) {
    if ('group' in b && 'levels' in b.group) for (const l of b.group.levels) for (const k of l.mergeDown ?? []) merged.add(k);
  }
  return t.columns.filter((c) => c.type === 'text' && !c.def.lineNo && !merged.has(c.key)).map((c) => c.index);
}

/** Matches entered rows to derived rows with the same labels, the k-th occurrence to the k-th occurrence. */
function match(t: TableModel, rows: ManualRow[]): Map<string, ManualRow> {
  const cols = identifyingColumns(t);
  const signature = (panel: number, text: readonly string[]) => `${panel}\u0001${cols.map((i) => text[i]!.trim()).join('\u0000')}`;
  const queues = new Map<string, Row[]>();
  for (const row of t.rows) {
    if (row.blank) continue;
    const s = signature(row.panel, row.text);
    const q = queues.get(s);
    if (q) q.push(row);
    else queues.set(s, [row]);
  }
  const byId = new Map<string, ManualRow>();
  for (const m of rows) {
    const row = queues.get(signature(m.panel, m.text))?.shift();
    if (row) {
      m.derived = row;
      byId.set(row.id, m);
    }
  }
  return byId;
}
