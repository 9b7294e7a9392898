/**
 * What reading a workbook reports: problems (the workbook cannot be imported as it is) and notices (it can, and the
 * officer should know what was guessed, recovered or imported as 手工填报), each placed the way Excel names cells:
 * `表10 第 12 行 G 列`.
 */
import { columnLetter } from './layout';

export interface SheetPlace {
  readonly sheet: string;
  /** 1-based, as Excel shows it. */
  readonly row?: number;
  /** 0-based column index; shown as its letter. */
  readonly column?: number;
}

export interface WorkbookMessage extends SheetPlace {
  /** The place in words, e.g. `表10 第 12 行 G 列` (just `表10` for the whole sheet, `工作簿` for the file). */
  readonly where: string;
  readonly message: string;
}

export function placeText(p: SheetPlace): string {
  const parts = [p.sheet || '工作簿'];
  if (p.row !== undefined) parts.push(`第 ${p.row} 行`);
  if (p.column !== undefined) parts.push(`${columnLetter(p.column)} 列`);
  return parts.join(' ');
}

export function workbookMessage(place: SheetPlace, message: string): WorkbookMessage {
  return { ...place, where: placeText(place), message };
}

export function describeMessage(m: WorkbookMessage): string {
  return `${m.where}：${m.message}`;
}
