/**
 * Where the editor goes for a check or a record: the cells a failed check is about, and the line of a record where
 * the officer types it.
 */
import type { LoadedBook, LoadedRecord } from '../../../shared/book/load';
import type { BuiltModel } from '../../../shared/engine/build';
import { bindingOf, type CellRef } from '../../../shared/engine/bindings';
import type { Failure } from '../../../shared/engine/checks';
import type { Engine } from '../../../shared/engine/engine';
import type { Row, TableModel } from '../../../shared/engine/model';
import type { TableView } from '../../../shared/engine/view';
import type { CellTarget } from './cellLabel';

/** A cell of a table already chosen. */
export type CellOfTable = Omit<CellTarget, 'tableId'>;

/**
 * The cells of one table a failed check is about: the first is made active, and the selection spans them all.
 * `elsewhere` names the other tables the check reads, which one grid cannot show with them.
 */
export interface CellPlace {
  readonly tableId: string;
  readonly cells: readonly [CellOfTable, ...CellOfTable[]];
  readonly elsewhere: readonly string[];
}

/** The line of a table as shown that prints a row: its own, or in a table of panels the line its panel prints it on. */
export function lineOfRow(view: TableView, rowId: string): number {
  return view.rows.findIndex((r) => r.id === rowId || r.panelRows?.includes(rowId));
}

/** The row of an entry table that shows this record alone: where the officer types it. */
export function lineOfRecord(model: BuiltModel, record: LoadedRecord): CellTarget | undefined {
  for (const table of model.tables) {
    if (!table.def.entry?.includes(record.dataset)) continue;
    const row = table.rows.find((r) => r.visible && r.children.length === 0 && model.rowRecords.get(r)?.includes(record));
    if (row) return { tableId: table.def.id, rowId: row.id };
  }
  return undefined;
}

/**
 * The cell where the officer corrects a record: in the first entry table (in document order) with a cell that edits
 * one of its fields, preferably one of `fields` (those a check reads). Entry tables rather than the first table that
 * prints the record, because only there the cell can be typed; a record no entry table types (a project without
 * lines) goes to its line, if any.
 */
export function cellOfRecord(book: LoadedBook, model: BuiltModel, record: LoadedRecord, fields: readonly string[] = []): CellTarget | undefined {
  for (const table of model.tables) {
    if (!table.def.entry?.includes(record.dataset)) continue;
    const cell = typedCell(book, model, table, record, fields);
    if (cell) return cell;
  }
  return lineOfRecord(model, record);
}

/** The first row of a table with a cell bound to the record, on a column of `fields` when one is. */
function typedCell(book: LoadedBook, model: BuiltModel, table: TableModel, record: LoadedRecord, fields: readonly string[]): CellTarget | undefined {
  const candidates = rowsShowing(book, model, table, record);
  for (const row of table.rows) {
    if (!candidates.has(row) || !row.visible) continue;
    const bound = table.columns.filter((c) => {
      const b = bindingOf(book, model, row, c);
      return b?.dataset === record.dataset && b.recordId === record.id;
    });
    if (bound.length === 0) continue;
    const column = bound.find((c) => fields.includes(bindingOf(book, model, row, c)!.field)) ?? bound[0]!;
    return { tableId: table.def.id, rowId: row.id, columnKey: column.key };
  }
  return undefined;
}

/**
 * The rows that may print a record's fields: the lines that add it up or point to it (a project's expenditure lines),
 * and the rows above them (the project's own row, printed from `{project.name}`).
 */
function rowsShowing(book: LoadedBook, model: BuiltModel, table: TableModel, record: LoadedRecord): Set<Row> {
  const refs = Object.entries(book.template.datasets).flatMap(([dataset, def]) =>
    Object.entries(def.fields).flatMap(([name, f]) => (f.type === 'ref' && f.dataset === record.dataset ? [{ dataset, name }] : [])),
  );
  const shows = (r: LoadedRecord) => r === record || refs.some((ref) => r.dataset === ref.dataset && r.fields[ref.name] === record.id);
  const rows = new Set<Row>();
  for (const row of table.rows) {
    if (row.children.length > 0 || !model.rowRecords.get(row)?.some(shows)) continue;
    for (let r: Row | null = row; r && !rows.has(r); r = r.parent) rows.add(r);
  }
  return rows;
}

/** The cells a template rule reads, in the first table it reads (its left side first). */
function placeOfCells(model: BuiltModel, reads: readonly CellRef[]): CellPlace | undefined {
  const [first] = reads;
  if (!first) return undefined;
  const own = reads.filter((c) => c.tableId === first.tableId).map(({ rowId, columnKey }) => ({ rowId, columnKey }));
  const elsewhere = [...new Set(reads.filter((c) => c.tableId !== first.tableId).map((c) => model.tableById.get(c.tableId)?.def.caption ?? c.tableId))];
  return { tableId: first.tableId, cells: [own[0]!, ...own.slice(1)], elsewhere };
}

function single({ tableId, ...cell }: CellTarget): CellPlace {
  return { tableId, cells: [cell], elsewhere: [] };
}

/**
 * Where a failed check of the tables is shown: its cell (栏次, roll-ups, 手工填报), the cells its rule reads for this
 * unit, row or record, or the cell of its record where the officer corrects it (record, exists and unique rules).
 */
export function placeOfFailure(engine: Engine, f: Failure): CellPlace | undefined {
  if (f.tableId) return single({ tableId: f.tableId, rowId: f.rowId ?? '', ...(f.columnKey ? { columnKey: f.columnKey } : {}) });
  const reads = engine.failureReads(f);
  if (reads.length > 0) return placeOfCells(engine.model, reads);
  const record = f.record && engine.book.recordById.get(f.record.dataset)?.get(f.record.id);
  const cell = record && cellOfRecord(engine.book, engine.model, record, f.record?.fields);
  return cell && single(cell);
}
