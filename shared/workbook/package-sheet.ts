/**
 * The hidden sheet 数据包: the book file the workbook was written from, serialised as a book file is saved (with its
 * SHA-256 checksum) and split over cells, since a cell holds at most 32,767 characters. It carries what the printed
 * tables cannot (record ids, 项目代码 of projects without targets, 资金来源, 单位性质, the document's text), so our own
 * workbook reads back exactly; the checksum tells an intact copy from one edited or cut short.
 */
import { serializeBook } from '../book/export';
import type { BookFile } from '../book/schema';
import type { ReadSheet, SheetSpec } from './xlsx';

export const PACKAGE_SHEET = '数据包';
const FORMAT = 'budget-disclosure-workbook-package/1';
const CHUNK = 32_000;
const NOTICE = '本工作表保存生成本工作簿的数据包，导入时用于完整恢复，请勿修改。';

/** Pieces of at most CHUNK code units that never split a surrogate pair (a lone half is not valid XML). */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

export async function packageSheet(file: BookFile): Promise<SheetSpec> {
  const parts = chunks(await serializeBook(file));
  return {
    name: PACKAGE_SHEET,
    hidden: true,
    rows: [[{ value: NOTICE }], [{ value: FORMAT }, { value: parts.length }], ...parts.map((p) => [{ value: p }])],
    merges: [],
    widths: [40, 8],
  };
}

export type PackageRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'damaged'; readonly reason: string }
  /** The book file's text, still to be verified (checksum, schema) like any book file taken in. */
  | { readonly kind: 'present'; readonly text: string };

export function readPackage(sheet: ReadSheet | undefined): PackageRead {
  if (!sheet) return { kind: 'absent' };
  const [format, count] = sheet.rows[1] ?? [];
  if (format !== FORMAT || typeof count !== 'number') return { kind: 'damaged', reason: '格式标记不符' };
  const parts = sheet.rows.slice(2, 2 + count).map((r) => r[0]);
  if (parts.length !== count || parts.some((p) => typeof p !== 'string')) return { kind: 'damaged', reason: '内容不完整' };
  return { kind: 'present', text: parts.join('') };
}
