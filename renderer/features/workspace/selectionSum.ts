/**
 * The status bar's sum of the selected amount cells, in the unit their columns count in. Figures of a 元 column
 * and of a 万元 column are different numbers of different units: a selection holding both is summed per unit and
 * says so, never added into one figure.
 */
import type { TableView } from '../../../shared/engine/view';
import { type Fen, formatAmount, type MoneyUnit } from '../../../shared/money/money';
import type { Rect } from '../grid/selection';

interface UnitSum {
  readonly unit: MoneyUnit;
  readonly count: number;
  readonly sum: Fen;
}

/** The selected amounts summed per unit, in the order their units first appear (none when fewer than two amounts). */
function sumsByUnit(view: Pick<TableView, 'rows' | 'formats'>, r: Rect): UnitSum[] {
  const sums = new Map<MoneyUnit, { count: number; sum: number }>();
  for (let i = r.top; i <= r.bottom; i++) {
    for (let j = r.left; j <= r.right; j++) {
      const cell = view.rows[i]?.cells[j];
      if (cell?.kind !== 'amount') continue;
      const unit = view.formats[j]!.unit;
      const s = sums.get(unit) ?? { count: 0, sum: 0 };
      s.count++;
      s.sum += cell.value;
      sums.set(unit, s);
    }
  }
  return [...sums].map(([unit, s]) => ({ unit, count: s.count, sum: s.sum as Fen }));
}

/** What the status bar says of the selection: `已选 3 个金额，合计 1,234.00 万元`; nothing for fewer than two amounts. */
export function selectionSumText(view: Pick<TableView, 'rows' | 'formats'>, r: Rect): string | undefined {
  const sums = sumsByUnit(view, r);
  const count = sums.reduce((n, s) => n + s.count, 0);
  if (count < 2) return undefined;
  // The figures are counted in their column's unit with the document's decimals (see AmountFormat).
  const money = view.formats[0]!.money;
  const figure = (s: UnitSum) => `${formatAmount(s.sum, money)} ${s.unit}`;
  if (sums.length === 1) return `已选 ${count} 个金额，合计 ${figure(sums[0]!)}`;
  return `已选 ${count} 个金额，单位不同，分别合计：${sums.map((s) => `${figure(s)}（${s.count} 个）`).join('；')}`;
}
