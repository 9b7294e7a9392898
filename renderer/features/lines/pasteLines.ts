/**
 * Lines pasted as a block copied from Excel or WPS in the printed layout of the table (表10: 部门名称, 项目名称,
 * 功能编码, 功能名称, 经济编码, 经济名称, amounts …): each row becomes the inputs of a new line under the place it is
 * pasted (its unit, category, project). Names printed beside codes and derived columns (小计, 合计) are not read;
 * a row without any of the line's own fields is a subtotal row copied along, and is left out. A figure is counted in
 * its column's unit, as one typed into the grid (25162.4万元 pasted into a 元 column is 251624000.00).
 */
import type { LoadedBook } from '../../../shared/book/load';
import type { TableView } from '../../../shared/engine/view';
import type { EditProblem } from '../../db';
import { inColumnUnit } from '../grid/units';
import { type LineTable, unitField } from './lineTable';

export interface PastedLines {
  /** Field → input of each new line, in order. */
  readonly rows: readonly Record<string, string>[];
  /** Subtotal rows left out. */
  readonly skipped: number;
  readonly problems: readonly EditProblem[];
}

/** Whether a pasted block has the table's printed layout (as many columns as the table), i.e. whole lines. */
export function isLineBlock(block: readonly (readonly string[])[], columnCount: number): boolean {
  return block.length > 0 && block.every((cells) => cells.length === columnCount);
}

/**
 * The new lines of a pasted block. `book` is the department's (references are looked up in it), `unit` the unit
 * being edited, `view` the table's printed columns (their labels for messages, their units for figures).
 */
export function pastedLines(
  lines: Extract<LineTable, { kind: 'grouped' }>,
  book: LoadedBook,
  block: readonly (readonly string[])[],
  context: Readonly<Record<string, string>>,
  unit: string,
  view: Pick<TableView, 'columns' | 'formats'>,
  merged: ReadonlySet<number> = new Set(),
): PastedLines {
  const rows: Record<string, string>[] = [];
  const problems: EditProblem[] = [];
  let skipped = 0;
  const ownFields = [...lines.paste.entries()].filter(([, t]) => t.kind === 'field' && lines.def.fields[t.field]?.type !== 'amount');
  let previous: readonly string[] | undefined;
  block.forEach((raw, i) => {
    if (ownFields.length > 0 && ownFields.every(([col]) => (raw[col] ?? '').trim() === '')) {
      skipped++;
      return;
    }
    // A column printed only on the first line of a run (功能科目) comes blank on the others: it repeats the line above.
    const cells = previous ? raw.map((c, col) => (merged.has(col) && c.trim() === '' ? (previous![col] ?? '') : c)) : raw;
    previous = cells;
    const inputs: Record<string, string> = { ...context };
    const resolved = new Set<string>();
    for (const [col, target] of lines.paste) {
      const text = (cells[col] ?? '').trim();
      if (text === '') continue;
      if (target.kind === 'field') {
        inputs[target.field] = inColumnUnit(text, view.columns[col]!, view.formats[col]!);
        continue;
      }
      // A reference is found by the first printed column that names it (表14: 项目代码 before 项目名称).
      if (resolved.has(target.field)) continue;
      resolved.add(target.field);
      const id = findRecord(book, target.dataset, target.by, text, unit);
      if (id) inputs[target.field] = id;
      else {
        const what = book.template.datasets[target.dataset]?.label ?? target.dataset;
        problems.push({
          where: `粘贴的第 ${i + 1} 行“${view.columns[col]?.label ?? ''}”`,
          message: `${unit ? '本单位' : '本部门'}没有${what}“${text}”，请先新增该${what}`,
        });
      }
    }
    rows.push(inputs);
  });
  return { rows, skipped, problems };
}

/** The id of the record of `dataset` whose `field` is `text` and that belongs to `unit` (when it has a unit). */
function findRecord(book: LoadedBook, dataset: string, field: string, text: string, unit: string): string | undefined {
  const def = book.template.datasets[dataset];
  const own = def && unitField(def);
  return book.records.get(dataset)?.find((r) => r.fields[field] === text && (!own || r.fields[own] === unit))?.id;
}
