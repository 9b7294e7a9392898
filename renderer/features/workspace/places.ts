/**
 * Where the editor goes for a check or a record: the line of an entered record in its entry table, and the first
 * table a check between tables reads.
 */
import type { LoadedRecord } from '../../../shared/book/load';
import { type BuiltModel, compileFormula } from '../../../shared/engine/build';
import type { Failure } from '../../../shared/engine/checks';
import type { Engine } from '../../../shared/engine/engine';
import { walk } from '../../../shared/engine/expr';
import type { Template } from '../../../shared/template/schema';
import type { CellTarget } from './cellLabel';

/** The row of an entry table that shows this record alone: where the officer types it. */
export function lineOfRecord(model: BuiltModel, record: LoadedRecord): CellTarget | undefined {
  for (const table of model.tables) {
    if (!table.def.entry?.includes(record.dataset)) continue;
    const row = table.rows.find((r) => r.visible && r.children.length === 0 && model.rowRecords.get(r)?.includes(record));
    if (row) return { tableId: table.def.id, rowId: row.id };
  }
  return undefined;
}

/** The first cell a template rule reads (its left side first): the table, and the row when the rule names one. */
export function firstCellOfRule(template: Template, ruleId: string): CellTarget | undefined {
  const rule = template.rules.find((r) => r.id === ruleId);
  if (!rule || rule.kind !== 'compare') return undefined;
  let found: CellTarget | undefined;
  for (const side of [rule.lhs, rule.rhs]) {
    walk(compileFormula(side), (e) => {
      if (found || e.kind !== 'cell') return;
      found = { tableId: e.table, rowId: e.row.kind === 'id' ? e.row.id : '', columnKey: e.column };
    });
  }
  return found;
}

/** Where a failed check of the tables is shown: its cell, its record's line, or the first table its rule reads. */
export function placeOfFailure(engine: Engine, f: Failure): CellTarget | undefined {
  if (f.tableId) return { tableId: f.tableId, rowId: f.rowId ?? '', ...(f.columnKey ? { columnKey: f.columnKey } : {}) };
  const record = f.record && engine.book.recordById.get(f.record.dataset)?.get(f.record.id);
  if (record) return lineOfRecord(engine.model, record);
  return firstCellOfRule(engine.book.template, f.ruleId);
}
