/**
 * A figure typed into a column counted in another unit than the document's (a form's 元 in a 万元 document) is
 * handed on as the column counts it: `25162.4万元` typed into a 元 column becomes `251624000.00`, which storage
 * (reading a figure without a unit in the document's) keeps as is. Text that does not read as a figure, or has more
 * decimals than kept, is handed on as typed, for storage to refuse with its message.
 */
import type { LeafColumn } from '../../../shared/template/schema';
import { type AmountFormat, amountToPlain, parseFigure } from '../../../shared/money/money';

export function inColumnUnit(text: string, column: LeafColumn, format: AmountFormat): string {
  if (column.type !== 'amount' || format.unit === format.money.unit) return text;
  const parsed = parseFigure(text, format);
  return parsed.ok && !parsed.rounded ? amountToPlain(parsed.value, format.money) : text;
}
