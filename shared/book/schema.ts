/**
 * The book file (数据包, `*.budget.json`): one department's book for one year and template, as entered. Everything
 * derived (the other tables, totals, checks) is recomputed from it, so the file holds no derived figure except the
 * tables an officer switched to 手工填报.
 */
import { z } from 'zod';

export const BOOK_FORMAT = 'budget-disclosure-book';
export const BOOK_FORMAT_VERSION = 1;

export const UnitRecord = z.strictObject({
  code: z.string().regex(/^\S+$/, '单位编码不能含空格'),
  name: z.string().min(1, '单位名称不能为空'),
  kind: z.string().min(1),
});
export type UnitRecord = z.infer<typeof UnitRecord>;

/**
 * One entered record: a stable id plus field values as text (amounts as plain decimals in the template's unit,
 * codes, enum values, ids of referenced records). A missing amount is zero.
 */
export const EntryRecord = z
  .object({ id: z.string().min(1, '记录编号不能为空') })
  .catchall(z.string());
export type EntryRecord = z.infer<typeof EntryRecord>;

/** A cell of a table entered by hand (手工填报): text, or an amount as a number or decimal text. */
export const ManualCell = z.union([z.string(), z.number()]);
export const ManualTable = z.array(z.array(ManualCell));
export type ManualTable = z.infer<typeof ManualTable>;

export const BookFile = z.strictObject({
  format: z.literal(BOOK_FORMAT),
  formatVersion: z.number().int().positive(),
  template: z.strictObject({ id: z.string(), version: z.number().int().positive() }),
  department: z.strictObject({ code: z.string().min(1), name: z.string().min(1) }),
  year: z.number().int().min(2000).max(2100),
  units: z.array(UnitRecord).min(1, '至少需要一个预算单位'),
  /** Codes the officer added to a catalogue (a code missing from the national list). */
  extraCodes: z.record(z.string(), z.array(z.strictObject({ code: z.string(), name: z.string() }))).optional(),
  data: z.record(z.string(), z.array(EntryRecord)),
  /** Tables switched to 手工填报: their rows as printed (without header rows). */
  manual: z.record(z.string(), ManualTable).optional(),
  /** The document's text: 部门概况, reasons, 其他重要事项 … by key. */
  text: z.record(z.string(), z.string()).optional(),
  /** SHA-256 of the rest of the file (see checksum.ts); files written before it existed have none. */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, '校验码应为“sha256:”加 64 位十六进制数字').optional(),
});
export type BookFile = z.infer<typeof BookFile>;
