/** The unit and print style of a column's amounts, as the template declares them (column, else table, else document). */
import type { AmountFormat } from '../money/money';
import type { LeafColumn, TableDef, Template } from './schema';

export function amountFormat(
  template: Pick<Template, 'money'>,
  table: Pick<TableDef, 'unit' | 'style'>,
  column: Pick<LeafColumn, 'unit' | 'style'>,
): AmountFormat {
  return { unit: column.unit ?? table.unit ?? template.money.unit, style: column.style ?? table.style ?? 'grouped', money: template.money };
}

/** The unit a heading line names (`金额单位：万元` → 万元), if any. */
export function unitNamed(line: string): AmountFormat['unit'] | undefined {
  return /万元|元/.exec(line)?.[0] as AmountFormat['unit'] | undefined;
}
